package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/oagen/oagen/generator/diag"
)

// genEnv picks the child's generator: "fake" for fakeGen.
const genEnv = "OAGEN_CORPUS_TEST_GEN"

func TestMain(m *testing.M) {
	if IsChild() {
		fn := GenFuncW(Oagen)
		if os.Getenv(genEnv) == "fake" {
			fn = fakeGen
		}
		os.Exit(ChildMain(fn))
	}
	os.Exit(m.Run())
}

// fakeGen stands in for the generator. The "spec" is a text file naming
// what to do.
func fakeGen(specPath, _, pkg string) (map[string][]byte, []string, error) {
	data, err := os.ReadFile(specPath)
	if err != nil {
		return nil, nil, err
	}
	src := func(body string) []byte { return []byte("package " + pkg + "\n\n" + body + "\n") }
	switch mode := strings.TrimSpace(string(data)); mode {
	case "ok":
		return map[string][]byte{
			"client.go": src("// Client calls the API.\ntype Client struct{ BaseURL string }"),
			"types.go":  src("// Pet is a pet.\ntype Pet struct{ Name string `json:\"name\"` }"),
		}, []string{"spec.json:3:4: #/components/schemas/Pet/properties/x: warning: format \"uuid4\" is not known; kept as string"}, nil
	case "builderr":
		return map[string][]byte{"types.go": src("type Pet struct{}\n\ntype Pet struct{}")}, nil, nil
	case "veterr":
		return map[string][]byte{"client.go": src("import \"fmt\"\n\nfunc Hello() { fmt.Printf(\"%d\\n\", \"x\") }")}, nil, nil
	case "diag":
		return nil, nil, diag.List{{File: specPath, Line: 3, Col: 5, Pointer: "#/paths/~1pets/get", Message: `parameter "id" is not in the path`}}
	case "error":
		return nil, nil, errors.New("emit: template failed")
	case "nofiles":
		return nil, nil, nil
	case "panic":
		panic("nil map write")
	case "hang":
		time.Sleep(time.Minute)
		return nil, nil, nil
	case "overflow":
		debug.SetMaxStack(1 << 20)
		var f func(int) int
		f = func(n int) int { return f(n+1) + 1 }
		return nil, nil, fmt.Errorf("%d", f(0))
	default:
		return nil, nil, fmt.Errorf("fake: unknown mode %q", mode)
	}
}

func writeSpecs(t *testing.T, modes ...string) []Spec {
	t.Helper()
	dir := t.TempDir()
	var specs []Spec
	for i, m := range modes {
		p := filepath.Join(dir, fmt.Sprintf("%d-%s.txt", i, m))
		if err := os.WriteFile(p, []byte(m), 0o644); err != nil {
			t.Fatal(err)
		}
		specs = append(specs, Spec{ID: fmt.Sprintf("fake/%s-%d", m, i), Path: p, Version: "3.0"})
	}
	return specs
}

type want struct {
	stage Stage
	cause string // substring
}

func check(t *testing.T, results []Result, wants []want) {
	t.Helper()
	if len(results) != len(wants) {
		t.Fatalf("%d results, want %d", len(results), len(wants))
	}
	for i, w := range wants {
		r := results[i]
		if r.Stage != w.stage || !strings.Contains(r.Cause, w.cause) {
			t.Errorf("%s: stage %s, cause %q; want %s, %q\n%s", r.ID, r.Stage, r.Cause, w.stage, w.cause, r.Error)
		}
	}
}

func TestRunnerInProcess(t *testing.T) {
	specs := writeSpecs(t, "ok", "builderr", "veterr", "ok", "diag", "error", "nofiles", "panic", "hang", "ok")
	r := &Runner{Gen: InProcess{Fn: fakeGen}, GenTimeout: 2 * time.Second, BatchSize: 2, Log: testLog{t}}
	results, err := r.Run(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	check(t, results, []want{
		{StageOK, ""},
		{StageBuild, "X redeclared in this block"},
		{StageVet, "X format %d has arg \"…\" of wrong type string"},
		{StageOK, ""},
		{StageLoad, `#/paths/…: parameter "…" is not in the path`},
		{StageGenerate, "emit: template failed"},
		{StageGenerate, "generator returned no files"},
		{StageGenerate, "panic: nil map write"},
		{StageGenerate, "timed out"},
		{StageOK, ""},
	})
	if results[0].Warnings != 1 || results[0].Files != 2 {
		t.Errorf("ok spec: %d warnings, %d files; want 1, 2", results[0].Warnings, results[0].Files)
	}
	if !results[8].TimedOut {
		t.Errorf("hang: not marked as timed out")
	}

	rep := NewReport(results)
	if rep.Total.OK != 3 || rep.Total.Build != 1 || rep.Total.Vet != 1 || rep.Total.Load != 1 || rep.Total.Generate != 4 {
		t.Errorf("tally %+v", rep.Total)
	}
	if len(rep.WarningGroups) != 1 || rep.WarningGroups[0].Specs != 3 {
		t.Errorf("warning groups %+v", rep.WarningGroups)
	}
	var sb strings.Builder
	rep.Print(&sb, 10)
	if !regexp.MustCompile(`3\.0\s+10\s+3\s+30\.0%`).MatchString(sb.String()) {
		t.Errorf("summary lacks the 3.0 row:\n%s", sb.String())
	}
	if err := rep.WriteJSON(filepath.Join(t.TempDir(), "report.json")); err != nil {
		t.Fatal(err)
	}
}

func TestRunnerSubprocess(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	specs := writeSpecs(t, "ok", "panic", "overflow", "hang", "diag")
	r := &Runner{
		Gen:        Subprocess{Exe: exe, Env: []string{genEnv + "=fake"}},
		GenTimeout: 5 * time.Second,
		Keep:       true,
		WorkDir:    t.TempDir(),
		Log:        testLog{t},
	}
	results, err := r.Run(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	check(t, results, []want{
		{StageOK, ""},
		{StageGenerate, "panic: nil map write"},
		{StageGenerate, "goroutine stack exceeds"},
		{StageGenerate, "timed out"},
		{StageLoad, "is not in the path"},
	})
	if _, err := os.Stat(filepath.Join(results[0].Dir, "client.go")); err != nil {
		t.Errorf("kept package: %v", err)
	}
}

func TestAttribute(t *testing.T) {
	vet := "# corpusclient/s00001_a\n# [corpusclient/s00001_a]\nvet: s00001_a/a.go:4:9: undefined: x\ns00002_b/b.go:5:24: fmt.Printf format %d has arg \"s\" of wrong type string\n\tmore about b\n"
	failed, other := attribute([]byte(vet), false)
	if other != "" || len(failed) != 2 {
		t.Fatalf("failed %q, other %q", failed, other)
	}
	if got := FirstLine(failed["s00001_a"]); got != "vet: s00001_a/a.go:4:9: undefined: x" {
		t.Errorf("first line of a: %q", got)
	}
	if !strings.Contains(failed["s00002_b"], "more about b") {
		t.Errorf("b lacks its continuation line: %q", failed["s00002_b"])
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
