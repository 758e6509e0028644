package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// enumsFile declares each enum as a defined type with a constant per known
// value. Enums are open: a value the spec does not list decodes without
// error, and IsKnown tells it apart.
func (e *emitter) enumsFile() *jen.File {
	return e.fileOf(func(t *ir.Type) bool { return t.Kind == ir.Enum }, e.enum)
}

// enum writes:
//
//	type BulkJobStatus string
//	const ( BulkJobStatusCreated BulkJobStatus = "CREATED" ... )
//	func (v BulkJobStatus) IsKnown() bool
func (e *emitter) enum(f *jen.File, t *ir.Type) {
	docComment(f, deprecated(docFor(t.Name, t.Doc, t.Name+" is an enumeration of the API."), t.Deprecated))
	f.Type().Id(t.Name).Add(typeCode(*t.Base))
	if len(t.Values) == 0 {
		return
	}
	var consts, cases []jen.Code
	for _, v := range t.Values {
		consts = append(consts, jen.Id(v.Name).Id(t.Name).Op("=").Add(literal(v.Value)))
		cases = append(cases, jen.Id(v.Name))
	}
	f.Comment("Values of " + t.Name + " known to the API description.")
	f.Const().Defs(consts...)
	f.Comment("IsKnown reports whether v is one of the values the API description lists.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("IsKnown").Params().Bool().Block(
		jen.Switch(jen.Id("v")).Block(jen.Case(cases...).Block(jen.Return(jen.True()))),
		jen.Return(jen.False()),
	)
}

// literal spells an enum value as an untyped constant.
func literal(v any) jen.Code {
	if x, ok := v.(int64); ok {
		return jen.Lit(int(x))
	}
	return jen.Lit(v)
}
