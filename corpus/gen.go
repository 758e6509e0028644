package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/internal/roundtrip"
)

// GenFunc generates the client for one spec, with the generator's config
// file when configPath is not empty: file name -> Go source.
type GenFunc func(specPath, configPath, pkg string) (map[string][]byte, error)

// GenFuncW is a GenFunc that also returns the warnings met on the way.
type GenFuncW func(specPath, configPath, pkg string) (files map[string][]byte, warnings []string, err error)

// NoWarnings adapts a GenFunc.
func NoWarnings(f GenFunc) GenFuncW {
	return func(specPath, configPath, pkg string) (map[string][]byte, []string, error) {
		files, err := f(specPath, configPath, pkg)
		return files, nil, err
	}
}

// Stage is where a spec failed; StageOK when it did not.
type Stage string

const (
	StageOK       Stage = "ok"
	StageLoad     Stage = "load"     // the generator rejected the spec with located diagnostics
	StageGenerate Stage = "generate" // any other generator error, a panic, a crash, a time-out
	StageBuild    Stage = "build"
	StageVet      Stage = "vet"
	// StageUnions runs the test that every union constructor's value
	// decodes back to its variant (see internal/roundtrip).
	StageUnions Stage = "unions"
)

// Stages in pipeline order.
var Stages = []Stage{StageLoad, StageGenerate, StageBuild, StageVet, StageUnions}

// GenResult is the outcome of generating one client.
type GenResult struct {
	Stage    Stage         `json:"stage"` // StageOK, StageLoad or StageGenerate
	Error    string        `json:"error,omitempty"`
	TimedOut bool          `json:"timed_out,omitempty"`
	Files    int           `json:"files"`
	Bytes    int64         `json:"bytes"`
	Warnings []string      `json:"warnings,omitempty"` // normalised, one per warning
	Duration time.Duration `json:"duration"`
	MaxRSS   int64         `json:"max_rss,omitempty"` // bytes, when known
}

// Generator runs a GenFunc for one spec and writes the files into dir.
type Generator interface {
	Generate(ctx context.Context, s Spec, pkg, dir string) GenResult
}

// InProcess runs the function in this process. A call that outlives its
// context is abandoned (its goroutine keeps running), and a fatal error in
// it (a stack overflow) ends the process: use Subprocess for untrusted
// inputs.
type InProcess struct{ Fn GenFuncW }

func (g InProcess) Generate(ctx context.Context, s Spec, pkg, dir string) GenResult {
	start := time.Now()
	done := make(chan GenResult, 1)
	go func() { done <- generate(g.Fn, s.Path, s.Config, pkg, dir) }()
	select {
	case r := <-done:
		r.Duration = time.Since(start)
		return r
	case <-ctx.Done():
		return GenResult{Stage: StageGenerate, TimedOut: true, Error: timeoutMessage(ctx, time.Since(start)), Duration: time.Since(start)}
	}
}

// generate calls fn, recovering a panic, and writes the files.
func generate(fn GenFuncW, specPath, configPath, pkg, dir string) (r GenResult) {
	defer func() {
		if p := recover(); p != nil {
			r = GenResult{Stage: StageGenerate, Error: fmt.Sprintf("panic: %v\n\n%s", p, debug.Stack())}
		}
	}()
	files, warnings, err := fn(specPath, configPath, pkg)
	for _, w := range warnings {
		r.Warnings = append(r.Warnings, Normalize(w))
	}
	if err != nil {
		r.Stage, r.Error = classify(err), ErrorText(err)
		return r
	}
	if len(files) == 0 {
		r.Stage, r.Error = StageGenerate, "generator returned no files"
		return r
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.Stage, r.Error = StageGenerate, err.Error()
		return r
	}
	for name, src := range files {
		if name != filepath.Base(name) || name == "go.mod" {
			r.Stage, r.Error = StageGenerate, fmt.Sprintf("generator returned file %q: want a file name without folders", name)
			return r
		}
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			r.Stage, r.Error = StageGenerate, err.Error()
			return r
		}
		if strings.HasSuffix(name, ".go") {
			r.Files++
			r.Bytes += int64(len(src))
		}
	}
	check, err := roundtrip.Test(pkg, ModulePath+"/"+filepath.Base(dir), files)
	if err == nil && check != nil {
		err = os.WriteFile(filepath.Join(dir, roundtrip.FileName), check, 0o644)
	}
	if err != nil {
		r.Stage, r.Error = StageGenerate, "union round-trip test: "+err.Error()
		return r
	}
	r.Stage = StageOK
	return r
}

