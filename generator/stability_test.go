package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Adding an unrelated schema, tag, operation or enum to a spec renames no
// identifier the spec already produced: names are public API.
func TestAddingUnrelatedThingsRenamesNothing(t *testing.T) {
	const extra = `
  /zoo/animals:
    get:
      operationId: zoo_listAnimals
      tags: [Zoo]
      parameters:
        - {name: kind, in: query, schema: {$ref: "#/components/schemas/AnimalKind"}}
      responses:
        "200":
          description: Animals.
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Animal"}}
`
	const schemas = `
    Animal:
      type: object
      properties:
        name: {type: string}
        status: {type: string, enum: [CREATED, COMPLETED, unknown]}
        job: {type: object, properties: {id: {type: string}}}
    AnimalKind:
      type: string
      enum: [cat, dog, error]
`
	base, err := os.ReadFile(courierSpec)
	if err != nil {
		t.Fatal(err)
	}
	spec := string(base)
	// Insert the operation at the top of paths and the schemas at the top
	// of components.schemas, where they are most likely to claim names first.
	spec = strings.Replace(spec, "\npaths:\n", "\npaths:"+extra, 1)
	spec = strings.Replace(spec, "\n  schemas:\n", "\n  schemas:"+schemas, 1)
	if spec == string(base) {
		t.Fatal("the spec was not changed")
	}
	grown := filepath.Join(t.TempDir(), "grown.yaml")
	if err := os.WriteFile(grown, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	before := exportedNames(t, Config{SpecPath: courierSpec, Package: "courier"})
	after := exportedNames(t, Config{SpecPath: grown, Package: "courier"})
	for name := range before {
		if !after[name] {
			t.Errorf("%s disappeared when unrelated things were added", name)
		}
	}
	if len(after) <= len(before) {
		t.Errorf("the grown spec produced no new names (%d before, %d after)", len(before), len(after))
	}
}

// exportedNames lists the exported identifiers of a generated package:
// declarations, methods as Type.Method, and fields as Type.Field.
func exportedNames(t *testing.T, cfg Config) map[string]bool {
	t.Helper()
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	fset := token.NewFileSet()
	for name, src := range res.Files {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && len(d.Recv.List) > 0 {
					names[receiverName(d.Recv.List[0].Type)+"."+d.Name.Name] = d.Name.IsExported()
				} else if d.Name.IsExported() {
					names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					addSpecNames(names, s)
				}
			}
		}
	}
	for k, exported := range names {
		if !exported {
			delete(names, k)
		}
	}
	return names
}

func addSpecNames(names map[string]bool, s ast.Spec) {
	switch s := s.(type) {
	case *ast.TypeSpec:
		names[s.Name.Name] = s.Name.IsExported()
		if st, ok := s.Type.(*ast.StructType); ok {
			for _, f := range st.Fields.List {
				for _, n := range f.Names {
					names[s.Name.Name+"."+n.Name] = n.IsExported()
				}
			}
		}
	case *ast.ValueSpec:
		for _, n := range s.Names {
			names[n.Name] = n.IsExported()
		}
	}
}

func receiverName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverName(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return receiverName(e.X)
	}
	return "?"
}
