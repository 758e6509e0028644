package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// The JSON of generated types goes through the runtime's codec, not
// through encoding/json's reflection: each struct and union has one
// moveJSON method that encodes or decodes, as the codec directs, and
// MarshalJSON and UnmarshalJSON that call it. See the runtime's codec.go.

// codecWrappers writes MarshalJSON and UnmarshalJSON for a type that has a
// moveJSON method:
//
//	func (v Job) MarshalJSON() ([]byte, error) {
//		c := newEncoder()
//		v.moveJSON(c)
//		return c.encoded()
//	}
//
//	func (v *Job) UnmarshalJSON(data []byte) error { return unmarshalJSON(data, v) }
//
// MarshalJSON calls moveJSON itself: handed to marshalJSON as an interface,
// its copy of the value would be moved to the heap on every call.
func codecWrappers(f *jen.File, name, recv string) {
	f.Comment("MarshalJSON encodes " + recv + " as the API expects it.")
	f.Func().Params(jen.Id(recv).Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Id("c").Op(":=").Id("newEncoder").Call(),
		jen.Id(recv).Dot("moveJSON").Call(jen.Id("c")),
		jen.Return(jen.Id("c").Dot("encoded").Call()),
	)
	f.Comment("UnmarshalJSON decodes data into " + recv + ".")
	f.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("unmarshalJSON").Call(jen.Id("data"), jen.Id(recv))),
	)
}

// structCodec writes the members table and moveJSON of a struct:
//
//	var membersOfJob = objectMembers{names: []string{"id", "name", "owner"}}
//
//	func (v *Job) moveJSON(c *jsonCodec) {
//		for i := c.beginObject(&membersOfJob); i >= 0; i = c.nextMember() {
//			switch i {
//			case 0:
//				c.string(&v.ID)
//			case 1:
//				c.optString(&v.Name)
//			case 2:
//				if c.optional(&v.Owner.Valid) {
//					v.Owner.Value.moveJSON(c)
//				}
//			}
//		}
//	}
func (e *emitter) structCodec(f *jen.File, t *ir.Type) {
	table := "membersOf" + t.Name // no runtime name starts so, and type names are unique
	var names, cases []jen.Code
	for _, fl := range t.Fields {
		if fl.JSONName == "-" {
			continue
		}
		cases = append(cases, jen.Case(jen.Lit(len(names))).Block(e.memberCode(fl)...))
		names = append(names, jen.Lit(fl.JSONName))
	}
	members := jen.Dict{}
	if len(names) > 0 {
		members[jen.Id("names")] = jen.Index().String().Values(names...)
	}
	if t.Additional != nil {
		members[jen.Id("additional")] = jen.True()
		cases = append(cases, jen.Case(jen.Lit(len(names))).Block(
			jen.Id("moveExtra").Call(jen.Id("c"), jen.Op("&").Id("v").Dot(ExtraField), e.elemMover(*t.Additional)),
		))
	}
	docComment(f, table+" names the JSON members of "+t.Name+", in the order of its moveJSON cases.")
	f.Var().Id(table).Op("=").Id("objectMembers").Values(members)

	var body jen.Code = jen.Switch(jen.Id("i")).Block(cases...)
	if len(cases) == 0 {
		body = jen.Null()
	}
	f.Comment("moveJSON encodes or decodes v, as c directs.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("moveJSON").Params(jen.Id("c").Op("*").Id("jsonCodec")).Block(
		jen.For(
			jen.Id("i").Op(":=").Id("c").Dot("beginObject").Call(jen.Op("&").Id(table)),
			jen.Id("i").Op(">=").Lit(0),
			jen.Id("i").Op("=").Id("c").Dot("nextMember").Call(),
		).Block(body),
	)
	codecWrappers(f, t.Name, "v")
}

