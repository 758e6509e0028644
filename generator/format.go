package generator

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"strconv"
	"strings"
	"sync"

	"github.com/oagen/oagen/generator/output"
)

// A formatter formats the emitted files as the emitter renders them and
// collects the identifiers they use (selectors as ".name"), which
// trimRuntime needs. It is safe for concurrent use: the emitter renders
// and finishes files on as many goroutines as there are CPUs.
//
// The emitter renders its files unformatted, so that each file is parsed
// once and printed once here: formatting in the emitter and again with
// goimports, then parsing a third time to find the names, was most of the
// generation time of a large description. A file that imports a package
// outside the standard library (a type the user mapped in) also goes
// through goimports, which groups its imports. The result does not depend
// on the order the files come in.
type formatter struct {
	mu   sync.Mutex
	used map[string]bool
}

// format is an emit.Files finish function.
func (f *formatter) format(name string, src []byte) ([]byte, error) {
	out, used, err := formatFile(name, src)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.used == nil {
		f.used = map[string]bool{}
	}
	maps.Copy(f.used, used)
	return out, nil
}

// formatFile prints one emitted file in gofmt's style and collects the
// identifiers it uses.
func formatFile(name string, src []byte) ([]byte, map[string]bool, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		// A generator bug: goimports' message shows the lines around it.
		_, ferr := output.Format(name, src)
		if ferr == nil {
			ferr = fmt.Errorf("formatting generated %s: %w", name, err)
		}
		return nil, nil, ferr
	}
	used := map[string]bool{}
	addIdents(used, f)
	var buf bytes.Buffer
	buf.Grow(len(src))
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, nil, fmt.Errorf("formatting generated %s: %w", name, err)
	}
	out := buf.Bytes()
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			out, err = output.Format(name, out)
			break
		}
	}
	return out, used, err
}
