package main

import (
	"fmt"
	"io"
	"os"

	"github.com/oagen/oagen/generator"
	"github.com/oagen/oagen/generator/diag"
)

// Exit statuses.
const (
	exitOK    = 0 // generated (warnings allowed), or -check found nothing stale
	exitInput = 1 // the spec, a file it refers to or the config has errors; or -check found stale files
	exitUsage = 2 // the command line is wrong
)

// report prints problems once, at the edge: each as
// file:line:col: #/pointer: message, and under each error the lines it is
// on with a caret at its column. The listing is plain text, never coloured:
// it is read in terminals, CI logs and editors alike, and an editor's
// problem matcher reads the first line only. An error that names no place
// starts with "oagen:".
func report(w io.Writer, err error) {
	list, ok := generator.IsDiagnostics(err)
	if !ok {
		fmt.Fprintln(w, "oagen:", err)
		return
	}
	printDiagnostics(w, list)
}

// printDiagnostics prints a list with a listing under each error. The
// listing reads the file named in the diagnostic, which is the name the
// user typed (relative to the working folder).
func printDiagnostics(w io.Writer, list diag.List) {
	sources := map[string][]byte{}
	for _, d := range list {
		fmt.Fprintln(w, d.String())
		if d.Severity != diag.Error || d.Line == 0 || d.File == "" {
			continue
		}
		src, seen := sources[d.File]
		if !seen {
			src, _ = os.ReadFile(d.File)
			sources[d.File] = src
		}
		fmt.Fprint(w, diag.Listing(src, d.Line, d.Col))
	}
}
