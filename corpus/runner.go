package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/oagen/oagen/internal/roundtrip"
)

// ModulePath is the module of the temporary build folders.
const ModulePath = "corpusclient"

// Result is what happened to one spec.
type Result struct {
	Spec
	Stage Stage `json:"stage"`
	// Cause is the normalised first error line, which groups failures.
	Cause string `json:"cause,omitempty"`
	// Error is the start of the raw error output.
	Error    string `json:"error,omitempty"`
	TimedOut bool   `json:"timed_out,omitempty"`
	Warnings int    `json:"warnings"`
	// WarningCauses counts the warnings by normalised message.
	WarningCauses map[string]int `json:"warning_causes,omitempty"`
	Files         int            `json:"files,omitempty"`
	Bytes         int64          `json:"bytes,omitempty"`
	GenSeconds    float64        `json:"gen_seconds"`
	MaxRSSMB      int64          `json:"max_rss_mb,omitempty"`
	// Dir is the generated package, when the run keeps its work folder.
	Dir string `json:"dir,omitempty"`
}

// Runner generates, builds and vets clients for specs.
type Runner struct {
	Gen     Generator
	Package string // Go package name of the clients; "client"
	Workers int    // generations at once; 2
	// GenTimeout limits one generation; BuildTimeout one `go build` or
	// `go vet` of a batch (a batch that runs out is retried package by
	// package, each with the same limit).
	GenTimeout, BuildTimeout time.Duration
	// A batch is built when it holds BatchSize packages or BatchBytes of
	// source.
	BatchSize  int
	BatchBytes int64
	// WorkDir holds the generated packages; a new temporary folder,
	// removed afterwards, when empty. With Keep, every package is left
	// there (and the folder too).
	WorkDir string
	Keep    bool
	GoEnv   []string  // added to the go command's environment
	Log     io.Writer // progress lines; nil for none
}

func (r *Runner) defaults() {
	if r.Package == "" {
		r.Package = "client"
	}
	if r.Workers <= 0 {
		r.Workers = 2
	}
	if r.GenTimeout <= 0 {
		r.GenTimeout = 3 * time.Minute
	}
	if r.BuildTimeout <= 0 {
		r.BuildTimeout = 15 * time.Minute
	}
	if r.BatchSize <= 0 {
		r.BatchSize = 60
	}
	if r.BatchBytes <= 0 {
		r.BatchBytes = 40 << 20
	}
	if r.Log == nil {
		r.Log = io.Discard
	}
}

type batch struct {
	dir   string
	pkgs  []string // folder names inside dir
	index []int    // result index of each package
	bytes int64
}

// Run processes specs and returns one Result per spec, in order.
func (r *Runner) Run(ctx context.Context, specs []Spec) ([]Result, error) {
	r.defaults()
	work := r.WorkDir
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "oagen-corpus-"); err != nil {
			return nil, err
		}
		if !r.Keep {
			defer os.RemoveAll(work)
		}
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	work, _ = filepath.Abs(work)
	genDir := filepath.Join(work, "gen")
	if err := os.MkdirAll(genDir, 0o755); err != nil {
		return nil, err
	}

	results := make([]Result, len(specs))
	jobs := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for range r.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r.generate(ctx, specs[i], i, filepath.Join(genDir, pkgDirName(i, specs[i].ID)), &results[i])
				done <- i
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range specs {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()

	batches := make(chan *batch, 1)
	built := make(chan struct{})
	go func() {
		defer close(built)
		for b := range batches {
			r.buildBatch(ctx, b, results)
			if !r.Keep {
				os.RemoveAll(b.dir)
			}
		}
	}()

	var cur *batch
	nb, ndone := 0, 0
	flush := func() {
		if cur != nil {
			batches <- cur
			cur = nil
		}
	}
	started := time.Now()
	for i := range done {
		ndone++
		res := &results[i]
		if res.Stage != StageOK {
			fmt.Fprintf(r.Log, "[%d/%d] %s: %s: %s\n", ndone, len(specs), res.ID, res.Stage, res.Cause)
		} else if res.GenSeconds >= 20 {
			fmt.Fprintf(r.Log, "[%d/%d] %s: generated in %.0fs (%d KiB)\n", ndone, len(specs), res.ID, res.GenSeconds, res.Bytes>>10)
		}
		if ndone%100 == 0 {
			fmt.Fprintf(r.Log, "[%d/%d] generated, %s elapsed\n", ndone, len(specs), time.Since(started).Round(time.Second))
		}
		if res.Stage != StageOK {
			continue
		}
		if cur == nil {
			nb++
			cur = &batch{dir: filepath.Join(work, fmt.Sprintf("b%04d", nb))}
			if err := newModule(cur.dir); err != nil {
				return nil, err
			}
		}
		name := pkgDirName(i, res.ID)
		if err := os.Rename(filepath.Join(genDir, name), filepath.Join(cur.dir, name)); err != nil {
			return nil, err
		}
		cur.pkgs = append(cur.pkgs, name)
		cur.index = append(cur.index, i)
		cur.bytes += res.Bytes
		if r.Keep {
			res.Dir = filepath.Join(cur.dir, name)
		}
		if len(cur.pkgs) >= r.BatchSize || cur.bytes >= r.BatchBytes {
			flush()
		}
	}
	flush()
	close(batches)
	<-built
	if err := ctx.Err(); err != nil {
		return results, err
	}
	return results, nil
}

