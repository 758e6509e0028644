// Package diag holds located problems found in an API description.
//
// A Diagnostic names its place once, when the spec is loaded, and is printed
// once, at the edge (the CLI), as
//
//	file:line:col: #/json/pointer: problem
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity tells an error, which stops generation, from a warning, which
// does not.
type Severity int

const (
	// Error stops generation: nothing is written.
	Error Severity = iota
	// Warning marks a construct that was generated in a degraded form.
	Warning
)

// Diagnostic is one problem, located in the spec.
type Diagnostic struct {
	Severity Severity
	File     string // path of the spec file, as given
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	Pointer  string // RFC 6901 JSON pointer, written as "#/paths/~1bulk/post"
	Message  string
}

// String renders the diagnostic as file:line:col: #/pointer: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", d.Line, max(d.Col, 1))
		}
		b.WriteString(": ")
	}
	if d.Pointer != "" {
		b.WriteString(d.Pointer)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List is a set of diagnostics. As an error it holds at least one Error.
type List []Diagnostic

// Sort orders the list by file, position and pointer, so that output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Errors returns the diagnostics of severity Error.
func (l List) Errors() List { return l.of(Error) }

// Warnings returns the diagnostics of severity Warning.
func (l List) Warnings() List { return l.of(Warning) }

func (l List) of(sev Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == sev {
			out = append(out, d)
		}
	}
	return out
}

// Error joins the diagnostics one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Pointer builds an RFC 6901 pointer fragment from path segments, escaping
// "~" as "~0" and "/" as "~1".
func Pointer(segments ...string) string {
	var b strings.Builder
	b.WriteString("#")
	for _, s := range segments {
		b.WriteByte('/')
		s = strings.ReplaceAll(s, "~", "~0")
		b.WriteString(strings.ReplaceAll(s, "/", "~1"))
	}
	return b.String()
}
