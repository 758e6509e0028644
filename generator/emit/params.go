package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// paramStatements put the query, header and cookie fields of the request
// on the operation. Empty optional values are not sent.
//
//	if req.Limit.Valid {
//		op.addQuery("limit", strconv.FormatInt(req.Limit.Value, 10))
//	}
func (e *emitter) paramStatements(o *ir.Operation) []jen.Code {
	return e.valueStatements(o.Params, func(p *ir.Param, name, value jen.Code) jen.Code {
		switch p.In {
		case ir.InHeader:
			return jen.Id("op").Dot("setHeader").Call(name, value)
		case ir.InCookie:
			return jen.Id("op").Dot("addCookie").Call(name, value)
		}
		return jen.Id("op").Dot("addQuery").Call(name, value)
	})
}

// valueStatements sends each parameter's field of the request through
// send, skipping absent optional values.
func (e *emitter) valueStatements(params []*ir.Param, send func(p *ir.Param, name, value jen.Code) jen.Code) []jen.Code {
	var out []jen.Code
	for _, p := range params {
		field := jen.Id("req").Dot(p.GoName)
		add := func(name jen.Code, value jen.Code) jen.Code { return send(p, name, value) }
		name := jen.Lit(p.Name)
		if helper := e.objectStyle(p); helper != nil {
			loop := func(v jen.Code) jen.Code {
				return jen.For(jen.List(jen.Id("_"), jen.Id("kv")).Op(":=").Range().Add(helper(v))).Block(
					add(jen.Id("kv").Dot("name"), jen.Id("kv").Dot("value")))
			}
			switch p.Wrap {
			case ir.Opt, ir.Nullable:
				out = append(out, jen.If(field.Clone().Dot("Valid")).Block(loop(field.Clone().Dot("Value"))))
			case ir.Pointer:
				out = append(out, jen.If(jen.Add(field).Op("!=").Nil()).Block(loop(field)))
			default:
				out = append(out, loop(field))
			}
			continue
		}
		switch {
		case p.Wrap == ir.Opt || p.Wrap == ir.Nullable:
			out = append(out, jen.If(field.Clone().Dot("Valid")).Block(add(name, e.format(field.Clone().Dot("Value"), p.Type))))
		case e.kindOf(p.Type) == ir.Slice:
			out = append(out, e.sliceParam(p, field, add))
		case e.kindOf(p.Type) == ir.Map:
			out = append(out, e.mapParam(p, field, add))
		case e.isString(p.Type) && !p.Required:
			out = append(out, jen.If(jen.Add(field).Op("!=").Lit("")).Block(add(name, e.format(field, p.Type))))
		case p.Wrap == ir.Pointer || p.Type.Kind == ir.Builtin && p.Type.NilIsAbsent():
			out = append(out, jen.If(jen.Add(field).Op("!=").Nil()).Block(add(name, e.format(field, p.Type))))
		default:
			out = append(out, add(name, e.format(field, p.Type)))
		}
	}
	return out
}

// objectStyle returns the runtime call that spells an object-valued query
// or form parameter as name=value pairs, or nil when the parameter is sent
// otherwise: deepObject for any object or map, form style for a struct.
// Maps of scalars in form style keep mapParam's plainer code.
func (e *emitter) objectStyle(p *ir.Param) func(v jen.Code) jen.Code {
	if p.In != ir.InQuery && p.In != ir.InForm {
		return nil
	}
	u := e.underlying(p.Type)
	isStruct := false
	if u.Kind == ir.Named {
		t := e.byName[u.Name]
		isStruct = t != nil && t.Kind == ir.Struct
	}
	switch {
	case p.Style == "deepObject" && (isStruct || u.Kind == ir.Map || u.Kind == ir.Slice):
		return func(v jen.Code) jen.Code { return jen.Id("deepObjectPairs").Call(jen.Lit(p.Name), v) }
	case p.Style == "form" && isStruct:
		return func(v jen.Code) jen.Code {
			return jen.Id("formObjectPairs").Call(jen.Lit(p.Name), v, jen.Lit(p.Explode))
		}
	}
	return nil
}

