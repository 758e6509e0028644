package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// unionsFile declares the sum types.
func (e *emitter) unionsFile() *jen.File {
	return e.fileOf(func(t *ir.Type) bool { return t.Kind == ir.Union }, e.union)
}

// union writes a sum type: an unexported variant index and value, a
// constructor and a checked accessor per variant, and JSON methods that
// find the variant on decode and keep an unknown one as raw JSON.
//
//	type Content struct { variant int; value any; raw json.RawMessage }
//	func ContentOfElementalContent(v ElementalContent) Content
//	func (u Content) AsElementalContent() (ElementalContent, bool)
func (e *emitter) union(f *jen.File, t *ir.Type) {
	text := docFor(t.Name, t.Doc, t.Name+" is one of several types.") + "\n\n" + t.Name + " holds one of:\n"
	for _, v := range t.Variants {
		text += "  - " + typeString(v.Type) + "\n"
	}
	docComment(f, deprecated(text+"\n"+howPicked(t), t.Deprecated))
	f.Type().Id(t.Name).Struct(
		jen.Id("variant").Int().Comment("1-based index into the variants; 0 when unknown"),
		jen.Id("value").Any(),
		jen.Id("raw").Qual("encoding/json", "RawMessage").Comment("the JSON of an unknown variant"),
	)
	table := naming.Unexported(t.Name) + "Variants"
	e.variantTable(f, t, table)
	for i, v := range t.Variants {
		e.variantMethods(f, t, i, v)
	}
	e.unionCommon(f, t, table)
}

// howPicked documents how decoding chooses the variant.
func howPicked(t *ir.Type) string {
	if t.Discriminator != "" {
		return "Decoding picks the variant named by the \"" + t.Discriminator + "\" property; a document that names none of them is kept as is, and IsKnown reports false."
	}
	return "Decoding picks the variant by the JSON type and the required properties present; a document that matches none is kept as is, and IsKnown reports false."
}

// typeString spells a TypeRef for documentation.
func typeString(r ir.TypeRef) string {
	switch r.Kind {
	case ir.Slice:
		return "[]" + typeString(*r.Elem)
	case ir.Map:
		return "map[string]" + typeString(*r.Elem)
	}
	return r.Name
}

// variantTable writes the facts pickVariant reads.
func (e *emitter) variantTable(f *jen.File, t *ir.Type, table string) {
	var rows []jen.Code
	for _, v := range t.Variants {
		d := jen.Dict{jen.Id("kinds"): kindsCode(v.Kinds)}
		if len(v.Required) > 0 {
			d[jen.Id("required")] = strs(v.Required)
		}
		if len(v.Properties) > 0 {
			d[jen.Id("properties")] = strs(v.Properties)
		}
		if len(v.Discriminators) > 0 {
			d[jen.Id("discriminator")] = strs(v.Discriminators)
		}
		rows = append(rows, jen.Values(d))
	}
	f.Comment(table + " tells the variants of " + t.Name + " apart, in order.")
	f.Var().Id(table).Op("=").Index().Id("unionVariant").Values(rows...)
}

func strs(list []string) jen.Code {
	var out []jen.Code
	for _, s := range list {
		out = append(out, jen.Lit(s))
	}
	return jen.Index().String().Values(out...)
}

// kindsCode spells a set of JSON kinds: kindObject | kindNull.
func kindsCode(kinds []string) jen.Code {
	names := map[string]string{
		"array": "kindArray", "boolean": "kindBool", "integer": "kindInteger", "null": "kindNull",
		"number": "kindNumber", "object": "kindObject", "string": "kindString",
	}
	var c *jen.Statement
	for _, k := range kinds {
		if c == nil {
			c = jen.Id(names[k])
		} else {
			c = c.Op("|").Id(names[k])
		}
	}
	if c == nil {
		return jen.Lit(0)
	}
	return c
}

// variantMethods writes the constructor and accessor of one variant.
func (e *emitter) variantMethods(f *jen.File, t *ir.Type, i int, v *ir.Variant) {
	ctor := t.Name + "Of" + v.Name
	f.Comment(ctor + " returns a " + t.Name + " holding v.")
	f.Func().Id(ctor).Params(jen.Id("v").Add(typeCode(v.Type))).Id(t.Name).Block(
		jen.Return(jen.Id(t.Name).Values(jen.Dict{jen.Id("variant"): jen.Lit(i + 1), jen.Id("value"): jen.Id("v")})),
	)
	f.Comment("As" + v.Name + " returns the " + typeString(v.Type) + " variant, and whether u holds it.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("As"+v.Name).Params().Params(typeCode(v.Type), jen.Bool()).Block(
		jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("u").Dot("value").Assert(typeCode(v.Type)),
		jen.Return(jen.Id("v"), jen.Id("ok").Op("&&").Id("u").Dot("variant").Op("==").Lit(i+1)),
	)
}

// unionCommon writes IsKnown, Raw, MarshalJSON and UnmarshalJSON.
func (e *emitter) unionCommon(f *jen.File, t *ir.Type, table string) {
	recv := jen.Id("u").Id(t.Name)
	f.Comment("IsKnown reports whether u holds one of the variants the API description lists.")
	f.Func().Params(recv).Id("IsKnown").Params().Bool().Block(jen.Return(jen.Id("u").Dot("variant").Op("!=").Lit(0)))
	f.Comment("Raw returns the JSON of a variant the API description does not list, as received.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("Raw").Params().Qual("encoding/json", "RawMessage").Block(jen.Return(jen.Id("u").Dot("raw")))
	f.Comment("MarshalJSON encodes the variant held, or the JSON of an unknown one.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Id("u").Dot("variant").Op("==").Lit(0)).Block(
			jen.If(jen.Id("u").Dot("raw").Op("==").Nil()).Block(jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil())),
			jen.Return(jen.Id("u").Dot("raw"), jen.Nil()),
		),
		jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot("value"))),
	)
	var cases []jen.Code
	for i, v := range t.Variants {
		cases = append(cases, jen.Case(jen.Lit(i)).Block(
			jen.Var().Id("v").Add(typeCode(v.Type)),
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v")).Op("==").Nil()).Block(
				jen.Op("*").Id("u").Op("=").Id(t.Name+"Of"+v.Name).Call(jen.Id("v")),
				jen.Return(jen.Nil()),
			),
		))
	}
	f.Comment("UnmarshalJSON decodes data into the variant it matches. A document that")
	f.Comment("matches no variant, or does not decode as the one it matches, is kept")
	f.Comment("as received rather than failing.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Switch(jen.Id("pickVariant").Call(jen.Id("data"), jen.Lit(t.Discriminator), jen.Id(table))).Block(cases...),
		jen.Op("*").Id("u").Op("=").Id(t.Name).Values(jen.Dict{jen.Id("raw"): jen.Qual("bytes", "Clone").Call(jen.Id("data"))}),
		jen.Return(jen.Nil()),
	)
}