// memberCode moves one field of v, leaving out an absent optional value.
func (e *emitter) memberCode(fl *ir.Field) []jen.Code {
	field := jen.Id("v").Dot(fl.Name)
	if suffix, ok := wrapMovers[fl.Type.Name]; ok && fl.Type.Kind == ir.Builtin && (fl.Wrap == ir.Opt || fl.Wrap == ir.Nullable) {
		name := "opt" + suffix // c.optString(&v.Name)
		if fl.Wrap == ir.Nullable {
			name = "null" + suffix
		}
		return []jen.Code{jen.Id("c").Dot(name).Call(jen.Op("&").Add(field))}
	}
	if t := e.byName[fl.Type.Name]; fl.Type.Kind == ir.Named && t != nil && t.Kind == ir.Enum && t.Base.Name == ir.String {
		text := jen.Parens(jen.Op("*").String()).Call(jen.Op("&").Add(field.Clone().Dot("Value")))
		switch fl.Wrap {
		case ir.Opt: // c.optText(&v.Status.Valid, (*string)(&v.Status.Value))
			return []jen.Code{jen.Id("c").Dot("optText").Call(jen.Op("&").Add(field.Clone().Dot("Valid")), text)}
		case ir.Nullable:
			return []jen.Code{jen.Id("c").Dot("nullText").Call(
				jen.Op("&").Add(field.Clone().Dot("Valid")), jen.Op("&").Add(field.Clone().Dot("Null")), text)}
		}
	}
	switch fl.Wrap {
	case ir.Opt:
		return []jen.Code{jen.If(jen.Id("c").Dot("optional").Call(jen.Op("&").Add(field.Clone().Dot("Valid")))).Block(
			e.moveCode(fl.Type, field.Clone().Dot("Value")))}
	case ir.Nullable:
		return []jen.Code{jen.If(jen.Id("c").Dot("nullable").Call(
			jen.Op("&").Add(field.Clone().Dot("Valid")), jen.Op("&").Add(field.Clone().Dot("Null")))).Block(
			e.moveCode(fl.Type, field.Clone().Dot("Value")))}
	case ir.Pointer:
		return []jen.Code{jen.If(jen.Id("c").Dot("hasValue").Call(field.Clone().Op("!=").Nil())).Block(
			jen.Id("movePointer").Call(jen.Id("c"), jen.Op("&").Add(field.Clone()), e.elemMover(fl.Type)))}
	}
	if fills(fl) {
		return []jen.Code{e.constCode(fl, field)}
	}
	if omitted(fl) {
		return []jen.Code{jen.If(jen.Id("c").Dot("hasValue").Call(field.Clone().Op("!=").Nil())).Block(
			e.moveCode(fl.Type, field.Clone()))}
	}
	return []jen.Code{e.moveCode(fl.Type, field)}
}

// wrapMovers name the codec's methods for an Opt or Nullable of the
// commonest builtin types (optString, nullTime, ...), by TypeRef.Name.
var wrapMovers = map[string]string{
	ir.String: "String", ir.Bool: "Bool", ir.Int64: "Int64", ir.Float64: "Float64", ir.Time: "Time",
}

// builtinMovers are the codec's methods for the builtin types, by
// TypeRef.Name; the runtime's element movers are the same names followed
// by "Value".
var builtinMovers = map[string]string{
	ir.String: "string", ir.Int64: "int64", ir.Int32: "int32", ir.Float64: "float64",
	ir.Float32: "float32", ir.Bool: "bool", ir.Any: "any", ir.Bytes: "bytes",
	ir.Time: "time", ir.RawMessage: "raw", ir.Base64URL: "base64URL",
}

// moveCode moves the addressable value x of type r:
//
//	c.string(&v.ID)
//	v.Job.moveJSON(c)
//	c.string((*string)(&v.Status))
//	moveSlice(c, &v.Tags, stringValue)
//	c.anyMap(&v.Data)
func (e *emitter) moveCode(r ir.TypeRef, x *jen.Statement) jen.Code {
	return e.movePtr(r, jen.Op("&").Add(x), x)
}

