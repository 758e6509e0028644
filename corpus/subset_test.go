package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSubset generates, builds and vets a client for each description of
// Subset. The descriptions come from the npm packages pinned in
// package-lock.json: where they are not installed the test skips, except
// under CI=true, where it installs them (npm ci, about 115 MB) and fails if
// it cannot.
func TestSubset(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the corpus subset takes minutes")
	}
	dir, err := FindDir(".")
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, ".cache")
	if !Installed(dir, cache) {
		if os.Getenv("CI") != "true" {
			t.Skipf("the API descriptions are not installed in %s; install them with\n\tgo run ./corpus/cmd/corpus -install-only\n(CI=true installs them itself)", cache)
		}
		t.Logf("CI: installing the API descriptions into %s", cache)
		if err := Install(dir, cache, testLog{t}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := Oagen(filepath.Join("testdata", "probe.yaml"), "client"); errors.Is(err, ErrNoGenerator) {
		t.Skipf("the generator is not functional yet: %v", err)
	}
	specs, err := PrepareSubset(dir, cache, t.TempDir(), Subset)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{
		Gen:        Subprocess{Exe: exe},
		GenTimeout: 4 * time.Minute,
		BatchSize:  len(specs),
		Log:        testLog{t},
	}
	start := time.Now()
	results, err := r.Run(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, res := range results {
		fmt.Fprintf(&sb, "%-36s %-4s %9s  gen %5.1fs %5d MiB  %4d files %6d KiB  %4d warnings  %s\n",
			res.ID, res.Version, humanSize(res.Size), res.GenSeconds, res.MaxRSSMB, res.Files, res.Bytes>>10, res.Warnings, res.Stage)
	}
	t.Logf("%d specs in %s:\n%s", len(results), time.Since(start).Round(time.Second), sb.String())
	if f := Failures(results); f != "" {
		t.Errorf("failures:\n%s", f)
	}
}
