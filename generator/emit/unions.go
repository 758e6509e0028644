package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// unionsFiles declares the sum types.
func (e *emitter) unionsFiles(add func(string, *jen.File)) {
	add("unions_gen.go", e.filesOf(add, "unions", func(t *ir.Type) bool { return t.Kind == ir.Union }, e.union))
}

// union writes a sum type: an unexported variant index and value, a
// constructor and a checked accessor per variant, and JSON methods that
// find the variant on decode and keep an unknown one as raw JSON.
//
//	type Content struct { variant int; value any; raw json.RawMessage }
//	func ContentOfElementalContent(v ElementalContent) Content
//	func (u Content) AsElementalContent() (ElementalContent, bool)
//
// A union with the variants of another is an alias of it, with
// constructors of its own names that return the other's.
func (e *emitter) union(f *jen.File, t *ir.Type) {
	text := docFor(t.Name, t.Doc, t.Name+" is one of several types.") + "\n\n" + t.Name + " holds one of:\n"
	for _, v := range t.Variants {
		text += "  - " + typeString(v.Type) + "\n"
	}
	text += "\n" + howPicked(t)
	if t.Alias {
		text += aliasNote(t, "variants")
	}
	docComment(f, deprecated(strings.TrimSpace(text), t.Deprecated))
	if t.Alias {
		f.Type().Id(t.Name).Op("=").Id(t.Underlying.Name)
		for _, v := range t.Variants {
			ctor, same := t.Name+"Of"+v.Name, t.Underlying.Name+"Of"+v.Name
			docComment(f, ctor+" returns "+article(t.Name)+" "+t.Name+" holding v, as "+same+" does.")
			f.Func().Id(ctor).Params(jen.Id("v").Add(typeCode(v.Type))).Id(t.Name).Block(jen.Return(jen.Id(same).Call(jen.Id("v"))))
		}
		return
	}
	f.Type().Id(t.Name).Struct(
		jen.Id("variant").Int().Comment("1-based index into the variants; 0 when unknown"),
		jen.Id("value").Any().Comment("the variant held, by pointer when it has a moveJSON method"),
		jen.Id("raw").Qual("encoding/json", "RawMessage").Comment("the JSON of an unknown variant"),
	)
	table := "variantsOf" + t.Name // no runtime name starts so, and type names are unique
	e.variantTable(f, t, table)
	for i, v := range t.Variants {
		e.variantMethods(f, t, i, v)
	}
	e.unionCommon(f, t, table)
}

// howPicked documents how decoding chooses the variant, where the union
// has a discriminator; the package doc says the rest once.
func howPicked(t *ir.Type) string {
	if t.Discriminator != "" {
		return "The \"" + t.Discriminator + "\" property names the variant."
	}
	return ""
}

