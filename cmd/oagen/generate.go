package main

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"strings"

	"github.com/oagen/oagen/generator"
	"github.com/oagen/oagen/generator/output"
)

func version() string { return generator.Version }

// typeCheckFiles is generator.TypeCheck; a test replaces it.
var typeCheckFiles = generator.TypeCheck

// generate runs the main job: spec in, package out (or compared).
func generate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("oagen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	spec := fs.String("spec", "", "Swagger 2.0 or OpenAPI 3.0, 3.1 or 3.2 description (JSON or YAML)")
	pkg := fs.String("package", "", "Go package name of the generated client")
	out := fs.String("out", "", "folder to write the generated package into")
	configPath := fs.String("config", "", "YAML config file (see the README)")
	check := fs.Bool("check", false, "write nothing; exit 1 naming the stale files when -out differs")
	quiet := fs.Bool("quiet", false, "do not print warnings")
	freshNames := fs.Bool("fresh-names", false, "name every declaration afresh instead of keeping the names recorded in -out's oagen.json")
	typeCheck := fs.Bool("typecheck", false, "type-check the generated package before writing it; write nothing when it does not type-check")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oagen -spec FILE -package NAME -out DIR [-config FILE] [-check] [-typecheck]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *spec == "" || *out == "" {
		fmt.Fprintln(stderr, "oagen: -spec and -out are required")
		fs.Usage()
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "oagen: unexpected argument %q (flags come before it?)\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	// Headers name the spec relative to -out; messages name it as typed.
	cfg := generator.Config{SpecPath: *spec, SpecName: specName(*spec, *out), ReportName: *spec, Package: *pkg}
	if *configPath != "" {
		opts, problems := readConfig(*configPath)
		if len(problems) > 0 {
			printDiagnostics(stderr, problems)
			return exitInput
		}
		cfg.Options, cfg.ConfigPath = opts, *configPath
	}
	if cfg.Package == "" && cfg.Options.Package == "" {
		fmt.Fprintln(stderr, "oagen: -package (or package in the config) is required")
		return exitUsage
	}
	if p := cfg.Package; cfg.Options.Package == "" && (!token.IsIdentifier(p) || strings.ToLower(p) != p) {
		fmt.Fprintf(stderr, "oagen: -package %q is not a lower-case Go identifier (such as %s)\n", p, packageLike(p))
		return exitUsage
	}
	if !*freshNames {
		names, err := generator.PreviousNames(*out)
		if err != nil {
			report(stderr, err)
			return exitInput
		}
		cfg.Names = names
	}
	res, err := generator.Generate(cfg)
	if err != nil {
		report(stderr, err)
		return exitInput
	}
	if !*quiet {
		printDiagnostics(stderr, res.Warnings)
	}
	if *typeCheck {
		if err := typeCheckFiles(res.Files); err != nil {
			fmt.Fprintln(stderr, "oagen:", err)
			return 1
		}
	}
	if *check {
		return checkDir(*out, res.Files, stdout, stderr)
	}
	if err := output.Write(*out, res.Files); err != nil {
		report(stderr, err)
		return exitInput
	}
	return exitOK
}

// checkDir compares without writing.
func checkDir(dir string, files map[string][]byte, stdout, stderr io.Writer) int {
	stale, err := output.Stale(dir, files)
	if err != nil {
		fmt.Fprintln(stderr, "oagen:", err)
		return 1
	}
	if len(stale) == 0 {
		return 0
	}
	fmt.Fprintf(stderr, "oagen: %s is stale; run go generate to update:\n", dir)
	for _, name := range stale {
		fmt.Fprintln(stderr, "\t"+filepath.Join(dir, name))
	}
	return 1
}

// packageLike suggests a package name close to p.
func packageLike(p string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(p) {
		if r == '_' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || token.IsKeyword(b.String()) {
		return "client"
	}
	return b.String()
}

// specName is how generated headers name the spec: relative to the output
// folder, so that the bytes do not depend on where oagen runs from.
func specName(spec, out string) string {
	absSpec, err1 := filepath.Abs(spec)
	absOut, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(spec)
	}
	rel, err := filepath.Rel(absOut, absSpec)
	if err != nil {
		return filepath.ToSlash(spec)
	}
	return filepath.ToSlash(rel)
}
