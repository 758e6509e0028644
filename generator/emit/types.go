package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// typesFile holds the structs and defined types, except request structs,
// which sit with their service.
func (e *emitter) typesFile() *jen.File {
	return e.fileOf(func(t *ir.Type) bool {
		return !e.requests[t] && (t.Kind == ir.Struct || t.Kind == ir.Defined)
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
	docComment(f, deprecated(docFor(t.Name, t.Doc, t.Name+" is a schema of the API."), t.Deprecated))
	if t.Kind == ir.Defined {
		if t.Alias {
			f.Type().Id(t.Name).Op("=").Add(typeCode(*t.Underlying))
		} else {
			f.Type().Id(t.Name).Add(typeCode(*t.Underlying))
		}
		return
	}
	f.Type().Id(t.Name).Struct(structFields(t)...)
	if t.Additional != nil {
		e.objectMethods(f, t)
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
		for _, c := range fieldComment(deprecated(fl.Doc, fl.Deprecated)) {
			out = append(out, c)
		}
		out = append(out, jen.Id(fl.Name).Add(wrapped(fl.Type, fl.Wrap)).Tag(map[string]string{"json": jsonTag(fl)}))
	}
	if t.Additional != nil {
		if len(out) > 0 {
			out = append(out, jen.Line())
		}
		out = append(out,
			jen.Comment("AdditionalProperties holds the members the schema does not declare.").Line(),
			jen.Id("AdditionalProperties").Map(jen.String()).Add(typeCode(*t.Additional)).Tag(map[string]string{"json": "-"}))
	}
	return out
}

// jsonTag is "name" for required fields and "name,omitzero" for the rest,
// so that absent values stay absent.
func jsonTag(f *ir.Field) string {
	if f.JSONName == "-" {
		return "-"
	}
	if f.Required && f.Wrap != ir.Pointer {
		return f.JSONName
	}
	return f.JSONName + ",omitzero"
}

// objectMethods writes MarshalJSON and UnmarshalJSON for a struct that keeps
// its undeclared members:
//
//	func (v T) MarshalJSON() ([]byte, error) {
//		type plain T
//		return marshalObject(plain(v), v.AdditionalProperties)
//	}
func (e *emitter) objectMethods(f *jen.File, t *ir.Type) {
	var known []jen.Code
	for _, fl := range t.Fields {
		known = append(known, jen.Lit(fl.JSONName))
	}
	f.Comment("MarshalJSON encodes the declared fields, then AdditionalProperties.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(t.Name),
		jen.Return(jen.Id("marshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot("AdditionalProperties"))),
	)
	f.Comment("UnmarshalJSON decodes the declared fields and keeps the other members")
	f.Comment("in AdditionalProperties.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Type().Id("plain").Id(t.Name),
		jen.Return(jen.Id("unmarshalObject").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")),
			jen.Index().String().Values(known...), jen.Op("&").Id("v").Dot("AdditionalProperties"))),
	)
}
