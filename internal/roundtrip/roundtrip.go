// Package roundtrip writes a test for a generated package: every union
// constructor whose variant carries a discriminator builds a value that
// encodes as that variant and decodes back to it. The golden cases and the
// corpus run it over what they generate.
package roundtrip

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"sort"
	"strings"
)

// FileName is the name the test is written under.
const FileName = "zz_union_roundtrip_test.go"

// TestName is the test function it declares.
const TestName = "TestUnionConstructorsRoundTrip"

// constructor is one union constructor that fills in a discriminator.
type constructor struct {
	name, union, variant, accessor string
}

// Test returns the source of an external test of package pkg (import path
// importPath) for the generated files, or nil when no union constructor
// sets a discriminator.
func Test(pkg, importPath string, files map[string][]byte) ([]byte, error) {
	src, ok := files["unions_gen.go"]
	if !ok {
		return nil, nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "unions_gen.go", src, 0)
	if err != nil {
		return nil, err
	}
	var ctors []constructor
	for _, d := range f.Decls {
		if c, ok := discriminatedConstructor(d); ok {
			ctors = append(ctors, c)
		}
	}
	if len(ctors) == 0 {
		return nil, nil
	}
	sort.Slice(ctors, func(i, j int) bool { return ctors[i].name < ctors[j].name })
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s_test\n\nimport (\n\t\"encoding/json\"\n\t\"testing\"\n\n\t%q\n)\n\n", pkg, importPath)
	fmt.Fprintf(&b, "func %s(t *testing.T) {\n", TestName)
	for _, c := range ctors {
		fmt.Fprintf(&b, "\t{\n\t\tdata, err := json.Marshal(%[1]s.%[2]s(%[1]s.%[3]s{}))\n", pkg, c.name, c.variant)
		fmt.Fprintf(&b, "\t\tvar back %s.%s\n", pkg, c.union)
		b.WriteString("\t\tif err == nil {\n\t\t\terr = json.Unmarshal(data, &back)\n\t\t}\n")
		fmt.Fprintf(&b, "\t\tif _, ok := back.%s(); err != nil || !ok {\n", c.accessor)
		fmt.Fprintf(&b, "\t\t\tt.Errorf(\"%s encodes as %%s and decodes to another variant (%%v)\", data, err)\n\t\t}\n\t}\n", c.name)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// discriminatedConstructor recognises the constructors the generator
// writes for a variant with a discriminator:
//
//	func UOfV(v V) U {
//		if v.Type == "" { ... }
//		return U{...}
//	}
func discriminatedConstructor(d ast.Decl) (constructor, bool) {
	fn, ok := d.(*ast.FuncDecl)
	if !ok || fn.Recv != nil || fn.Type.Params.NumFields() != 1 || fn.Type.Results.NumFields() != 1 || len(fn.Body.List) < 2 {
		return constructor{}, false
	}
	param, ok1 := fn.Type.Params.List[0].Type.(*ast.Ident)
	result, ok2 := fn.Type.Results.List[0].Type.(*ast.Ident)
	_, ok3 := fn.Body.List[0].(*ast.IfStmt)
	if !ok1 || !ok2 || !ok3 || !strings.HasPrefix(fn.Name.Name, result.Name+"Of") {
		return constructor{}, false
	}
	suffix := strings.TrimPrefix(fn.Name.Name, result.Name+"Of")
	return constructor{name: fn.Name.Name, union: result.Name, variant: param.Name, accessor: "As" + suffix}, true
}