func (r *Runner) generate(ctx context.Context, s Spec, i int, dir string, res *Result) {
	res.Spec = s
	gctx, cancel := context.WithTimeout(ctx, r.GenTimeout)
	defer cancel()
	g := r.Gen.Generate(gctx, s, r.Package, dir)
	res.Stage = g.Stage
	res.TimedOut = g.TimedOut
	res.Files, res.Bytes = g.Files, g.Bytes
	res.GenSeconds = g.Duration.Seconds()
	res.MaxRSSMB = g.MaxRSS >> 20
	res.Warnings = len(g.Warnings)
	if len(g.Warnings) > 0 {
		res.WarningCauses = map[string]int{}
		for _, w := range g.Warnings {
			res.WarningCauses[w]++
		}
	}
	if g.Stage != StageOK {
		res.Error = Excerpt(g.Error, 20)
		res.Cause = Normalize(FirstLine(g.Error))
		if g.TimedOut {
			res.Cause = fmt.Sprintf("timed out (limit %s)", r.GenTimeout)
		}
		if !r.Keep {
			os.RemoveAll(dir)
		} else if _, err := os.Stat(dir); err == nil {
			res.Dir = dir
		}
	}
}

// pkgDirName is the folder (and import path element) of spec i.
func pkgDirName(i int, id string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "s%05d_", i)
	for _, r := range id {
		if b.Len() >= 64 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

var pkgDirRE = regexp.MustCompile(`\bs\d{5}_[A-Za-z0-9_]*`)

func newModule(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+ModulePath+"\n\ngo 1.26\n"), 0o644)
}

