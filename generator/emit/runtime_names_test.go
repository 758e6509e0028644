package emit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// emitsOwn are the identifiers emit spells as bare strings that are not
// the runtime's: the locals and parameters of the code it writes, and what
// it declares itself. Every other bare identifier emit writes must be a
// declaration of the runtime (templates/), checked below, so a helper the
// runtime renames or drops fails here, whichever golden case reaches it.
var emitsOwn = []string{
	// locals and parameters
	"_", "b", "base", "body", "c", "client", "ctx", "cursor", "data", "doc",
	"form", "i", "k", "key", "kv", "line", "mw", "ok", "op", "opts", "out", "p",
	"m", "page", "parts", "r", "req", "res", "s", "srv", "status", "t", "T", "u",
	"v", "w", "E",
	// declared by emit: the service's field, the examples' helpers, the
	// methods and fields of generated types
	"core", "serveExample", "canonicalJSON", "printResponse", "exampleValue",
	"MarshalJSON", "UnmarshalJSON", "IsKnown", "set", "Raw", "Body",
	"moveJSON", "addParams", "names", "additional",
	"raw", "variant", "value", "discriminator", "kinds", "required", "properties",
	"Rest", // a tuple's elements after its declared ones
}

// TestRuntimeNames checks every identifier emit writes as a bare string
// (jen.Id("paginate"), .Dot("rawBody")) against the runtime's own
// declarations, read from the sources of templates/: package-level names
// for Id, and also field and method names for Dot and for the keys of
// composite literals. Selectors of exported names (the standard library's
// w.Header, the generated types' fields) are not the runtime's and are
// left out.
func TestRuntimeNames(t *testing.T) {
	pkgNames, memberNames := runtimeDecls(t)
	own := map[string]bool{}
	for _, n := range append(slices.Clone(emitsOwn), ClientNames()...) {
		own[n] = true
	}
	checked := 0
	used := map[string]bool{}
	for _, ref := range bareNames(t) {
		used[ref.name] = true
		switch {
		case ref.dot && !unicode.IsLower([]rune(ref.name)[0]):
			continue
		case pkgNames[ref.name], memberNames[ref.name]:
			checked++
		case own[ref.name]:
		default:
			t.Errorf("%s: emit names %q, which the runtime does not declare (if it is a local of the generated code, add it to emitsOwn)", ref.pos, ref.name)
		}
	}
	if checked == 0 {
		t.Fatal("no name emit writes was found among the runtime's declarations")
	}
	// The list holds no more than emit uses, and no package-level name of
	// the runtime's.
	for _, n := range emitsOwn {
		if !used[n] {
			t.Errorf("%q is in emitsOwn but emit no longer writes it", n)
		}
		if pkgNames[n] {
			t.Errorf("%q is in emitsOwn but is a package-level name of the runtime", n)
		}
	}
}

type bareName struct {
	name string
	dot  bool // a field or method: x.name, or a key of operation's literal
	pos  token.Position
}

// bareNames lists the string literals emit's sources pass to Id, Dot and
// set.
func bareNames(t *testing.T) []bareName {
	t.Helper()
	fset := token.NewFileSet()
	var out []bareName
	for _, f := range parseDir(t, fset, ".") {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			case *ast.Ident:
				fn = f.Name
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			// set is opFields' helper: set("rawBody", v) spells a field
			// of the runtime's operation.
			if !ok || lit.Kind != token.STRING || !(fn == "Id" || fn == "Dot" || fn == "set") || (fn != "set" && len(call.Args) != 1) {
				return true
			}
			name, err := strconv.Unquote(lit.Value)
			if err != nil || name == "" {
				t.Fatalf("%s: %s", fset.Position(lit.Pos()), lit.Value)
			}
			out = append(out, bareName{name: name, dot: fn != "Id", pos: fset.Position(lit.Pos())})
			return true
		})
	}
	if len(out) == 0 {
		t.Fatal("no jen.Id or Dot call with a string literal in emit's sources")
	}
	return out
}

// runtimeDecls reads the runtime's package-level names, and the names of
// its types' fields and methods.
func runtimeDecls(t *testing.T) (pkg, members map[string]bool) {
	t.Helper()
	pkg, members = map[string]bool{}, map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range parseDir(t, fset, filepath.Join("..", "..", "templates")) {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					pkg[d.Name.Name] = true
				} else {
					members[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						pkg[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							pkg[n.Name] = true
						}
					}
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var fields *ast.FieldList
			switch n := n.(type) {
			case *ast.StructType:
				fields = n.Fields
			case *ast.InterfaceType:
				fields = n.Methods
			}
			if fields == nil {
				return true
			}
			for _, field := range fields.List {
				for _, n := range field.Names {
					members[n.Name] = true
				}
			}
			return true
		})
	}
	if !pkg["paginate"] {
		t.Fatal("the runtime's sources were not read: no paginate")
	}
	return pkg, members
}

// parseDir parses the Go files of dir, tests left out.
func parseDir(t *testing.T, fset *token.FileSet, dir string) []*ast.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}
