package emit

import (
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// typesFile holds the structs and defined types, except request structs,
// which sit with their service.
func (e *emitter) typesFile() *jen.File {
	return e.fileOf(func(t *ir.Type) bool {
		return !e.requests[t] && (t.Kind == ir.Struct || t.Kind == ir.Defined || t.Kind == ir.Tuple)
	}, e.declare)
}

// fileOf renders the types that match, in order, with write; nil when none
// match, so that no empty file is generated.
func (e *emitter) fileOf(match func(*ir.Type) bool, write func(*jen.File, *ir.Type)) *jen.File {
	f := e.newFile()
	n := 0
	for _, t := range e.api.Types {
		if match(t) {
			write(f, t)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return f
}

// declare writes one struct or defined type with its methods.
func (e *emitter) declare(f *jen.File, t *ir.Type) {
	if t.Kind == ir.Tuple {
		e.tuple(f, t)
		return
	}
	docComment(f, deprecated(docFor(t.Name, t.Doc, t.Name+" is a schema of the API."), t.Deprecated))
	if t.Kind == ir.Defined {
		if t.Alias {
			f.Type().Id(t.Name).Op("=").Add(typeCode(*t.Underlying))
		} else {
			f.Type().Id(t.Name).Add(typeCode(*t.Underlying))
			e.definedCodec(f, t)
		}
		return
	}
	f.Type().Id(t.Name).Struct(structFields(t)...)
	if !e.requests[t] || e.jsonBodies[t] {
		e.structCodec(f, t)
	}
}

// structFields renders the fields with their tags:
//
//	Brand Nullable[string] `json:"brand,omitzero"`
func structFields(t *ir.Type) []jen.Code {
	var out []jen.Code
	for i, fl := range t.Fields {
		if i > 0 {
			out = append(out, jen.Line())
		}
		for _, c := range fieldComment(deprecated(constDoc(fl), fl.Deprecated)) {
			out = append(out, c)
		}
		out = append(out, jen.Id(fl.Name).Add(wrapped(fl.Type, fl.Wrap)).Tag(map[string]string{"json": jsonTag(fl)}))
	}
	if t.Additional != nil {
		if len(out) > 0 {
			out = append(out, jen.Line())
		}
		out = append(out,
			jen.Comment(ExtraField+" holds the members the schema does not declare.").Line(),
			jen.Id(ExtraField).Map(jen.String()).Add(typeCode(*t.Additional)).Tag(map[string]string{"json": "-"}))
	}
	return out
}

// jsonTag is "name" for required fields and "name,omitzero" for the rest,
// so that absent values stay absent. The codec reads the names from the
// members table; the tags document them and serve other encoders.
func jsonTag(f *ir.Field) string {
	if f.JSONName == "-" || !tagSafe(f.JSONName) {
		return "-"
	}
	if !omitted(f) {
		return f.JSONName
	}
	return f.JSONName + ",omitzero"
}

// omitted reports whether a zero value of the field is left out.
func omitted(f *ir.Field) bool { return !f.Required || f.Wrap == ir.Pointer }

// tagSafe reports whether a JSON name can stand in a struct tag: encoding/json
// reads it there (letters, digits and some punctuation; no comma, quote or
// backslash) and go vet accepts it (no space).
func tagSafe(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, c := range name {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~", c) {
			return false
		}
	}
	return true
}
