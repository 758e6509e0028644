package emit

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// literal spells a decoded JSON value as a Go expression of type r held as
// w, for the Example functions:
//
//	InboundBulkMessage{Event: "welcome", Brand: Value("W50NC77P524K14M5300PGPEK4JMJ")}
//
// Where a value has no faithful literal (a time, a union no variant of
// which matches), it falls back to exampleValue[T](`<json>`), which decodes
// the JSON into T.
func (e *emitter) literal(v any, r ir.TypeRef, w ir.Wrap) jen.Code {
	switch w {
	case ir.Opt:
		return e.wrapCall("Some", v, r)
	case ir.Nullable:
		if v == nil {
			return jen.Id("Null").Types(typeCode(r)).Call()
		}
		return e.wrapCall("Value", v, r)
	case ir.Pointer:
		if r.Kind == ir.Named && e.byName[r.Name] != nil && e.byName[r.Name].Kind == ir.Struct {
			return jen.Op("&").Add(e.literal(v, r, ir.Plain))
		}
		return e.fallback(v, jen.Op("*").Add(typeCode(r)))
	}
	switch r.Kind {
	case ir.Slice:
		items, ok := v.([]any)
		if !ok {
			return e.fallback(v, typeCode(r))
		}
		var out []jen.Code
		for _, it := range items {
			out = append(out, e.elemLiteral(it, *r.Elem))
		}
		return jen.Add(typeCode(r)).Values(out...)
	case ir.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return e.fallback(v, typeCode(r))
		}
		d := jen.Dict{}
		for k, x := range m {
			d[jen.Lit(k)] = e.elemLiteral(x, *r.Elem)
		}
		return jen.Add(typeCode(r)).Values(d)
	case ir.Named:
		return e.namedLiteral(v, r)
	}
	return e.builtinLiteral(v, r)
}

// wrapCall spells Some(x) or Value(x), with the type argument written out
// where an untyped constant would infer the wrong type.
func (e *emitter) wrapCall(fn string, v any, r ir.TypeRef) jen.Code {
	inner := e.literal(v, r, ir.Plain)
	if r.Kind == ir.Builtin && r.Name != ir.String && r.Name != ir.Bool {
		return jen.Id(fn).Types(typeCode(r)).Call(inner)
	}
	return jen.Id(fn).Call(inner)
}

func (e *emitter) builtinLiteral(v any, r ir.TypeRef) jen.Code {
	switch r.Name {
	case ir.String:
		if s, ok := v.(string); ok {
			return jen.Lit(s)
		}
	case ir.Bool:
		if b, ok := v.(bool); ok {
			return jen.Lit(b)
		}
	case ir.Int64, ir.Int32:
		if f, ok := number(v); ok && f == math.Trunc(f) {
			return jen.Lit(int(f))
		}
	case ir.Float64, ir.Float32:
		if f, ok := number(v); ok {
			return jen.Lit(f)
		}
	case ir.Any:
		return anyLiteral(v)
	case ir.Base64URL:
		// exampleValue would read the text with the standard alphabet.
		s, _ := v.(string)
		if b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "=")); err == nil {
			return jen.Index().Byte().Call(jen.Lit(string(b)))
		}
		return jen.Index().Byte().Call(jen.Nil())
	}
	return e.fallback(v, typeCode(r))
}

// anyLiteral spells a JSON value as map[string]any, []any and constants.
func anyLiteral(v any) jen.Code {
	switch x := v.(type) {
	case nil:
		return jen.Nil()
	case map[string]any:
		d := jen.Dict{}
		for k, y := range x {
			d[jen.Lit(k)] = anyLiteral(y)
		}
		return jen.Map(jen.String()).Any().Values(d)
	case []any:
		var out []jen.Code
		for _, y := range x {
			out = append(out, anyLiteral(y))
		}
		return jen.Index().Any().Values(out...)
	}
	if f, ok := number(v); ok {
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return jen.Lit(int(f))
		}
		return jen.Lit(f)
	}
	return jen.Lit(v)
}

func (e *emitter) namedLiteral(v any, r ir.TypeRef) jen.Code {
	t := e.byName[r.Name]
	if t == nil {
		return e.fallback(v, typeCode(r))
	}
	switch t.Kind {
	case ir.Struct:
		return e.structLiteral(v, t, nil)
	case ir.Enum:
		for _, val := range t.Values {
			if sameValue(val.Value, v) {
				return jen.Id(val.Name)
			}
		}
		return jen.Id(t.Name).Call(e.builtinLiteral(v, *t.Base))
	case ir.Union:
		if i := pickVariant(t, v); i >= 0 {
			vr := t.Variants[i]
			return jen.Id(t.Name + "Of" + vr.Name).Call(e.literal(v, vr.Type, ir.Plain))
		}
	case ir.Defined:
		if t.Alias {
			return e.literal(v, *t.Underlying, ir.Plain)
		}
	}
	return e.fallback(v, typeCode(r))
}

