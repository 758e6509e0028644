package apidiff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the report.md goldens under testdata/diff")

const casesDir = "../testdata/diff"

// A case is a folder with base.yaml, spec.yaml, and report.md: the
// report of the change from one to the other.
func TestGolden(t *testing.T) {
	cases, err := os.ReadDir(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		dir := filepath.Join(casesDir, c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			rep, err := Diff(Config{
				Base:    Spec{Path: filepath.Join(dir, "base.yaml"), Name: "base.yaml"},
				New:     Spec{Path: filepath.Join(dir, "spec.yaml"), Name: "spec.yaml"},
				Package: "jobs",
			})
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Markdown()
			golden := filepath.Join(dir, "report.md")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./apidiff/ -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("report differs from %s (-want +got):\n%s", golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff is a small diff for golden mismatches: the lines each side
// holds that the other lacks, in order, marked - and +.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	// Longest common subsequence, then a walk that prints the rest.
	lcs := make([][]int, len(w)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			b.WriteString("  " + w[i] + "\n")
			i, j = i+1, j+1
		case i < len(w) && (j == len(g) || lcs[i+1][j] >= lcs[i][j+1]):
			b.WriteString("- " + w[i] + "\n")
			i++
		default:
			b.WriteString("+ " + g[j] + "\n")
			j++
		}
	}
	return b.String()
}