// sliceParam sends a list: one pair per item when exploded, else the items
// joined by the style's separator.
func (e *emitter) sliceParam(p *ir.Param, field *jen.Statement, add func(jen.Code, jen.Code) jen.Code) jen.Code {
	elem := *e.underlying(p.Type).Elem
	if p.Explode && (p.In == ir.InQuery || p.In == ir.InForm) {
		return jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(field)).Block(
			add(jen.Lit(p.Name), e.format(jen.Id("v"), elem)))
	}
	sep := ","
	switch p.Style {
	case "spaceDelimited":
		sep = " "
	case "pipeDelimited":
		sep = "|"
	}
	if e.isString(elem) {
		// A []string is joined as it is; a list of another string type
		// (an enum) by one shared function, not a loop per operation.
		join := jen.Id("joinText").Call(field, jen.Lit(sep))
		if elem.Kind == ir.Builtin {
			join = jen.Qual("strings", "Join").Call(field, jen.Lit(sep))
		}
		return jen.If(jen.Len(field).Op(">").Lit(0)).Block(add(jen.Lit(p.Name), join))
	}
	return jen.If(jen.Len(field).Op(">").Lit(0)).Block(
		jen.Id("parts").Op(":=").Make(jen.Index().String(), jen.Len(field)),
		jen.For(jen.List(jen.Id("i"), jen.Id("v")).Op(":=").Range().Add(field)).Block(
			jen.Id("parts").Index(jen.Id("i")).Op("=").Add(e.format(jen.Id("v"), elem))),
		add(jen.Lit(p.Name), jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(sep))),
	)
}

// mapParam sends a map: key=value for an exploded form, else key,value
// pairs joined by commas. deepObject maps go through objectStyle.
func (e *emitter) mapParam(p *ir.Param, field *jen.Statement, add func(jen.Code, jen.Code) jen.Code) jen.Code {
	elem := *e.underlying(p.Type).Elem
	keys := jen.Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(field))
	value := e.format(jen.Add(field).Index(jen.Id("k")), elem)
	switch {
	case p.Explode && (p.In == ir.InQuery || p.In == ir.InForm):
		return jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Add(keys)).Block(add(jen.Id("k"), value))
	}
	return jen.If(jen.Len(field).Op(">").Lit(0)).Block(
		jen.Var().Id("parts").Index().String(),
		jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Add(keys)).Block(
			jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("k"), value)),
		add(jen.Lit(p.Name), jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(","))),
	)
}

// format spells a value of type r as the string sent on the wire.
func (e *emitter) format(v jen.Code, r ir.TypeRef) jen.Code {
	base := r
	if r.Kind == ir.Named {
		if t := e.byName[r.Name]; t != nil && t.Kind == ir.Enum {
			base = *t.Base
		} else if t != nil && t.Kind == ir.Defined {
			return e.format(v, *e.underlying(r))
		}
	}
	if base.Kind == ir.External {
		return jen.Id("paramText").Call(v) // its JSON, unquoted when a string
	}
	if base.Kind != ir.Builtin {
		return jen.Id("jsonString").Call(v) // objects and unions travel as JSON text
	}
	switch base.Name {
	case ir.String:
		if r.Kind == ir.Named {
			return jen.String().Call(v)
		}
		return v
	case ir.Int64, ir.Int32:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(v), jen.Lit(10))
	case ir.Float64, ir.Float32:
		return jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(v), jen.LitByte('f'), jen.Lit(-1), jen.Lit(64))
	case ir.Bool:
		return jen.Qual("strconv", "FormatBool").Call(jen.Bool().Call(v))
	case ir.Time:
		return jen.Add(v).Dot("Format").Call(jen.Qual("time", "RFC3339"))
	case ir.Bytes:
		return jen.Qual("encoding/base64", "StdEncoding").Dot("EncodeToString").Call(v)
	case ir.Base64URL:
		return jen.Qual("encoding/base64", "URLEncoding").Dot("EncodeToString").Call(v)
	case ir.Any, ir.RawMessage:
		return jen.Id("jsonString").Call(v)
	}
	return jen.Qual("fmt", "Sprint").Call(v)
}

// underlying looks through defined and alias types.
func (e *emitter) underlying(r ir.TypeRef) *ir.TypeRef {
	for range 10 {
		t := e.byName[r.Name]
		if r.Kind != ir.Named || t == nil || t.Kind != ir.Defined {
			break
		}
		r = *t.Underlying
	}
	return &r
}

func (e *emitter) kindOf(r ir.TypeRef) ir.RefKind { return e.underlying(r).Kind }

// isString reports string and string-enum types.
func (e *emitter) isString(r ir.TypeRef) bool {
	u := e.underlying(r)
	if u.Kind == ir.Builtin {
		return u.Name == ir.String
	}
	t := e.byName[u.Name]
	return t != nil && t.Kind == ir.Enum && t.Base.Name == ir.String
}