// classify tells a rejected spec (a diag.List: located problems in the
// description) from a failure of the generator itself.
func classify(err error) Stage {
	var l diag.List
	if errors.As(err, &l) && len(l) > 0 {
		return StageLoad
	}
	return StageGenerate
}

// ErrorText renders a generator error: a diag.List with its errors first.
func ErrorText(err error) string {
	var l diag.List
	if errors.As(err, &l) {
		errs := l.Errors()
		if len(errs) > 0 {
			return errs.Error()
		}
	}
	return err.Error()
}

func timeoutMessage(ctx context.Context, d time.Duration) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Sprintf("timed out after %s", d.Round(time.Second))
	}
	return "canceled"
}

// childEnv marks a process started by Subprocess.
const childEnv = "OAGEN_CORPUS_CHILD"

// IsChild reports whether this process was started by Subprocess to
// generate one client; its main (or TestMain) must then call ChildMain.
func IsChild() bool { return os.Getenv(childEnv) == "1" }

// job is what Subprocess asks of a child, on its standard input.
type job struct {
	Spec    string `json:"spec"`
	Config  string `json:"config,omitempty"`
	Package string `json:"package"`
	Dir     string `json:"dir"`
	Result  string `json:"result"` // file to write the GenResult to
}

// ChildMain serves one Subprocess request with fn and returns the exit
// code. Call it first thing in main when IsChild.
func ChildMain(fn GenFuncW) int {
	var j job
	if err := json.NewDecoder(os.Stdin).Decode(&j); err != nil {
		fmt.Fprintln(os.Stderr, "corpus child: reading job:", err)
		return 2
	}
	start := time.Now()
	r := generate(fn, j.Spec, j.Config, j.Package, j.Dir)
	r.Duration = time.Since(start)
	data, _ := json.Marshal(r)
	if err := os.WriteFile(j.Result, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "corpus child:", err)
		return 2
	}
	return 0
}

// Subprocess runs each generation in a child process: Exe (normally the
// running binary) with childEnv set, whose main calls ChildMain. A child
// that outlives its context is killed; one that dies is reported with the
// first line of its standard error.
type Subprocess struct {
	Exe  string
	Args []string
	Env  []string // added to the environment
}

func (g Subprocess) Generate(ctx context.Context, s Spec, pkg, dir string) GenResult {
	start := time.Now()
	resultFile := dir + ".result.json"
	defer os.Remove(resultFile)
	in, _ := json.Marshal(job{Spec: s.Path, Config: s.Config, Package: pkg, Dir: dir, Result: resultFile})
	cmd := exec.CommandContext(ctx, g.Exe, g.Args...)
	cmd.Env = append(append(os.Environ(), g.Env...), childEnv+"=1")
	cmd.Stdin = bytes.NewReader(in)
	var stderr headBuffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	elapsed := time.Since(start)
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss * 1024
		}
	}
	if ctx.Err() != nil {
		return GenResult{Stage: StageGenerate, TimedOut: true, Error: timeoutMessage(ctx, elapsed), Duration: elapsed, MaxRSS: rss}
	}
	var r GenResult
	data, rerr := os.ReadFile(resultFile)
	if rerr != nil || json.Unmarshal(data, &r) != nil {
		msg := crashLine(stderr.String())
		if err != nil {
			msg = fmt.Sprintf("generator process died (%v): %s", err, msg)
		} else {
			msg = "generator process wrote no result: " + msg
		}
		return GenResult{Stage: StageGenerate, Error: msg + "\n\n" + Excerpt(stderr.String(), 40), Duration: elapsed, MaxRSS: rss}
	}
	r.Duration, r.MaxRSS = elapsed, rss
	return r
}

// crashLine picks the telling line of a dead child's output: the fatal
// error or panic, else the first line.
func crashLine(out string) string {
	for l := range strings.SplitSeq(out, "\n") {
		for _, p := range []string{"fatal error:", "panic:", "runtime: goroutine stack exceeds", "runtime: out of memory"} {
			if strings.HasPrefix(l, p) {
				return strings.TrimSpace(l)
			}
		}
	}
	if l := FirstLine(out); l != "" {
		return l
	}
	return "(no output)"
}

// headBuffer keeps the first 64 KiB written to it.
type headBuffer struct{ bytes.Buffer }

func (b *headBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
