package generator

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// trimRuntime drops from the runtime files the unexported declarations
// that nothing in the package uses: not the generated files, and not the
// runtime declarations they use, transitively. Exported declarations (the
// client's API) always stay. So a client without paging carries no
// paginate, one without form bodies no form encoder, and the generated
// package has no dead code. Files left without declarations are dropped.
// The name-based walk keeps a declaration whenever its name is used
// anywhere it reaches, which can keep too much but never too little.
//
// A package without operations has no client: then the runtime's exported
// options and errors are not kept for their own sake either.
//
// used holds the identifiers the generated files use, selectors as
// ".name" (a formatter collects them); trimRuntime adds to it.
func trimRuntime(runtime map[string][]byte, used map[string]bool, client bool) (map[string][]byte, error) {
	fset := token.NewFileSet()
	var all []*runtimeDecl
	files := map[string]*ast.File{}
	for _, name := range slices.Sorted(maps.Keys(runtime)) {
		f, err := parser.ParseFile(fset, name, runtime[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("runtime %s: %w", name, err)
		}
		files[name] = f
		all = append(all, runtimeDecls(name, f)...)
	}
	for changed := true; changed; {
		changed = false
		for _, d := range all {
			if !d.kept && d.needed(used, client) {
				d.kept, changed = true, true
				for n := range d.uses {
					used[n] = true
				}
			}
		}
	}
	out := map[string][]byte{}
	for name, src := range runtime {
		var cuts [][2]int
		kept := 0
		for _, d := range all {
			switch {
			case d.file != name:
			case d.kept:
				if !d.field {
					kept++
				}
			default:
				cuts = append(cuts, [2]int{fset.Position(d.from).Offset, fset.Position(d.to).Offset})
			}
		}
		if kept == 0 {
			continue
		}
		trimmed, err := dropUnusedImports(name, cut(src, cuts))
		if err != nil {
			return nil, err
		}
		out[name] = trimmed
	}
	return out, nil
}

// dropUnusedImports removes the imports that a trimmed file no longer uses.
func dropUnusedImports(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("trimmed runtime %s: %w", name, err)
	}
	qualifiers := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				qualifiers[id.Name] = true
			}
		}
		return true
	})
	changed := false
	for _, imp := range slices.Clone(f.Imports) {
		path, _ := strconv.Unquote(imp.Path.Value)
		if !qualifiers[importName(imp, path)] {
			name := ""
			if imp.Name != nil {
				name = imp.Name.Name
			}
			astutil.DeleteNamedImport(fset, f, name, path)
			changed = true
		}
	}
	if !changed {
		return src, nil
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, fmt.Errorf("trimmed runtime %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// runtimeDecl is one top-level declaration of the runtime, or one spec of
// a var or type group; a const group stays whole, since iota numbers it.
type runtimeDecl struct {
	file     string
	from, to token.Pos // with its doc comment
	names    []string  // what it declares
	recv     string    // a method's receiver type, or a field's struct
	field    bool      // a field of the struct recv
	uses     map[string]bool
	kept     bool
}

// needed reports whether a declaration is used: an exported or used name,
// or a method of a kept type whose name is exported or used.
func (d *runtimeDecl) needed(used map[string]bool, client bool) bool {
	for _, n := range d.names {
		switch {
		case d.field:
			return used[d.recv] && (ast.IsExported(n) || used["."+n] || used[n])
		case d.recv != "":
			return used[d.recv] && (ast.IsExported(n) || used["."+n])
		}
		if client && ast.IsExported(n) || used[n] || n == "init" || n == "_" {
			return true
		}
	}
	return false
}

func runtimeDecls(file string, f *ast.File) []*runtimeDecl {
	var out []*runtimeDecl
	add := func(from, to token.Pos, names []string, recv string, uses ...ast.Node) {
		d := &runtimeDecl{file: file, from: from, to: to, names: names, recv: recv, uses: map[string]bool{}}
		for _, n := range uses {
			addIdents(d.uses, n)
		}
		out = append(out, d)
	}
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			recv := ""
			if decl.Recv != nil && len(decl.Recv.List) == 1 {
				recv = baseTypeName(decl.Recv.List[0].Type)
			}
			uses := []ast.Node{decl.Type} // what the function uses, not its own name
			if decl.Recv != nil {
				uses = append(uses, decl.Recv)
			}
			if decl.Body != nil {
				uses = append(uses, decl.Body)
			}
			add(docStart(decl.Doc, decl.Pos()), decl.End(), []string{decl.Name.Name}, recv, uses...)
		case *ast.GenDecl:
			if decl.Tok == token.IMPORT {
				continue
			}
			if decl.Tok == token.CONST {
				add(docStart(decl.Doc, decl.Pos()), decl.End(), specNames(decl.Specs), "", decl)
				continue
			}
			for _, s := range decl.Specs {
				doc, pos := specDoc(s)
				if !decl.Lparen.IsValid() { // a lone spec: the declaration is its place
					doc, pos = decl.Doc, decl.Pos()
				}
				if ts, ok := s.(*ast.TypeSpec); ok {
					if st, ok := ts.Type.(*ast.StructType); ok {
						out = append(out, structDecls(file, docStart(doc, pos), ts, st)...)
						continue
					}
				}
				add(docStart(doc, pos), s.End(), specNames([]ast.Spec{s}), "", s)
			}
		}
	}
	return out
}

