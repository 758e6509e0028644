package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const diffCases = "../../testdata/diff"

func runDiffArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"diff"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDiffExitStatus(t *testing.T) {
	pair := func(c string) []string {
		dir := filepath.Join(diffCases, c)
		return []string{"-base", filepath.Join(dir, "base.yaml"), "-spec", filepath.Join(dir, "spec.yaml"), "-package", "jobs"}
	}
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string
		stderrPart string
	}{
		{"no base", []string{"-spec", "x.yaml"}, 2, "", "usage: oagen diff"},
		{"stray argument", append(pair("unchanged"), "extra"), 2, "", "usage: oagen diff"},
		{"file base without spec", []string{"-base", filepath.Join(diffCases, "unchanged", "base.yaml")}, 2, "", "-spec is required"},
		{"missing base", []string{"-base", "no-such-file.yaml", "-spec", "x.yaml"}, 2, "", "no such file, and not GITREV:PATH"},
		{"breaking", pair("field-removed"), 1, "## Breaking changes (1)", "breaks callers"},
		{"breaking allowed", append(pair("field-removed"), "-allow-breaking"), 0, "- `Job.Total`: field removed", ""},
		{"compatible", pair("enum-value-added"), 0, "## Compatible changes (1)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runDiffArgs(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderrPart) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderrPart, stderr)
			}
		})
	}
}

// A spec that does not generate stops the diff with its located problems.
func TestDiffGenerationError(t *testing.T) {
	base := filepath.Join(diffCases, "unchanged", "base.yaml")
	src, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	src = bytes.Replace(src, []byte("#/components/schemas/JobStatus"), []byte("#/components/schemas/Missing"), 1)
	if err := os.WriteFile(broken, src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runDiffArgs(t, "-base", base, "-spec", broken, "-package", "jobs")
	if code != 2 || stdout != "" {
		t.Errorf("exit %d with stdout %q, want 2 and nothing", code, stdout)
	}
	want := broken + ":74:"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "#/components/schemas/Job/properties/status") {
		t.Errorf("stderr does not locate the problem at %s...:\n%s", want, stderr)
	}
}

// -base GITREV:PATH reads the committed file, and the new spec defaults to
// PATH in the work tree.
func TestDiffGitBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	diffCopyFile(t, filepath.Join(diffCases, "field-removed", "base.yaml"), filepath.Join(repo, "api", "spec.yaml"))
	diffGit(t, repo, "init", "-q")
	diffGit(t, repo, "add", ".")
	diffGit(t, repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base")
	diffCopyFile(t, filepath.Join(diffCases, "field-removed", "spec.yaml"), filepath.Join(repo, "api", "spec.yaml"))
	t.Chdir(filepath.Join(repo, "api"))

	code, stdout, stderr := runDiffArgs(t, "-base", "HEAD:api/spec.yaml", "-package", "jobs")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"From `HEAD:api/spec.yaml` to `spec.yaml`",
		"- `Job.Total`: field removed",
		"property `total` removed (HEAD:api/spec.yaml:75)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
}

func diffCopyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func diffGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