// elemLiteral spells an element of a slice or map literal: a struct
// element without its type, which the slice or map already names, as
// gofmt -s writes it ([]T{{A: 1}}, not []T{T{A: 1}}).
func (e *emitter) elemLiteral(v any, r ir.TypeRef) jen.Code {
	if r.Kind == ir.Named {
		if t := e.byName[r.Name]; t != nil && t.Kind == ir.Struct {
			if _, ok := v.(map[string]any); ok || v == nil {
				return e.bareStructLiteral(v, t, nil)
			}
		}
	}
	return e.literal(v, r, ir.Plain)
}

// structLiteral spells an object as T{Field: value, ...}, fields in their
// declared order; extra holds field literals to add (request parameters).
func (e *emitter) structLiteral(v any, t *ir.Type, extra []jen.Code) jen.Code {
	if _, ok := v.(map[string]any); !ok && v != nil {
		return e.fallback(v, jen.Id(t.Name))
	}
	return jen.Id(t.Name).Add(e.bareStructLiteral(v, t, extra))
}

// bareStructLiteral is the braces of a struct literal: {Field: value, ...}.
func (e *emitter) bareStructLiteral(v any, t *ir.Type, extra []jen.Code) jen.Code {
	m, _ := v.(map[string]any)
	var items []jen.Code
	known := map[string]bool{}
	for _, f := range t.Fields {
		known[f.JSONName] = true
		if x, ok := m[f.JSONName]; ok && f.JSONName != "-" {
			items = append(items, jen.Id(f.Name).Op(":").Add(e.literal(x, f.Type, f.Wrap)))
		}
	}
	if t.Additional != nil {
		d := jen.Dict{}
		for k, x := range m {
			if !known[k] {
				d[jen.Lit(k)] = e.literal(x, *t.Additional, ir.Plain)
			}
		}
		if len(d) > 0 {
			items = append(items, jen.Id(ExtraField).Op(":").Map(jen.String()).Add(typeCode(*t.Additional)).Values(d))
		}
	}
	items = append(items, extra...)
	if len(items) == 0 {
		return jen.Values()
	}
	return jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, items...)
}

// fallback decodes the value's JSON at run time: exampleValue[T](`...`).
func (e *emitter) fallback(v any, t jen.Code) jen.Code {
	doc, err := json.Marshal(v)
	if err != nil {
		doc = []byte("null")
	}
	e.usesExampleValue = true
	return jen.Id("exampleValue").Types(t).Call(jen.Lit(string(doc)))
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

func sameValue(enumValue, v any) bool {
	if f, ok := number(v); ok {
		g, ok2 := number(enumValue)
		return ok2 && f == g
	}
	return enumValue == v
}

// pickVariant mirrors the runtime's choice of a union variant for a
// decoded JSON value; -1 when none matches.
func pickVariant(t *ir.Type, v any) int {
	m, isObject := v.(map[string]any)
	if s, ok := m[t.Discriminator].(string); ok && t.Discriminator != "" && isObject {
		return slices.IndexFunc(t.Variants, func(vr *ir.Variant) bool { return slices.Contains(vr.Discriminators, s) })
	}
	kind := jsonKind(v)
	best, bestReq, bestCover := -1, -1, -1
	for i, vr := range t.Variants {
		if !slices.Contains(vr.Kinds, kind) && !(kind == "integer" && slices.Contains(vr.Kinds, "number")) {
			continue
		}
		if !isObject {
			return i
		}
		req := 0
		for _, p := range vr.Required {
			if _, ok := m[p]; !ok {
				req = -1
				break
			}
			req++
		}
		if req < 0 {
			continue
		}
		cover := 0
		for _, p := range vr.Properties {
			if _, ok := m[p]; ok {
				cover++
			}
		}
		if req > bestReq || (req == bestReq && cover > bestCover) {
			best, bestReq, bestCover = i, req, cover
		}
	}
	return best
}

func jsonKind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	default:
		if f, ok := number(x); ok && f == math.Trunc(f) {
			return "integer"
		}
		return "number"
	}
}
