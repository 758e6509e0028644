package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// TypeCheck type-checks the Go files of a generated package, tests
// included, as the compiler would, and returns the problems found (the
// first ten, then a count), or nil. Generated code imports the standard
// library, and the packages of the types a user mapped schemas to; the
// export data of both is found with go list, run in the working folder,
// and kept for the life of the process.
func TypeCheck(files map[string][]byte) error { return TypeCheckIn("", files) }

// TypeCheckIn is TypeCheck with go list run in dir, a folder of the module
// whose requirements provide the mapped types' packages.
func TypeCheckIn(dir string, files map[string][]byte) error {
	fset := token.NewFileSet()
	var parsed []*ast.File
	var problems []string
	imports := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		parsed = append(parsed, f)
		for _, imp := range f.Imports {
			if path, err := strconv.Unquote(imp.Path.Value); err == nil {
				imports[path] = true
			}
		}
	}
	if len(parsed) == 0 || len(problems) > 0 {
		return typeErrors(problems)
	}
	stdlib.Lock()
	defer stdlib.Unlock()
	imp, err := stdlib.importer(dir, slices.Sorted(maps.Keys(imports)))
	if err != nil {
		return err
	}
	conf := types.Config{
		Importer: imp,
		Error:    func(err error) { problems = append(problems, err.Error()) },
	}
	conf.Check(parsed[0].Name.Name, fset, parsed, nil)
	return typeErrors(problems)
}

// stdlib is the standard library (and the mapped types' packages) as the
// type checker sees it, shared by every check of the process: the importer
// keeps each package it has read. It is not safe for concurrent use, hence
// the lock.
var stdlib stdImporter

// stdImporter reads the compiler's export data of the imported packages,
// located by go list -export (which builds it into the build cache when
// needed, offline). Without a go command it reads the packages' sources
// from GOROOT instead, which is slower and heavier and knows the standard
// library only.
type stdImporter struct {
	sync.Mutex
	exports map[string]string // import path -> export data file
	imp     types.Importer
}

// importer returns the importer, after making sure it can find paths.
func (s *stdImporter) importer(dir string, paths []string) (types.Importer, error) {
	if s.imp == nil {
		s.exports = map[string]string{}
		if _, err := exec.LookPath("go"); err != nil {
			s.imp = importer.ForCompiler(token.NewFileSet(), "source", nil)
			s.exports = nil
		} else {
			s.imp = importer.ForCompiler(token.NewFileSet(), "gc", s.lookup)
		}
	}
	if s.exports == nil {
		return s.imp, nil
	}
	var missing []string
	for _, p := range paths {
		if _, ok := s.exports[p]; !ok && p != "unsafe" && p != "C" {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return s.imp, nil
	}
	cmd := exec.Command("go", append([]string{"list", "-export", "-f", "{{.ImportPath}}\t{{.Export}}"}, missing...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("locating the export data of %s: %v\n%s", strings.Join(missing, " "), err, stderr.Bytes())
	}
	for line := range strings.Lines(string(out)) {
		if path, file, ok := strings.Cut(strings.TrimSpace(line), "\t"); ok && file != "" {
			s.exports[path] = file
		}
	}
	return s.imp, nil
}

func (s *stdImporter) lookup(path string) (io.ReadCloser, error) {
	file, ok := s.exports[path]
	if !ok {
		return nil, fmt.Errorf("no export data for %q (generated code imports the standard library and the packages of mapped types only)", path)
	}
	return os.Open(file)
}

// typeErrors joins the first problems into one error.
func typeErrors(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	const shown = 10
	msg := strings.Join(problems[:min(len(problems), shown)], "\n")
	if len(problems) > shown {
		msg += fmt.Sprintf("\n(and %d more)", len(problems)-shown)
	}
	return errors.New("the generated package does not type-check:\n" + msg)
}