// structDecls splits a struct type into the type itself and one
// declaration per field, kept like a method: when the type is kept and the
// field is exported or its name is used (x.field, or a key of a composite
// literal). A field declared beside others on one line stays with the
// type.
func structDecls(file string, from token.Pos, ts *ast.TypeSpec, st *ast.StructType) []*runtimeDecl {
	typ := &runtimeDecl{file: file, from: from, to: ts.End(), names: []string{ts.Name.Name}, uses: map[string]bool{}}
	if ts.TypeParams != nil {
		addIdents(typ.uses, ts.TypeParams)
	}
	out := []*runtimeDecl{typ}
	for _, f := range st.Fields.List {
		if len(f.Names) != 1 {
			addIdents(typ.uses, f.Type)
			continue
		}
		end := f.End()
		if f.Comment != nil {
			end = f.Comment.End()
		}
		d := &runtimeDecl{file: file, from: docStart(f.Doc, f.Pos()), to: end, names: []string{f.Names[0].Name},
			recv: ts.Name.Name, field: true, uses: map[string]bool{}}
		addIdents(d.uses, f.Type)
		out = append(out, d)
	}
	return out
}

func docStart(doc *ast.CommentGroup, pos token.Pos) token.Pos {
	if doc != nil {
		return doc.Pos()
	}
	return pos
}

func specDoc(s ast.Spec) (*ast.CommentGroup, token.Pos) {
	switch s := s.(type) {
	case *ast.ValueSpec:
		return s.Doc, s.Pos()
	case *ast.TypeSpec:
		return s.Doc, s.Pos()
	}
	return nil, s.Pos()
}

func specNames(specs []ast.Spec) []string {
	var names []string
	for _, s := range specs {
		switch s := s.(type) {
		case *ast.ValueSpec:
			for _, n := range s.Names {
				names = append(names, n.Name)
			}
		case *ast.TypeSpec:
			names = append(names, s.Name.Name)
		}
	}
	return names
}

// baseTypeName is T for a receiver T, *T, T[X] or *T[X].
func baseTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// addIdents records the identifiers that node spells: a bare name as
// itself, and a selected one (x.name, a method or a field) as ".name", so
// that a method is not kept by a function or type of the same name.
func addIdents(set map[string]bool, node ast.Node) {
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			set["."+n.Sel.Name] = true
			addIdents(set, n.X)
			return false
		case *ast.Ident:
			set[n.Name] = true
		}
		return true
	})
}

// cut removes the byte ranges from src, each with the line break after it.
func cut(src []byte, ranges [][2]int) []byte {
	sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	var out []byte
	at := 0
	for _, r := range ranges {
		if r[0] < at {
			continue
		}
		out = append(out, src[at:r[0]]...)
		at = r[1]
		if at < len(src) && src[at] == '\n' {
			at++
		}
	}
	return append(out, src[at:]...)
}

// importName is the name a file refers to an import by: its own name, or
// the last element of the path that is not a major version (math/rand/v2
// is rand). The runtime imports only the standard library, whose package
// names follow their paths.
func importName(imp *ast.ImportSpec, path string) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	parts := strings.Split(path, "/")
	last := parts[len(parts)-1]
	if len(parts) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = parts[len(parts)-2]
	}
	return last
}
