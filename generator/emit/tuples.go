package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// tuple writes a type for a JSON array whose elements have types by
// position (prefixItems): a struct with a field per element, in order, and
// a Rest slice for the elements after them when the schema types those
// (items). It travels as a JSON array.
//
//	type Point struct {
//		V0 float64
//		V1 Opt[string]
//		Rest []string
//	}
func (e *emitter) tuple(f *jen.File, t *ir.Type) {
	shape := "["
	for i, fl := range t.Fields {
		if i > 0 {
			shape += ", "
		}
		shape += fl.Name
	}
	if t.Additional != nil {
		shape += ", Rest..."
	}
	shape += "]"
	text := docFor(t.Name, t.Doc, t.Name+" is a schema of the API.") + "\n\n" + t.Name + " travels as the JSON array " + shape + "."
	docComment(f, deprecated(text, t.Deprecated))
	var fields []jen.Code
	for i, fl := range t.Fields {
		if i > 0 {
			fields = append(fields, jen.Line())
		}
		fields = append(fields, fieldComment(deprecated(fl.Doc, fl.Deprecated))...)
		fields = append(fields, jen.Id(fl.Name).Add(wrapped(fl.Type, fl.Wrap)))
	}
	if t.Additional != nil {
		if len(fields) > 0 {
			fields = append(fields, jen.Line())
		}
		fields = append(fields,
			jen.Comment("Rest holds the elements after the first "+strconv.Itoa(len(t.Fields))+".").Line(),
			jen.Id("Rest").Index().Add(typeCode(*t.Additional)))
	}
	f.Type().Id(t.Name).Struct(fields...)
	e.tupleCodec(f, t)
}

// tupleCodec writes the moveJSON of a tuple:
//
//	func (v *Point) moveJSON(c *jsonCodec) {
//		t, ok := c.beginTuple()
//		if !ok {
//			return
//		}
//		if c.decoding() {
//			*v = Point{}
//		}
//		if t.element() {
//			c.float64(&v.V0)
//		}
//		if t.optionalElement(&v.V1.Valid) {
//			c.string(&v.V1.Value)
//		}
//		moveRest(&t, &v.Rest, stringValue)
//	}
func (e *emitter) tupleCodec(f *jen.File, t *ir.Type) {
	body := []jen.Code{
		jen.List(jen.Id("t"), jen.Id("ok")).Op(":=").Id("c").Dot("beginTuple").Call(),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
		jen.If(jen.Id("c").Dot("decoding").Call()).Block(jen.Op("*").Id("v").Op("=").Id(t.Name).Values()),
	}
	for _, fl := range t.Fields {
		field := jen.Id("v").Dot(fl.Name)
		switch {
		case fl.Wrap == ir.Opt:
			body = append(body, jen.If(jen.Id("t").Dot("optionalElement").Call(jen.Op("&").Add(field.Clone().Dot("Valid")))).Block(
				e.moveCode(fl.Type, field.Clone().Dot("Value"))))
		case fl.Wrap == ir.Nullable:
			body = append(body, jen.If(jen.Id("t").Dot("nullableElement").Call(
				jen.Op("&").Add(field.Clone().Dot("Valid")), jen.Op("&").Add(field.Clone().Dot("Null")))).Block(
				e.moveCode(fl.Type, field.Clone().Dot("Value"))))
		case fl.Wrap == ir.Pointer:
			body = append(body, jen.If(jen.Id("t").Dot("element").Call()).Block(
				jen.Id("movePointer").Call(jen.Id("c"), jen.Op("&").Add(field.Clone()), e.elemMover(fl.Type))))
		default:
			body = append(body, jen.If(jen.Id("t").Dot("element").Call()).Block(e.moveCode(fl.Type, field.Clone())))
		}
	}
	if t.Additional != nil {
		body = append(body, jen.Id("moveRest").Call(jen.Op("&").Id("t"), jen.Op("&").Id("v").Dot("Rest"), e.elemMover(*t.Additional)))
	} else {
		body = append(body, jen.Id("t").Dot("endTuple").Call())
	}
	f.Comment("moveJSON encodes or decodes v as a JSON array, as c directs.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("moveJSON").Params(jen.Id("c").Op("*").Id("jsonCodec")).Block(body...)
	codecWrappers(f, t.Name, "v")
}
