// Package apidiff compares two versions of an OpenAPI description by what
// they do to the Go API of the client oagen generates from them.
//
// Diff generates both clients in memory, type-checks them, and compares
// their exported declarations: a removed or changed declaration is
// breaking, an added one compatible. Next to that it compares the two spec
// files themselves (operations, parameters, responses, schemas, properties,
// enum values), each change located as file:line, and flags the few spec
// changes that break callers without changing a Go signature, such as a new
// required query parameter. Report.Markdown renders the lot for a
// pull-request comment.
//
// The spec comparison reads each file on its own as YAML: $refs to other
// files are compared as written, not followed.
package apidiff

import (
	"cmp"
	"fmt"

	"github.com/oagen/oagen/generator"
)

// Spec is one version of the description.
type Spec struct {
	// Path is the file to read.
	Path string
	// Name is how the report and the diagnostics name it; Path when empty.
	Name string
}

// Config says what to compare.
type Config struct {
	Base, New Spec
	// Package is the Go package name of the generated client.
	Package string
	// Options are the generator's options, the same for both versions.
	Options generator.Options
	// ConfigPath is the config file the options came from: overlays are
	// found relative to it, and its entries are placed in problems.
	ConfigPath string
	// Names are the names the base was generated with (its manifest's);
	// nil for fresh ones. The new version keeps the base's names, as a
	// regeneration over the committed package would.
	Names map[string]string
}

// Report is what changed from Base to New.
type Report struct {
	Package  string
	BaseName string
	NewName  string
	// Go lists the changes to the Go API, sorted by identifier.
	Go []GoChange
	// Spec lists the changes to the spec, operations first, then schemas.
	Spec []SpecChange
}

// Breaking lists what breaks callers: the breaking Go changes, then the
// spec changes that break them at run time only.
func (r *Report) Breaking() (goChanges []GoChange, specChanges []SpecChange) {
	for _, c := range r.Go {
		if c.Breaking {
			goChanges = append(goChanges, c)
		}
	}
	for _, c := range r.Spec {
		if c.Breaking {
			specChanges = append(specChanges, c)
		}
	}
	return goChanges, specChanges
}

// Compatible lists the Go changes that break no caller.
func (r *Report) Compatible() []GoChange {
	var out []GoChange
	for _, c := range r.Go {
		if !c.Breaking {
			out = append(out, c)
		}
	}
	return out
}

// Incompatible reports whether anything breaks callers.
func (r *Report) Incompatible() bool {
	g, s := r.Breaking()
	return len(g)+len(s) > 0
}

// Diff generates the client of both versions and compares them. When a
// version does not generate, the error holds the generator's located
// problems (generator.IsDiagnostics finds them), which name the version by
// its Name.
func Diff(cfg Config) (*Report, error) {
	cfg.Base.Name = cmp.Or(cfg.Base.Name, cfg.Base.Path)
	cfg.New.Name = cmp.Or(cfg.New.Name, cfg.New.Path)
	base, err := generate(cfg.Base, cfg, cfg.Names)
	if err != nil {
		return nil, err
	}
	next, err := generate(cfg.New, cfg, base.Names)
	if err != nil {
		return nil, err
	}
	sources := []map[string][]byte{base.Files, next.Files}
	pkg := cmp.Or(cfg.Options.Package, cfg.Package)
	pkgs, err := checkPackages([]string{"oagendiff/old/" + pkg, "oagendiff/new/" + pkg},
		[]string{cfg.Base.Name, cfg.New.Name}, sources)
	if err != nil {
		return nil, err
	}
	oldDoc, err := readSpecDoc(cfg.Base.Path, cfg.Base.Name)
	if err != nil {
		return nil, err
	}
	newDoc, err := readSpecDoc(cfg.New.Path, cfg.New.Name)
	if err != nil {
		return nil, err
	}
	return &Report{
		Package:  pkg,
		BaseName: cfg.Base.Name,
		NewName:  cfg.New.Name,
		Go:       compareAPI(pkgs[0], pkgs[1]),
		Spec:     compareSpecs(oldDoc, newDoc),
	}, nil
}

// generate generates the client of one version, keeping names.
func generate(s Spec, cfg Config, names map[string]string) (*generator.Result, error) {
	res, err := generator.Generate(generator.Config{
		SpecPath: s.Path, SpecName: s.Name, Package: cfg.Package, Options: cfg.Options, Names: names,
		ConfigPath: cfg.ConfigPath,
	})
	if err != nil && !isDiagnostics(err) {
		return nil, fmt.Errorf("generating from %s: %w", s.Name, err)
	}
	return res, err
}

func isDiagnostics(err error) bool {
	_, ok := generator.IsDiagnostics(err)
	return ok
}
