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
	if t.Additional != nil || len(untagged(t)) > 0 {
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

// untagged lists the fields whose JSON name no tag can carry; the struct's
// MarshalJSON and UnmarshalJSON move them.
func untagged(t *ir.Type) []*ir.Field {
	var out []*ir.Field
	for _, f := range t.Fields {
		if f.JSONName != "-" && !tagSafe(f.JSONName) {
			out = append(out, f)
		}
	}
	return out
}

// objectMethods writes MarshalJSON and UnmarshalJSON for a struct that keeps
// its undeclared members, or has members whose names no tag can carry:
//
//	func (v T) MarshalJSON() ([]byte, error) {
//		type plain T
//		return marshalObject(plain(v), v.AdditionalProperties)
//	}
func (e *emitter) objectMethods(f *jen.File, t *ir.Type) {
	var known, members []jen.Code
	for _, fl := range t.Fields {
		if fl.JSONName != "-" {
			known = append(known, jen.Lit(fl.JSONName))
		}
	}
	for _, fl := range untagged(t) {
		members = append(members, jen.Values(jen.Lit(fl.JSONName), jen.Op("&").Id("v").Dot(fl.Name), jen.Lit(omitted(fl))))
	}
	memberList := jen.Index().Id("namedMember").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, members...)
	plain := jen.Type().Id("plain").Id(t.Name)
	var marshal, unmarshal []jen.Code
	marshalDoc := []string{"MarshalJSON encodes the declared fields, then AdditionalProperties."}
	unmarshalDoc := []string{"UnmarshalJSON decodes the declared fields and keeps the other members", "in AdditionalProperties."}
	if len(members) > 0 {
		marshalDoc = []string{"MarshalJSON encodes the fields, writing by hand those whose JSON names", "no struct tag can carry."}
		unmarshalDoc = []string{"UnmarshalJSON decodes the fields, reading by hand those whose JSON names", "no struct tag can carry."}
	}
	switch {
	case len(members) == 0:
		marshal = []jen.Code{plain, jen.Return(jen.Id("marshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot("AdditionalProperties")))}
		unmarshal = []jen.Code{plain, jen.Return(jen.Id("unmarshalObject").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")),
			jen.Index().String().Values(known...), jen.Op("&").Id("v").Dot("AdditionalProperties")))}
	case t.Additional == nil:
		marshal = []jen.Code{plain, jen.Return(jen.Id("marshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("memberValues").Call(memberList)))}
		unmarshal = []jen.Code{plain,
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v"))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id("unmarshalMembers").Call(jen.Id("data"), memberList))}
	default:
		marshal = []jen.Code{plain,
			jen.Id("extra").Op(":=").Id("memberValues").Call(memberList),
			jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v").Dot("AdditionalProperties")).Block(
				jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("extra").Index(jen.Id("k")), jen.Op("!").Id("ok")).Block(
					jen.Id("extra").Index(jen.Id("k")).Op("=").Id("x"))),
			jen.Return(jen.Id("marshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("extra")))}
		unmarshal = []jen.Code{plain,
			jen.If(jen.Err().Op(":=").Id("unmarshalObject").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")),
				jen.Index().String().Values(known...), jen.Op("&").Id("v").Dot("AdditionalProperties")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id("unmarshalMembers").Call(jen.Id("data"), memberList))}
	}
	for _, c := range marshalDoc {
		f.Comment(c)
	}
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(marshal...)
	for _, c := range unmarshalDoc {
		f.Comment(c)
	}
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(unmarshal...)
}
