package load

import (
	"fmt"
	"go/token"
	"slices"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// Mapped types: a schema the user maps to a Go type of their own, with
// x-go-type and x-go-type-import in the description (spelled as
// oapi-codegen spells them) or with the config's types. The generated code
// uses that type as is, and declares none for the schema.
//
// Which mapping wins, most specific first: a config entry naming the
// schema's pointer, an x-go-type beside a $ref, an x-go-type in the schema,
// then the first config entry matching the schema's format.

// TypeMapping maps schemas to a Go type (see generator.TypeMapping).
type TypeMapping struct {
	Format  string
	Type    string
	Pointer string
	GoType  string // import path and type name: github.com/shopspring/decimal.Decimal
	At      Place  // the entry in the config file
}

// builtinGoTypes are the x-go-type spellings that name a type oagen knows
// itself, with no import, and the type each stands for.
var builtinGoTypes = map[string]string{
	"string": ir.String, "int64": ir.Int64, "int32": ir.Int32, "float64": ir.Float64, "float32": ir.Float32,
	"bool": ir.Bool, "any": ir.Any, "interface{}": ir.Any, "[]byte": ir.Bytes,
	"time.Time": ir.Time, "json.RawMessage": ir.RawMessage,
}

// stdGoTypes are the types of the standard library among them, by import
// path and name.
var stdGoTypes = map[[2]string]string{{"time", "Time"}: ir.Time, {"encoding/json", "RawMessage"}: ir.RawMessage}

// mapped returns the Go type a schema is mapped to, if any: sr as written
// at ptr.
func (b *builder) mapped(sr *openapi3.SchemaRef, ptr string) (ir.TypeRef, bool) {
	for i, m := range b.cfg.Types {
		if m.Pointer != "" && (m.Pointer == ptr || slices.Contains(refKeys(sr), m.Pointer)) {
			b.typesUsed[i] = true
			return b.configType(m)
		}
	}
	if sr.Ref != "" {
		if ref, ok := b.goTypeOnce(sr, sr.Extensions, ptr); ok {
			return ref, true
		}
	}
	s := sr.Value
	if ref, ok := b.goTypeOnce(s, s.Extensions, ptr); ok {
		return ref, true
	}
	for i, m := range b.cfg.Types {
		if m.Format != "" && s.Format == m.Format && (m.Type == "" || primaryType(s) == m.Type) {
			b.typesUsed[i] = true
			return b.configType(m)
		}
	}
	return ir.TypeRef{}, false
}

// goTypeOnce is the x-go-type among the extensions of node (a schema, or
// a $ref with siblings), read, and its problems reported, once however
// often the node is met.
func (b *builder) goTypeOnce(node any, ext map[string]any, ptr string) (ir.TypeRef, bool) {
	if ref, seen := b.goTypes[node]; seen {
		return derefType(ref)
	}
	ref, ok := b.goType(ext, ptr)
	if !ok {
		b.goTypes[node] = nil
		return ref, false
	}
	b.goTypes[node] = &ref
	return ref, true
}

func derefType(ref *ir.TypeRef) (ir.TypeRef, bool) {
	if ref == nil {
		return ir.TypeRef{}, false
	}
	return *ref, true
}

// goType reads x-go-type and x-go-type-import among ext, written at ptr.
func (b *builder) goType(ext map[string]any, ptr string) (ir.TypeRef, bool) {
	v, ok := ext["x-go-type"]
	if !ok {
		if _, stray := ext["x-go-type-import"]; stray {
			b.warn(ptr+"/x-go-type-import", "x-go-type-import without x-go-type imports nothing; it is ignored")
		}
		return ir.TypeRef{}, false
	}
	at := ptr + "/x-go-type"
	expr, _ := v.(string)
	rawImp, hasImport := ext["x-go-type-import"]
	if !hasImport {
		if name, ok := builtinGoTypes[expr]; ok {
			return ir.BuiltinRef(name), true
		}
	}
	qualifier, name, ok := naming.ParseTypeExpr(expr)
	if !ok {
		b.fail(at, "x-go-type must name a type of another package, such as decimal.Decimal with x-go-type-import: {path: github.com/shopspring/decimal}, or one of %s; got %s",
			builtinList(), shown(v))
		return ir.TypeRef{}, false
	}
	if !hasImport {
		b.fail(at, "x-go-type %q needs x-go-type-import: {path: ...} beside it, naming the import path of package %s", expr, qualifier)
		return ir.TypeRef{}, false
	}
	imp, ok := rawImp.(map[string]any)
	path, _ := imp["path"].(string)
	alias, aliased := imp["name"].(string)
	switch {
	case !ok || !naming.ImportPathOK(path):
		b.fail(ptr+"/x-go-type-import", "x-go-type-import must be a mapping with the import path of the type's package, {path: github.com/shopspring/decimal}; got %s", shown(rawImp))
		return ir.TypeRef{}, false
	case imp["name"] != nil && (!aliased || !token.IsIdentifier(alias) || alias == "_"):
		b.fail(ptr+"/x-go-type-import/name", "the name of x-go-type-import is the name the package is imported as, a Go identifier; got %s", shown(imp["name"]))
		return ir.TypeRef{}, false
	case aliased && alias != qualifier:
		b.fail(at, "x-go-type %q refers to its package as %s, but x-go-type-import imports it as %s; write %s.%s", expr, qualifier, alias, alias, name)
		return ir.TypeRef{}, false
	}
	if std, ok := stdGoTypes[[2]string{path, name}]; ok {
		return ir.BuiltinRef(std), true
	}
	return ir.ExternalRef(b.importOf(path, qualifier, aliased), name), true
}

// configType is the type a config entry names.
func (b *builder) configType(m TypeMapping) (ir.TypeRef, bool) {
	path, name, ok := naming.SplitType(m.GoType)
	if !ok {
		return ir.TypeRef{}, false // the config was checked when read
	}
	if std, ok := stdGoTypes[[2]string{path, name}]; ok {
		return ir.BuiltinRef(std), true
	}
	qualifier, alias := naming.Qualifier(path)
	return ir.ExternalRef(b.importOf(path, qualifier, alias), name), true
}

// importOf returns the import of the package at path, which the generated
// code refers to by qualifier, spelled out in the import when alias. One
// package has one qualifier throughout; a qualifier that another package,
// a name of the generated package or one of the standard packages it
// imports already has is numbered, and spelled out.
func (b *builder) importOf(path, qualifier string, alias bool) ir.Import {
	if imp, ok := b.imports[path]; ok {
		return imp
	}
	taken := func(q string) bool {
		if other, ok := b.qualifiers[q]; ok {
			return other != path
		}
		std, isStd := stdImports[q]
		return isStd && std != path || slices.Contains(b.cfg.Reserved, q) || slices.Contains(b.cfg.MethodLocals, q) && !isStd
	}
	if taken(qualifier) {
		base := qualifier
		for i := 2; taken(qualifier); i++ {
			qualifier = base + strconv.Itoa(i)
		}
		alias = true
	}
	imp := ir.Import{Path: path, Qualifier: qualifier, Alias: alias}
	b.imports[path] = imp
	b.qualifiers[qualifier] = path
	return imp
}

// stdImports are the standard packages generated code may import, by the
// name it refers to them by.
var stdImports = map[string]string{
	"bytes": "bytes", "context": "context", "fmt": "fmt", "http": "net/http", "io": "io", "iter": "iter",
	"maps": "maps", "multipart": "mime/multipart", "slices": "slices", "strconv": "strconv",
	"strings": "strings", "time": "time", "url": "net/url", "json": "encoding/json", "errors": "errors",
}

func builtinList() string {
	return "string, int64, int32, float64, float32, bool, any, []byte, time.Time and json.RawMessage"
}

// unusedTypes warns of the config's types entries that matched no schema.
func (b *builder) unusedTypes() {
	for i, m := range b.cfg.Types {
		if b.typesUsed[i] {
			continue
		}
		what := fmt.Sprintf("format %q", m.Format)
		if m.Pointer != "" {
			what = fmt.Sprintf("pointer %q", m.Pointer)
		}
		b.diags = append(b.diags, diag.Diagnostic{Severity: diag.Warning, File: m.At.File, Line: m.At.Line, Col: m.At.Col,
			Message: fmt.Sprintf("types: the entry for %s (%s) matches no schema of the description", what, m.GoType)})
	}
}