// goCmd runs the go command in dir with a time limit.
func (r *Runner) goCmd(ctx context.Context, dir string, args ...string) (out []byte, err error, timedOut bool) {
	cctx, cancel := context.WithTimeout(ctx, r.BuildTimeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=-mod=mod", "CGO_ENABLED=0")
	cmd.Env = append(cmd.Env, r.GoEnv...)
	cmd.WaitDelay = 5 * time.Second
	out, err = cmd.CombinedOutput()
	return out, err, cctx.Err() != nil && ctx.Err() == nil
}

// buildBatch builds, then vets, the packages of b and records failures.
func (r *Runner) buildBatch(ctx context.Context, b *batch, results []Result) {
	start := time.Now()
	pos := map[string]int{} // package folder -> result index
	for k, p := range b.pkgs {
		pos[p] = b.index[k]
	}
	ok := r.check(ctx, b.dir, b.pkgs, StageBuild, pos, results)
	nok := len(ok)
	buildTime := time.Since(start)
	if len(ok) > 0 {
		ok = r.check(ctx, b.dir, ok, StageVet, pos, results)
	}
	var unions []string
	for _, p := range ok {
		if _, err := os.Stat(filepath.Join(b.dir, p, roundtrip.FileName)); err == nil {
			unions = append(unions, p)
		}
	}
	if len(unions) > 0 {
		r.check(ctx, b.dir, unions, StageUnions, pos, results)
	}
	fmt.Fprintf(r.Log, "batch %s: %d packages, %d MiB: %d built (%s), %d vetted clean (%s)\n",
		filepath.Base(b.dir), len(b.pkgs), b.bytes>>20, nok, buildTime.Round(time.Second), len(ok), (time.Since(start) - buildTime).Round(time.Second))
}

// check runs `go build` or `go vet` over pkgs, marks the failing ones and
// returns those that passed.
func (r *Runner) check(ctx context.Context, dir string, pkgs []string, stage Stage, pos map[string]int, results []Result) []string {
	args := []string{"build", "-json", "./..."}
	if stage == StageUnions {
		args = []string{"test", "-json", "-run", "^" + roundtrip.TestName + "$"}
		for _, p := range pkgs {
			args = append(args, "./"+p)
		}
	} else if stage == StageVet {
		args = []string{"vet"}
		for _, p := range pkgs {
			args = append(args, "./"+p)
		}
	} else if len(pkgs) == 1 {
		args[2] = "./" + pkgs[0]
	}
	out, err, timedOut := r.goCmd(ctx, dir, args...)
	if ctx.Err() != nil {
		for _, p := range pkgs {
			results[pos[p]].Stage = "" // not run
		}
		return nil
	}
	if timedOut {
		if len(pkgs) > 1 {
			fmt.Fprintf(r.Log, "go %s of %d packages in %s timed out; retrying one by one\n", stage, len(pkgs), dir)
			var passed []string
			for _, p := range pkgs {
				passed = append(passed, r.check(ctx, dir, []string{p}, stage, pos, results)...)
			}
			return passed
		}
		res := &results[pos[pkgs[0]]]
		res.Stage, res.TimedOut = stage, true
		res.Cause = fmt.Sprintf("go %s timed out (limit %s)", stage, r.BuildTimeout)
		return nil
	}
	if err == nil {
		return pkgs
	}
	failed, other := attribute(out, stage == StageBuild || stage == StageUnions)
	var passed []string
	for _, p := range pkgs {
		text, bad := failed[p]
		if !bad && len(failed) == 0 {
			// The command failed but named no package: charge them all.
			text, bad = other, true
		}
		if !bad {
			passed = append(passed, p)
			continue
		}
		res := &results[pos[p]]
		res.Stage = stage
		res.Error = Excerpt(text, 20)
		res.Cause = Normalize(FirstLine(text))
		if res.Cause == "" {
			res.Cause = fmt.Sprintf("go %s failed without output", stage)
		}
	}
	return passed
}

// attribute splits the output of `go build -json` or `go vet` by package
// folder. Lines that name no package go to other.
func attribute(out []byte, jsonEvents bool) (failed map[string]string, other string) {
	failed = map[string]string{}
	var rest strings.Builder
	cur := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if jsonEvents && strings.HasPrefix(line, "{") {
			var ev struct{ ImportPath, Action, Output string }
			if json.Unmarshal([]byte(line), &ev) == nil {
				p := strings.TrimPrefix(ev.ImportPath, ModulePath+"/")
				switch ev.Action {
				case "build-output":
					failed[p] += ev.Output
				case "output":
					if strings.Contains(ev.Output, "decodes to another variant") {
						failed[p] += ev.Output
					}
				case "build-fail", "fail":
					if _, ok := failed[p]; !ok {
						failed[p] = ""
					}
				}
				continue
			}
		}
		if m := pkgDirRE.FindString(line); m != "" {
			cur = m
		}
		if cur == "" {
			rest.WriteString(line + "\n")
			continue
		}
		failed[cur] += line + "\n"
	}
	return failed, rest.String()
}
