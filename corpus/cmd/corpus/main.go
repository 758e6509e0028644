// Command corpus generates, builds and vets an oagen client for every API
// description of the pinned corpus (see package corpus), prints the success
// rate per version and the failures grouped by cause, and writes a JSON
// report.
//
//	go run ./corpus/cmd/corpus                     # all ~2,640 descriptions
//	go run ./corpus/cmd/corpus -run '^stripe' -limit 5
//	go run ./corpus/cmd/corpus -version 3.1
//	go run ./corpus/cmd/corpus -subset             # the fixed subset of go test
//	go run ./corpus/cmd/corpus -install-only       # npm ci into the cache only
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/oagen/oagen/corpus"
)

func main() {
	if corpus.IsChild() {
		os.Exit(corpus.ChildMain(corpus.Oagen))
	}
	os.Exit(run())
}

func run() int {
	var (
		dir          = flag.String("dir", "", "corpus folder holding package.json and package-lock.json (default: found from the current folder)")
		cache        = flag.String("cache", "", "folder the npm packages are installed into (default: DIR/.cache)")
		install      = flag.Bool("install", true, "run npm ci into the cache when it does not hold the pinned packages")
		installOnly  = flag.Bool("install-only", false, "install the packages and stop")
		runRE        = flag.String("run", "", "only specs whose ID matches this regular expression")
		limit        = flag.Int("limit", 0, "at most this many specs (after the other filters)")
		every        = flag.Int("every", 1, "only every Nth spec (after -run, -version and -origin): a sample of the corpus")
		version      = flag.String("version", "", "only specs declaring this version: 2.0, 3.0, 3.1 or 3.2")
		origin       = flag.String("origin", "", "only specs whose origin format (x-origin, e.g. \"swagger 2.0\") matches this regular expression")
		subset       = flag.Bool("subset", false, "run the fixed subset of the corpus test instead of the whole corpus")
		list         = flag.Bool("list", false, "list the selected specs and stop")
		workers      = flag.Int("workers", 2, "generations at once")
		timeout      = flag.Duration("timeout", 3*time.Minute, "time limit of one generation")
		buildTimeout = flag.Duration("build-timeout", 15*time.Minute, "time limit of one go build or go vet of a batch")
		batch        = flag.Int("batch", 60, "packages per go build / go vet batch")
		report       = flag.String("report", "", "JSON report file (default: CACHE/report.json)")
		keep         = flag.String("keep", "", "keep the generated packages in this folder")
		top          = flag.Int("top", 25, "failure groups to print")
		quiet        = flag.Bool("q", false, "no progress lines")
	)
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./corpus/cmd/corpus [flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		return 1
	}

	var err error
	if *dir == "" {
		if *dir, err = corpus.FindDir("."); err != nil {
			return fail(err)
		}
	}
	if *cache == "" {
		*cache = filepath.Join(*dir, ".cache")
	}
	if !corpus.Installed(*dir, *cache) {
		if !*install && !*installOnly {
			return fail(fmt.Errorf("%s does not hold the pinned packages; run with -install", *cache))
		}
		fmt.Fprintf(os.Stderr, "installing the pinned API descriptions into %s (npm ci)\n", *cache)
		if err := corpus.Install(*dir, *cache, os.Stderr); err != nil {
			return fail(err)
		}
	}
	if *installOnly {
		return 0
	}

	var re, ore *regexp.Regexp
	if *runRE != "" {
		if re, err = regexp.Compile(*runRE); err != nil {
			return fail(err)
		}
	}
	if *origin != "" {
		if ore, err = regexp.Compile(*origin); err != nil {
			return fail(err)
		}
	}
	switch *version {
	case "", "all", "2.0", "3.0", "3.1", "3.2":
	default:
		return fail(fmt.Errorf("-version %q: want 2.0, 3.0, 3.1 or 3.2", *version))
	}

	work := *keep
	if work == "" {
		if work, err = os.MkdirTemp("", "oagen-corpus-"); err != nil {
			return fail(err)
		}
		defer os.RemoveAll(work)
	}
	var specs []corpus.Spec
	if *subset {
		specs, err = corpus.PrepareSubset(*dir, *cache, filepath.Join(work, "subset-specs"), corpus.Subset)
	} else {
		specs, err = corpus.Discover(*cache)
	}
	if err != nil {
		return fail(err)
	}
	specs = corpus.Filter(specs, re, *version, ore, 0)
	if *every > 1 {
		var sample []corpus.Spec
		for i := 0; i < len(specs); i += *every {
			sample = append(sample, specs[i])
		}
		specs = sample
	}
	if *limit > 0 && len(specs) > *limit {
		specs = specs[:*limit]
	}
	if *list {
		for _, s := range specs {
			fmt.Printf("%-60s %-4s %-14s %9d %s\n", s.ID, s.Version, s.Origin, s.Size, s.Path)
		}
		return 0
	}
	if len(specs) == 0 {
		return fail(fmt.Errorf("no spec selected"))
	}

	exe, err := os.Executable()
	if err != nil {
		return fail(err)
	}
	r := &corpus.Runner{
		Gen:          corpus.Subprocess{Exe: exe},
		Workers:      *workers,
		GenTimeout:   *timeout,
		BuildTimeout: *buildTimeout,
		BatchSize:    *batch,
		WorkDir:      filepath.Join(work, "work"),
		Keep:         *keep != "",
		Log:          os.Stderr,
	}
	if *quiet {
		r.Log = nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fmt.Fprintf(os.Stderr, "%d specs, %d workers, batches of %d\n", len(specs), *workers, *batch)
	started := time.Now()
	results, err := r.Run(ctx, specs)
	if err != nil && results == nil {
		return fail(err)
	}
	rep := corpus.NewReport(results)
	rep.Started = started
	rep.Seconds = time.Since(started).Seconds()
	rep.Command = strings.Join(os.Args[1:], " ")
	rep.Packages = map[string]string{
		corpus.DirectoryPackage: corpus.PackageVersion(*cache, corpus.DirectoryPackage),
		corpus.OctokitPackage:   corpus.PackageVersion(*cache, corpus.OctokitPackage),
	}
	rep.Print(os.Stdout, *top)
	if *report == "" {
		*report = filepath.Join(*cache, "report.json")
	}
	if werr := rep.WriteJSON(*report); werr != nil {
		return fail(werr)
	}
	fmt.Printf("\nreport: %s\n", *report)
	if err != nil {
		return fail(err)
	}
	return 0
}
