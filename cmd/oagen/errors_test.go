package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want.txt of every case under testdata/errors")

const errorCases = "../../testdata/errors"

// TestErrorSuite runs the command over each broken input under
// testdata/errors and compares its exit status and everything it prints
// with want.txt ("exit N", then stderr). A case is a folder holding the
// input files and case.txt: its first line names the mistake the case
// stands for; an optional "args:" line replaces the default arguments,
// "-spec spec.yaml -package p -out {out}" (spec.json when the folder holds
// one), where {out} is an empty folder. The command runs in the case's
// folder, so messages name the files as a user there would type them.
//
// A run that fails must leave {out} empty: nothing is half-written.
// go test ./cmd/oagen/ -update rewrites want.txt.
func TestErrorSuite(t *testing.T) {
	root, err := filepath.Abs(errorCases)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		cases++
		dir := filepath.Join(root, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			mistake, args := readCase(t, dir)
			if mistake == "" {
				t.Fatal("case.txt does not name the mistake on its first line")
			}
			out := t.TempDir()
			for i, a := range args {
				args[i] = strings.ReplaceAll(a, "{out}", out)
			}
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			got := fmt.Sprintf("exit %d\n%s", code, stderr.String())
			if stdout.Len() > 0 {
				t.Errorf("printed on stdout:\n%s", stdout.String())
			}
			checkOut(t, code, out)
			want := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			expected, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/oagen/ -update writes it)", err)
			}
			if string(expected) != got {
				t.Errorf("%s: output differs\n--- want\n%s--- got\n%s", mistake, expected, got)
			}
		})
	}
	if cases < 40 {
		t.Errorf("%d cases; the suite promises at least 40", cases)
	}
}

// readCase reads case.txt: the mistake, and the arguments to run with.
func readCase(t *testing.T, dir string) (string, []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "case.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	spec := "spec.yaml"
	if _, err := os.Stat(filepath.Join(dir, "spec.json")); err == nil {
		spec = "spec.json"
	}
	args := []string{"-spec", spec, "-package", "p", "-out", "{out}"}
	for _, l := range lines[1:] {
		if rest, ok := strings.CutPrefix(l, "args:"); ok {
			args = strings.Fields(rest)
		}
	}
	return strings.TrimSpace(lines[0]), args
}

// checkOut checks that a failed run wrote nothing and a successful one
// wrote the package.
func checkOut(t *testing.T, code int, out string) {
	t.Helper()
	written, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case code != 0 && len(written) > 0:
		t.Errorf("exit %d, yet %d files were written to the output folder", code, len(written))
	case code == 0 && len(written) == 0:
		t.Error("exit 0, yet nothing was written")
	}
}
