// Package generator turns an OpenAPI description into the files of a Go
// client package. It is one straight line:
//
//	load (spec -> ir) -> emit (ir -> Go) -> output (format, write)
//
// naming is not a stage: it is the library of pure functions load decides
// the Go names with (and emit its locals).
//
// Generate does everything in memory, and TypeCheck checks its result with
// go/types; output.Write and output.Stale touch the disk.
package generator

import (
	"github.com/oagen/oagen/generator/diag"
)

// Config says what to generate.
type Config struct {
	// SpecPath is the Swagger 2.0 or OpenAPI 3.0, 3.1 or 3.2 description,
	// JSON or YAML.
	SpecPath string
	// SpecName is how the spec is named in file headers; SpecPath when
	// empty.
	SpecName string
	// ReportName is how diagnostics name the spec: as the user typed it.
	// SpecName when empty.
	ReportName string
	// Package is the Go package name of the generated client.
	Package string
	// Options come from the -config file.
	Options Options
	// ConfigPath is the config file the options were read from, if any:
	// overlays are found relative to it, and problems with its entries
	// point at their lines. ConfigName is how diagnostics name it
	// (ConfigPath when empty).
	ConfigPath, ConfigName string
	// Names are the names of the previous generation, read from its
	// manifest with PreviousNames. Each declaration keeps its name, so a
	// spec change never renames what it did not touch. Nil starts afresh.
	Names map[string]string
}

// Result is a generated package: file names (relative to the output
// folder) mapped to their formatted contents, and the warnings met on the way.
type Result struct {
	Files    map[string][]byte
	Warnings diag.List
	// Names are the package-level names handed out, as the manifest
	// records them for the next generation.
	Names map[string]string
}
