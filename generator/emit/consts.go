package emit

import (
	"encoding/json"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// fills reports whether a field's only allowed value is sent in place of
// its zero value: a required property with a const (or an enum of one
// value), held as its enum type.
func fills(fl *ir.Field) bool {
	return fl.Const != nil && fl.Required && fl.Wrap == ir.Plain && fl.Type.Kind == ir.Named
}

// constDoc is a field's documentation, saying so when a zero value is sent
// as the only value the property allows.
func constDoc(fl *ir.Field) string {
	if !fills(fl) {
		return fl.Doc
	}
	text, err := json.Marshal(fl.Const)
	if err != nil {
		return fl.Doc
	}
	line := "Left at its zero value, it is sent as " + string(text) + ", the only value it may have."
	if fl.Doc == "" {
		return line
	}
	return fl.Doc + "\n\n" + line
}

// constCode moves a field that fills in its only value:
//
//	moveConst(c, (*string)(&v.Kind), "thing", stringValue)
func (e *emitter) constCode(fl *ir.Field, field *jen.Statement) jen.Code {
	t := e.byName[fl.Type.Name]
	if t == nil || t.Kind != ir.Enum {
		return e.moveCode(fl.Type, field)
	}
	base := *t.Base
	value := jen.Lit(fl.Const)
	if x, ok := fl.Const.(int64); ok {
		value = jen.Lit(int(x)) // 5, not int64(5)
	}
	return jen.Id("moveConst").Call(jen.Id("c"), jen.Parens(jen.Op("*").Add(typeCode(base))).Call(jen.Op("&").Add(field)),
		value, e.elemMover(base))
}