// typeString spells a TypeRef for documentation.
func typeString(r ir.TypeRef) string {
	switch r.Kind {
	case ir.Slice:
		return "[]" + typeString(*r.Elem)
	case ir.Map:
		return "map[string]" + typeString(*r.Elem)
	case ir.External:
		return r.Import.Qualifier + "." + r.Name
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
	var body []jen.Code
	doc := ctor + " returns " + article(t.Name) + " " + t.Name + " holding v."
	if fill, value := e.discriminatorFill(t, v); fill != nil {
		body = append(body, fill)
		doc = ctor + " returns " + article(t.Name) + " " + t.Name + " holding v, with its " + t.Discriminator + " property set to " + value + " when v leaves it empty."
	}
	byPointer := e.heldByPointer(v.Type)
	held := jen.Id("v")
	if byPointer {
		held = jen.Op("&").Id("v")
	}
	body = append(body, jen.Return(jen.Id(t.Name).Values(jen.Dict{jen.Id("variant"): jen.Lit(i + 1), jen.Id("value"): held})))
	f.Comment(doc)
	f.Func().Id(ctor).Params(jen.Id("v").Add(typeCode(v.Type))).Id(t.Name).Block(body...)
	f.Comment("As" + v.Name + " returns the " + typeString(v.Type) + " variant, and whether u holds it.")
	accessor := f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("As"+v.Name).Params().Params(typeCode(v.Type), jen.Bool())
	if !byPointer {
		accessor.Block(
			jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("u").Dot("value").Assert(typeCode(v.Type)),
			jen.Return(jen.Id("v"), jen.Id("ok").Op("&&").Id("u").Dot("variant").Op("==").Lit(i+1)),
		)
		return
	}
	accessor.Block(
		jen.List(jen.Id("p"), jen.Id("ok")).Op(":=").Id("u").Dot("value").Assert(jen.Op("*").Add(typeCode(v.Type))),
		jen.If(jen.Op("!").Id("ok").Op("||").Id("u").Dot("variant").Op("!=").Lit(i+1)).Block(
			jen.Return(jen.Add(typeCode(v.Type)).Values(), jen.False()),
		),
		jen.Return(jen.Op("*").Id("p"), jen.True()),
	)
}

// heldByPointer reports whether a union holds a variant of type r by
// pointer: one with a moveJSON method of its own (ownsMover). The union's
// moveJSON then decodes into and encodes from the value where it lies.
// Held by value, each variant would need a copy of its own in moveJSON's
// frame: Microsoft Graph beta's entity union, of 1,546 large structs, had
// a frame of megabytes whose stack maps alone took the compiler 174 MB.
// Nothing else refers to the value: the constructor stores a copy of its
// argument and the accessor returns a copy, so a union behaves as a value
// either way.
func (e *emitter) heldByPointer(r ir.TypeRef) bool {
	if r.Kind != ir.Named {
		return false
	}
	t := e.byName[r.Name]
	return t != nil && ownsMover(t)
}

// unionCommon writes IsKnown, Raw and the JSON methods. The accessors
// take a pointer, like those of Opt and Nullable: a value method is
// compiled twice, once more as the wrapper in the pointer's method set.
// MarshalJSON alone takes a value, so that encoding/json calls it on a
// value that is not addressable too.
func (e *emitter) unionCommon(f *jen.File, t *ir.Type, table string) {
	recv := jen.Id("u").Op("*").Id(t.Name)
	f.Comment("IsKnown reports whether u holds one of the variants the API description lists.")
	f.Func().Params(recv).Id("IsKnown").Params().Bool().Block(jen.Return(jen.Id("u").Dot("variant").Op("!=").Lit(0)))
	f.Comment("Raw returns the JSON of a variant the API description does not list, as received.")
	f.Func().Params(recv.Clone()).Id("Raw").Params().Qual("encoding/json", "RawMessage").Block(jen.Return(jen.Id("u").Dot("raw")))
	e.unionCodec(f, t, table)
	codecWrappers(f, t.Name, "u")
}

// unionCodec writes moveJSON: decoding picks the variant and keeps a
// document that matches none, or does not decode as the one it matches,
// as received; encoding writes the variant held, or the raw JSON.
//
//	func (u *Content) moveJSON(c *jsonCodec) {
//		if c.decoding() {
//			data := c.rawValue()
//			switch pickVariant(data, "", variantsOfContent) {
//			case 0:
//				v := new(ElementalContentSugar)
//				if unmarshalJSON(data, v) == nil {
//					*u = Content{value: v, variant: 1}
//					return
//				}
//			}
//			*u = Content{raw: bytes.Clone(data)}
//			return
//		}
//		if m, ok := u.value.(jsonMover); ok {
//			m.moveJSON(c)
//			return
//		}
//		c.raw(&u.raw)
//	}
//
// A variant held by pointer encodes itself through jsonMover; one held by
// value (a string, a list) has a case of its own in a switch on
// u.variant, before the raw JSON of an unknown variant.
func (e *emitter) unionCodec(f *jen.File, t *ir.Type, table string) {
	var decode, encode []jen.Code
	for i, v := range t.Variants {
		if e.heldByPointer(v.Type) {
			// Decoded in place and set as the constructor would, its
			// discriminator filled in when the document left it out.
			set := []jen.Code{}
			if fill, _ := e.discriminatorFill(t, v); fill != nil {
				set = append(set, fill)
			}
			set = append(set,
				jen.Op("*").Id("u").Op("=").Id(t.Name).Values(jen.Dict{jen.Id("variant"): jen.Lit(i + 1), jen.Id("value"): jen.Id("v")}),
				jen.Return())
			decode = append(decode, jen.Case(jen.Lit(i)).Block(
				jen.Id("v").Op(":=").New(typeCode(v.Type)),
				jen.If(jen.Id("unmarshalJSON").Call(jen.Id("data"), jen.Id("v")).Op("==").Nil()).Block(set...),
			))
			continue // encoded through jsonMover, below
		}
		decode = append(decode, jen.Case(jen.Lit(i)).Block(
			jen.Var().Id("v").Add(typeCode(v.Type)),
			jen.If(e.decodeVariant(v.Type).Op("==").Nil()).Block(
				jen.Op("*").Id("u").Op("=").Id(t.Name+"Of"+v.Name).Call(jen.Id("v")),
				jen.Return(),
			),
		))
		encode = append(encode, jen.Case(jen.Lit(i+1)).Block(
			jen.Id("v").Op(":=").Id("u").Dot("value").Assert(typeCode(v.Type)),
			e.moveCode(v.Type, jen.Id("v")),
		))
	}
	encode = append(encode, jen.Default().Block(jen.Id("c").Dot("raw").Call(jen.Op("&").Id("u").Dot("raw"))))
	f.Comment("moveJSON encodes or decodes u, as c directs. A document that matches no")
	f.Comment("variant, or does not decode as the one it matches, is kept as received")
	f.Comment("rather than failing.")
	body := []jen.Code{
		jen.If(jen.Id("c").Dot("decoding").Call()).Block(
			jen.Id("data").Op(":=").Id("c").Dot("rawValue").Call(),
			jen.If(jen.Id("data").Op("==").Nil()).Block(jen.Return()),
			jen.Switch(jen.Id("pickVariant").Call(jen.Id("data"), jen.Lit(t.Discriminator), jen.Id(table))).Block(decode...),
			jen.Op("*").Id("u").Op("=").Id(t.Name).Values(jen.Dict{jen.Id("raw"): jen.Qual("bytes", "Clone").Call(jen.Id("data"))}),
			jen.Return(),
		),
		jen.If(jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("u").Dot("value").Assert(jen.Id("jsonMover")), jen.Id("ok")).Block(
			jen.Id("m").Dot("moveJSON").Call(jen.Id("c")),
			jen.Return(),
		),
	}
	if len(encode) == 1 {
		body = append(body, jen.Id("c").Dot("raw").Call(jen.Op("&").Id("u").Dot("raw")))
	} else {
		body = append(body, jen.Switch(jen.Id("u").Dot("variant")).Block(encode...))
	}
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("moveJSON").Params(jen.Id("c").Op("*").Id("jsonCodec")).Block(body...)
}

// discriminatorFill sets the discriminator property of a variant that the
// caller left empty, so that what the constructor builds encodes as that
// variant and decodes back to it. The value is the variant's first
// discriminator value (from the mapping or the schema name), else the
// only value of the property's enum. It returns nil when there is nothing
// to set.
//
//	if v.Type == "" {
//		v.Type = "divider"
//	}
func (e *emitter) discriminatorFill(t *ir.Type, v *ir.Variant) (jen.Code, string) {
	if t.Discriminator == "" || v.Type.Kind != ir.Named {
		return nil, ""
	}
	vt := e.byName[v.Type.Name]
	if vt == nil || vt.Kind != ir.Struct {
		return nil, ""
	}
	for _, fl := range vt.Fields {
		if fl.JSONName != t.Discriminator {
			continue
		}
		value := ""
		if len(v.Discriminators) > 0 {
			value = v.Discriminators[0]
		} else if et := e.byName[fl.Type.Name]; fl.Type.Kind == ir.Named && et != nil && et.Kind == ir.Enum && len(et.Values) == 1 {
			value, _ = et.Values[0].Value.(string)
		}
		if value == "" || !e.stringTyped(fl.Type) {
			return nil, ""
		}
		field := jen.Id("v").Dot(fl.Name)
		switch fl.Wrap {
		case ir.Plain:
			return jen.If(field.Clone().Op("==").Lit("")).Block(field.Clone().Op("=").Lit(value)), strconv.Quote(value)
		case ir.Opt:
			return jen.If(jen.Op("!").Add(field.Clone()).Dot("Valid")).Block(
				field.Clone().Op("=").Id("Some").Call(jen.Add(typeCode(fl.Type)).Call(jen.Lit(value)))), strconv.Quote(value)
		case ir.Nullable:
			return jen.If(jen.Op("!").Add(field.Clone()).Dot("Valid").Op("&&").Op("!").Add(field.Clone()).Dot("Null")).Block(
				field.Clone().Op("=").Id("Value").Call(jen.Add(typeCode(fl.Type)).Call(jen.Lit(value)))), strconv.Quote(value)
		}
		return nil, ""
	}
	return nil, ""
}

// stringTyped reports whether a value of type r is a string, or a type
// whose underlying type is string.
func (e *emitter) stringTyped(r ir.TypeRef) bool {
	switch r.Kind {
	case ir.Builtin:
		return r.Name == ir.String
	case ir.Named:
		t := e.byName[r.Name]
		switch {
		case t == nil:
			return false
		case t.Kind == ir.Enum:
			return t.Base.Name == ir.String
		case t.Kind == ir.Defined:
			return e.stringTyped(*t.Underlying)
		}
	}
	return false
}

// article is "an" before a name that starts with a vowel, else "a".
func article(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an"
	}
	return "a"
}

// decodeVariant decodes data into the variable v of type r, a variant
// held by value (see heldByPointer). A name this package does not declare
// is taken to have a moveJSON of its own and goes through unmarshalJSON and
// its jsonMover interface, as elemMover takes it; the rest go through the
// generic decodeValue with their mover.
func (e *emitter) decodeVariant(r ir.TypeRef) *jen.Statement {
	if r.Kind == ir.Named && e.byName[r.Name] == nil {
		return jen.Id("unmarshalJSON").Call(jen.Id("data"), jen.Op("&").Id("v"))
	}
	return jen.Id("decodeValue").Call(jen.Id("data"), jen.Op("&").Id("v"), e.elemMover(r))
}
