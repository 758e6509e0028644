package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// The package-level names the enums file declares besides the enums.
const (
	IsKnownName     = "IsKnown"
	knownValuesName = "knownValues"
	knownListName   = "knownValueList"
)

// enumsFiles declares each enum as a defined type with a constant per known
// value. Enums are open: a value the spec does not list decodes without
// error, and IsKnown tells it apart.
//
// IsKnown is one generic function over one table of every listed value,
// not a method per enum: a method costs two compiled functions per enum
// type (the value method and its pointer wrapper), and a large API has
// thousands of enums. The table is built on the first call, so a program
// that never asks pays nothing at start-up.
func (e *emitter) enumsFiles(add func(string, *jen.File)) {
	add("enums_gen.go", e.enumsFile(e.filesOf(add, "enums", func(t *ir.Type) bool { return t.Kind == ir.Enum }, e.enum)))
}

// enumsFile completes f, the file of the enums not spread over several
// (nil when there are none), with IsKnown and the table it reads.
func (e *emitter) enumsFile(f *jen.File) *jen.File {
	var lists []jen.Code
	for _, t := range e.api.Types {
		if t.Kind == ir.Enum && !t.Alias && len(t.Values) > 0 {
			names := make([]jen.Code, len(t.Values))
			for i, v := range t.Values {
				names[i] = jen.Id(v.Name)
			}
			lists = append(lists, jen.Line().List(names...))
		}
	}
	if len(lists) == 0 {
		return f
	}
	if f == nil {
		f = e.newFile()
	}
	f.Comment(IsKnownName + " reports whether v is one of the values the API description lists for v's")
	f.Comment("type, one of the package's enums. It reports false for a value the server")
	f.Comment("added later, and for a value of any other type.")
	f.Func().Id(IsKnownName).Types(jen.Id("E").Comparable()).Params(jen.Id("v").Id("E")).Bool().Block(
		jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id(knownValuesName).Call().Index(jen.Id("v")),
		jen.Return(jen.Id("ok")),
	)
	f.Comment(knownValuesName + " returns the set of " + knownListName + ", built on first use.")
	f.Var().Id(knownValuesName).Op("=").Qual("sync", "OnceValue").Call(
		jen.Func().Params().Map(jen.Any()).Struct().Block(
			jen.Id("set").Op(":=").Make(jen.Map(jen.Any()).Struct(), jen.Len(jen.Id(knownListName))),
			jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id(knownListName)).Block(
				jen.Id("set").Index(jen.Id("v")).Op("=").Struct().Values(),
			),
			jen.Return(jen.Id("set")),
		),
	)
	f.Comment(knownListName + " holds every value the enums list, each under its own type, one")
	f.Comment("enum to a line. It is data, not code: an array of constants compiles to a")
	f.Comment("table, where a map literal would compile to a statement per value.")
	f.Var().Id(knownListName).Op("=").Index(jen.Op("...")).Any().Values(append(lists, jen.Line())...)
	return f
}

// enum writes:
//
//	type BulkJobStatus string
//	const ( BulkJobStatusCreated BulkJobStatus = "CREATED" ... )
//
// An enum with the values of another is an alias of it, with constants of
// its own names: type ListUsersRequestSelectItem = ListGroupsRequestSelectItem.
func (e *emitter) enum(f *jen.File, t *ir.Type) {
	doc := docFor(t.Name, t.Doc, t.Name+" is an enumeration of the API.")
	if t.Alias {
		doc += aliasNote(t, "values")
	}
	docComment(f, deprecated(doc, t.Deprecated))
	if t.Alias {
		f.Type().Id(t.Name).Op("=").Id(t.Underlying.Name)
	} else {
		f.Type().Id(t.Name).Add(typeCode(*t.Base))
	}
	if len(t.Values) == 0 {
		return
	}
	consts := make([]jen.Code, 0, len(t.Values))
	for _, v := range t.Values {
		consts = append(consts, jen.Id(v.Name).Id(t.Name).Op("=").Add(literal(v.Value)))
	}
	f.Comment("Values of " + t.Name + " known to the API description.")
	f.Const().Defs(consts...)
}

// literal spells an enum value as an untyped constant.
func literal(v any) jen.Code {
	if x, ok := v.(int64); ok {
		return jen.Lit(int(x))
	}
	return jen.Lit(v)
}