// movePtr moves the value p points to; x is the addressable value itself
// when p is &x, so that methods are called as x.moveJSON(c).
func (e *emitter) movePtr(r ir.TypeRef, p jen.Code, x *jen.Statement) jen.Code {
	c := jen.Id("c")
	switch r.Kind {
	case ir.Slice:
		return jen.Id("moveSlice").Call(c, p, e.elemMover(*r.Elem))
	case ir.Map:
		if r.Elem.Kind == ir.Builtin && r.Elem.Name == ir.Any {
			return c.Dot("anyMap").Call(p)
		}
		return jen.Id("moveMap").Call(c, p, e.elemMover(*r.Elem))
	case ir.Builtin:
		return c.Dot(builtinMovers[r.Name]).Call(p)
	case ir.External:
		return c.Dot("foreign").Call(p)
	}
	t := e.byName[r.Name]
	switch {
	case t == nil || ownsMover(t):
		if x != nil {
			return x.Clone().Dot("moveJSON").Call(c)
		}
		return jen.Add(p).Dot("moveJSON").Call(c) // p is a name or a conversion
	case t.Kind == ir.Enum:
		base := builtinMovers[t.Base.Name]
		return c.Dot(base).Call(jen.Parens(jen.Op("*").Add(typeCode(*t.Base))).Call(p))
	case t.Alias:
		return e.movePtr(*t.Underlying, p, x)
	}
	// A defined type: move it as its underlying type.
	u := *t.Underlying
	return e.movePtr(u, jen.Parens(jen.Op("*").Add(typeCode(u))).Call(p), nil)
}

// elemMover spells a function of type func(*T, *jsonCodec) that moves a
// value of type r, for the elements of slices and maps:
//
//	stringValue
//	(*Job).moveJSON
//	func(p *Status, c *jsonCodec) { c.string((*string)(p)) }
func (e *emitter) elemMover(r ir.TypeRef) jen.Code {
	switch r.Kind {
	case ir.Builtin:
		return jen.Id(builtinMovers[r.Name] + "Value")
	case ir.External:
		return jen.Id("foreignValue").Types(typeCode(r))
	}
	if r.Kind == ir.Named {
		t := e.byName[r.Name]
		if t == nil || ownsMover(t) {
			return jen.Parens(jen.Op("*").Id(r.Name)).Dot("moveJSON")
		}
		if t.Alias {
			return e.elemMover(*t.Underlying)
		}
	}
	return jen.Func().Params(jen.Id("p").Op("*").Add(typeCode(r)), jen.Id("c").Op("*").Id("jsonCodec")).Block(
		e.movePtr(r, jen.Id("p"), nil),
	)
}

// ownsMover reports whether values of t have a moveJSON method of their
// own: structs, unions and tuples, and the defined types of hasMover.
func ownsMover(t *ir.Type) bool {
	return t.Kind == ir.Struct || t.Kind == ir.Union || t.Kind == ir.Tuple || hasMover(t)
}

// hasMover reports whether a defined type gets its own moveJSON: one over
// a slice, a map or another named type, which may refer back to itself
// (type Tree []Tree), and which does not inherit the methods of a struct
// or union it is defined over. One over a builtin is moved by conversion.
func hasMover(t *ir.Type) bool {
	return t.Kind == ir.Defined && !t.Alias && t.Underlying.Kind != ir.Builtin
}

// definedCodec writes the moveJSON of a defined type that has one, and
// MarshalJSON and UnmarshalJSON when it is defined over a struct or union,
// whose methods it does not inherit:
//
//	func (v *Team) moveJSON(c *jsonCodec) { (*Group)(v).moveJSON(c) }
func (e *emitter) definedCodec(f *jen.File, t *ir.Type) {
	if !hasMover(t) {
		return
	}
	u := *t.Underlying
	f.Comment("moveJSON encodes or decodes v as its underlying type.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("moveJSON").Params(jen.Id("c").Op("*").Id("jsonCodec")).Block(
		e.movePtr(u, jen.Parens(jen.Op("*").Add(typeCode(u))).Call(jen.Id("v")), nil),
	)
	if u.Kind == ir.Named {
		if target := e.byName[u.Name]; target == nil || target.Kind != ir.Enum {
			codecWrappers(f, t.Name, "v")
		}
	}
}
