package corpus

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// OnlyEnv, when set, is a regular expression: TestSubset runs only the
// entries of Subset whose ID it matches.
const OnlyEnv = "CORPUS_ONLY"

// TestSubset generates, builds and vets a client for each description of
// Subset (those OnlyEnv matches, when it is set). The descriptions come from the npm packages pinned in
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
	if _, _, err := Oagen(filepath.Join("testdata", "probe.yaml"), "", "client"); err != nil {
		t.Fatalf("the generator fails on the smallest description, testdata/probe.yaml: %v", err)
	}
	entries := Subset
	if only := os.Getenv(OnlyEnv); only != "" {
		re, err := regexp.Compile(only)
		if err != nil {
			t.Fatalf("%s: %v", OnlyEnv, err)
		}
		entries = slices.DeleteFunc(slices.Clone(entries), func(e SubsetEntry) bool { return !re.MatchString(e.ID) })
		if len(entries) == 0 {
			t.Fatalf("%s=%q matches no entry of Subset", OnlyEnv, only)
		}
	}
	specs, err := PrepareSubset(dir, cache, t.TempDir(), entries)
	if err != nil {
		t.Fatal(err)
	}
	exe := buildGenerator(t)
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
	known := KnownFailures
	if os.Getenv("CORPUS_STRICT") == "1" {
		known = nil
	}
	var unexpected []Result
	var fixed, listed []string
	for _, res := range results {
		k, isKnown := known[res.ID]
		switch {
		case res.Stage == StageOK && isKnown:
			fixed = append(fixed, res.ID)
		case res.Stage != StageOK && (!isKnown || k.Stage != res.Stage):
			unexpected = append(unexpected, res)
		case res.Stage != StageOK:
			listed = append(listed, fmt.Sprintf("%s: %s: %s", res.ID, res.Stage, res.Cause))
		}
	}
	if len(listed) > 0 {
		t.Logf("known failures (KnownFailures in subset.go):\n\t%s", strings.Join(listed, "\n\t"))
	}
	if len(unexpected) > 0 {
		var entries strings.Builder
		for _, res := range unexpected {
			fmt.Fprintf(&entries, "\t%q: {%s, %q},\n", res.ID, stageConst(res.Stage), res.Cause)
		}
		t.Errorf("unexpected failures:\n%s\nif they are accepted for now, list them in KnownFailures (subset.go):\n%s", Failures(unexpected), entries.String())
	}
	if len(fixed) > 0 {
		t.Errorf("these subset specs pass now: remove them from KnownFailures (subset.go):\n\t%s", strings.Join(fixed, "\n\t"))
	}
}

func stageConst(s Stage) string {
	for _, c := range []struct {
		s    Stage
		name string
	}{{StageLoad, "StageLoad"}, {StageGenerate, "StageGenerate"}, {StageBuild, "StageBuild"}, {StageVet, "StageVet"}} {
		if c.s == s {
			return c.name
		}
	}
	return fmt.Sprintf("Stage(%q)", s)
}

// buildGenerator builds corpus/cmd/corpus, whose child mode generates one
// spec, without the race detector or coverage this test may run under:
// instrumented, generating GitHub's description takes minutes instead of
// seconds, and the generator's own race tests live elsewhere.
func buildGenerator(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "corpus")
	cmd := exec.Command("go", "build", "-o", exe, "github.com/oagen/oagen/corpus/cmd/corpus")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the generator: %v\n%s", err, out)
	}
	return exe
}
