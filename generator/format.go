package generator

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/oagen/oagen/generator/output"
)

// formatEmitted formats the emitted files in place and returns the
// identifiers they use (selectors as ".name"), which trimRuntime needs.
//
// The emitter renders its files unformatted, so that each file is parsed
// once and printed once here: formatting in the emitter and again with
// goimports, then parsing a third time to find the names, was most of the
// generation time of a large description. A file that imports a package
// outside the standard library (a type the user mapped in) also goes
// through goimports, which groups its imports. Files are formatted on as
// many goroutines as there are CPUs; the result does not depend on their
// order.
func formatEmitted(files map[string][]byte) (map[string]bool, error) {
	names := slices.Sorted(maps.Keys(files))
	type result struct {
		src  []byte
		used map[string]bool
		err  error
	}
	results := make([]result, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := &results[i]
				r.src, r.used, r.err = formatFile(names[i], files[names[i]])
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	used := map[string]bool{}
	for i, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		files[names[i]] = r.src
		for n := range r.used {
			used[n] = true
		}
	}
	return used, nil
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
