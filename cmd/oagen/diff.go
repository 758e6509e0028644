package main

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/oagen/oagen/apidiff"
)

// runDiff is `oagen diff`: it compares the Go API generated from a base
// spec with the one generated from the current spec, and prints a Markdown
// report. It exits 1 when a change breaks callers (unless
// -allow-breaking), 2 when it cannot compare.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("oagen diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "", "the base spec: a FILE, or GITREV:PATH read with git show")
	spec := fs.String("spec", "", "the new spec (default with a GITREV:PATH base: PATH in the work tree)")
	pkg := fs.String("package", "", "Go package name of the generated client (default: the config's, or client)")
	configPath := fs.String("config", "", "YAML config file, used for both versions")
	allowBreaking := fs.Bool("allow-breaking", false, "exit 0 even when changes break callers")
	fs.Usage = func() {
		fmt.Fprint(stderr, diffUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *base == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	cfg := apidiff.Config{Package: *pkg}
	if *configPath != "" {
		opts, problems := readConfig(*configPath)
		if len(problems) > 0 {
			printDiagnostics(stderr, problems)
			return 2
		}
		cfg.Options, cfg.ConfigPath = opts, *configPath
	}
	cfg.Package = cmp.Or(cfg.Package, cfg.Options.Package, "client")

	basePath, newDefault, cleanup, err := baseSpec(*base)
	if err != nil {
		fmt.Fprintln(stderr, "oagen diff:", err)
		return 2
	}
	defer cleanup()
	newPath := cmp.Or(*spec, newDefault)
	if newPath == "" {
		fmt.Fprintln(stderr, "oagen diff: -spec is required when -base is a file")
		return 2
	}
	cfg.Base = apidiff.Spec{Path: basePath, Name: filepath.ToSlash(*base)}
	cfg.New = apidiff.Spec{Path: newPath, Name: filepath.ToSlash(cmp.Or(*spec, newDefault))}

	rep, err := apidiff.Diff(cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	stdout.Write(rep.Markdown())
	if rep.Incompatible() && !*allowBreaking {
		fmt.Fprintln(stderr, "oagen diff: the change breaks callers (-allow-breaking to accept it)")
		return 1
	}
	return 0
}

const diffUsage = `usage: oagen diff -base FILE|GITREV:PATH [-spec FILE] [-package NAME] [-config FILE] [-allow-breaking]

Generates the client of both specs in memory, compares their Go APIs, and
prints a Markdown report: breaking changes, compatible changes, and the spec
changes behind them, located as file:line. Exits 1 when a change breaks
callers (unless -allow-breaking), 2 on usage errors or when a spec does not
generate.

A GITREV:PATH base is read with "git show GITREV:PATH" (PATH from the top of
the repository, or ./PATH from the current folder) into a temporary file, so
relative $refs of a spec split over several files may not resolve in it.

`

// baseSpec returns the path of the base spec, and, for a GITREV:PATH base,
// the path of the same file in the work tree (the default new spec) and a
// cleanup that removes the temporary copy.
func baseSpec(arg string) (path, workTree string, cleanup func(), err error) {
	cleanup = func() {}
	if _, err := os.Stat(arg); err == nil {
		return arg, "", cleanup, nil
	}
	rev, file, ok := strings.Cut(arg, ":")
	if !ok || file == "" {
		return "", "", cleanup, fmt.Errorf("-base %s: no such file, and not GITREV:PATH", arg)
	}
	data, err := git("show", rev+":"+file)
	if err != nil {
		return "", "", cleanup, fmt.Errorf("-base %s: %v", arg, err)
	}
	tmp, err := os.CreateTemp("", "oagen-base-*"+filepath.Ext(file))
	if err != nil {
		return "", "", cleanup, err
	}
	cleanup = func() { os.Remove(tmp.Name()) }
	_, err = tmp.Write(data)
	if err := errors.Join(err, tmp.Close()); err != nil {
		cleanup()
		return "", "", func() {}, err
	}
	return tmp.Name(), workTreePath(file), cleanup, nil
}

// workTreePath is where a git PATH sits in the work tree, relative to the
// current folder when it can be: PATH counts from the top of the
// repository unless it starts with ./ or ../.
func workTreePath(file string) string {
	if strings.HasPrefix(file, "./") || strings.HasPrefix(file, "../") {
		return filepath.FromSlash(file)
	}
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return filepath.FromSlash(file)
	}
	abs := filepath.Join(strings.TrimSpace(string(top)), filepath.FromSlash(file))
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil {
			return rel
		}
	}
	return abs
}

// git runs a git command and returns its output, or its error message.
func git(args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("git", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}
