package load

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// A list of types, `type: [string, integer]`, says the value is one of
// several kinds: the same as a oneOf of the single types, and generated as
// that union, with a constructor and a checked accessor per type. A null in
// the list stays nullability (Nullable[T] around the union), and integer
// beside number is left to number, which holds it.

// typeWords name the variants of a type list whose Go type names none:
// any JSON object is an Object, any JSON array a List.
var typeWords = map[string]string{
	"object": "Object", "array": "List", "string": "String", "integer": "Int", "number": "Float", "boolean": "Bool",
}

// typeList returns the kinds of value a schema's type list allows, null
// and an integer beside a number left out; nil when it allows at most one.
func typeList(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	var out []string
	all := s.Type.Slice()
	for _, t := range all {
		if t == "null" || t == "integer" && slices.Contains(all, "number") || slices.Contains(out, t) {
			continue
		}
		out = append(out, t)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// isTypeUnion reports whether a schema is a union only through its list of
// types: no allOf, oneOf or anyOf says more.
func isTypeUnion(s *openapi3.Schema) bool {
	return len(typeList(s)) > 1 && len(s.AllOf) == 0 && len(nonNull(s.OneOf)) == 0 && len(nonNull(s.AnyOf)) == 0
}

// typeMembers spells a type list as the members of a oneOf: per type, the
// schema with that one type and the keywords that apply to it (items to an
// array, properties to an object, the enum values of that type). A type
// that the enum leaves no value of is left out.
func typeMembers(s *openapi3.Schema) openapi3.SchemaRefs {
	var out openapi3.SchemaRefs
	for _, t := range typeList(s) {
		m := *s
		m.Type = &openapi3.Types{t}
		m.Nullable, m.Title, m.Description, m.Deprecated = false, "", "", false
		m.Default, m.Example, m.Examples, m.Const = nil, nil, nil, nil
		if t != "object" {
			m.Properties, m.Required, m.PatternProperties = nil, nil, nil
			m.AdditionalProperties = openapi3.AdditionalProperties{}
			m.Discriminator = nil
		}
		if t != "array" {
			m.Items, m.PrefixItems = nil, nil
		}
		if t != "string" {
			m.Format, m.ContentEncoding = "", ""
		}
		if values := append(slices.Clone(s.Enum), constValues(s)...); len(values) > 0 {
			m.Enum = nil
			for _, v := range values {
				if v != nil && jsonType(v, t) {
					m.Enum = append(m.Enum, v)
				}
			}
			if len(m.Enum) == 0 {
				continue
			}
		}
		out = append(out, &openapi3.SchemaRef{Value: &m})
	}
	return out
}

// constValues is the schema's const as a list of one value, or nil.
func constValues(s *openapi3.Schema) []any {
	if s.Const == nil {
		return nil
	}
	return []any{s.Const}
}

// jsonType reports whether a decoded JSON value v is of the JSON Schema
// type t.
func jsonType(v any, t string) bool {
	switch x := v.(type) {
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case int, int64:
		return t == "integer" || t == "number"
	case float64:
		return t == "number" || t == "integer" && x == float64(int64(x))
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	}
	return false
}
