package apidiff

import (
	"bufio"
	"bytes"
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
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A generated package is type-checked in memory: its files are parsed from
// the generator's result, and its imports (the standard library, and the
// packages of the types a user mapped schemas to) are read from the export data the go command leaves in the build cache. One
// `go list -export` call finds them all, which is several times faster than
// the default importer's call per package, and needs no network.

// checkPackages type-checks the files of each package (file name -> source)
// under the given import paths; specs name the specs they come from, for
// errors. The packages share one importer, so they share standard-library
// types.
func checkPackages(pkgPaths, specs []string, sources []map[string][]byte) ([]*types.Package, error) {
	fset := token.NewFileSet()
	parsed := make([][]*ast.File, len(sources))
	imports := map[string]bool{}
	for i, files := range sources {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
			if err != nil {
				return nil, fmt.Errorf("the package generated from %s does not parse: %v", specs[i], err)
			}
			parsed[i] = append(parsed[i], f)
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				imports[path] = true
			}
		}
	}
	imp, err := exportImporter(fset, slices.Sorted(maps.Keys(imports)))
	if err != nil {
		return nil, err
	}
	out := make([]*types.Package, len(sources))
	for i, files := range parsed {
		conf := types.Config{Importer: imp}
		pkg, err := conf.Check(pkgPaths[i], fset, files, nil)
		if err != nil {
			return nil, fmt.Errorf("the package generated from %s does not type-check: %v", specs[i], err)
		}
		out[i] = pkg
	}
	return out, nil
}

// exportImporter imports the given packages, and what they import, from
// export data listed by one `go list -export -deps` call. It falls back to
// type-checking from source when the go command fails.
func exportImporter(fset *token.FileSet, pkgs []string) (types.Importer, error) {
	if len(pkgs) == 0 {
		return importer.ForCompiler(fset, "source", nil), nil
	}
	dir, err := os.MkdirTemp("", "oagendiff")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// A module of its own, so the go command does not look at the caller's.
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module oagendiff\n\ngo 1.26\n"), 0o644); err != nil {
		return nil, err
	}
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, pkgs...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	// GOTOOLCHAIN=local: never download a toolchain to list the std.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil {
		// A package that maps a schema to a type of the user's imports that
		// type's package, which only the caller's module provides.
		cmd = exec.Command("go", args...)
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
		out, err = cmd.Output()
	}
	if err != nil {
		return importer.ForCompiler(fset, "source", nil), nil
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		path, file, _ := strings.Cut(sc.Text(), "\t")
		exports[path] = file
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok || file == "" {
			return nil, fmt.Errorf("no export data for %q (generated clients import the standard library and the packages of mapped types only)", path)
		}
		return os.Open(file)
	})
	// A go command of another release may write export data this binary
	// cannot read.
	if _, err := imp.Import(pkgs[0]); err != nil {
		return importer.ForCompiler(fset, "source", nil), nil
	}
	return imp, nil
}
