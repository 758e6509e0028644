package load

import (
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// shape is what Go declaration a schema calls for.
type shape int

const (
	shapeAny     shape = iota // no constraint: any
	shapeScalar               // string, integer, number, boolean
	shapeArray                // []T
	shapeMap                  // map[string]T
	shapeStruct               // object with properties, or allOf of objects
	shapeEnum                 // enum or const
	shapeUnion                // oneOf/anyOf of two or more non-null members
	shapeWrapper              // one member of allOf/oneOf/anyOf and nothing else
	shapeTuple                // an array with prefixItems: a struct that travels as an array
)

// shapeOf decides the shape of a schema, looking through null members.
func shapeOf(s *openapi3.Schema) shape {
	if isTypeUnion(s) {
		return shapeUnion // see typelist.go
	}
	if len(s.Properties) > 0 {
		return shapeStruct
	}
	if len(s.AllOf) > 0 {
		if len(s.AllOf) == 1 && len(nonNull(s.OneOf)) == 0 && len(nonNull(s.AnyOf)) == 0 && len(s.Enum) == 0 {
			return shapeWrapper
		}
		return shapeStruct
	}
	switch n := len(nonNull(s.OneOf)) + len(nonNull(s.AnyOf)); {
	case n > 1:
		return shapeUnion
	case n == 1:
		return shapeWrapper
	}
	if len(enumValues(s)) > 0 {
		if t := primaryType(s); t == "string" || t == "integer" || t == "number" || t == "boolean" {
			return shapeEnum
		}
	}
	switch primaryType(s) {
	case "object":
		return shapeMap
	case "array":
		if isTuple(s) {
			return shapeTuple
		}
		return shapeArray
	case "string", "integer", "number", "boolean":
		return shapeScalar
	}
	return shapeAny
}

// wrapped returns the single member a wrapper schema stands for, and the
// pointer suffix that reaches it.
func wrapped(s *openapi3.Schema) (*openapi3.SchemaRef, string) {
	if len(s.AllOf) == 1 {
		return s.AllOf[0], "/allOf/0"
	}
	for i, m := range s.OneOf {
		if !isNull(m) {
			return m, fmt.Sprintf("/oneOf/%d", i)
		}
	}
	for i, m := range s.AnyOf {
		if !isNull(m) {
			return m, fmt.Sprintf("/anyOf/%d", i)
		}
	}
	return nil, ""
}

// primaryType is the schema's single non-null type, inferred from its
// keywords when absent; "" when it has several or none.
func primaryType(s *openapi3.Schema) string {
	if s.Type != nil {
		var types []string
		for _, t := range s.Type.Slice() {
			if t != "null" {
				types = append(types, t)
			}
		}
		if len(types) == 1 {
			return types[0]
		}
		if len(types) == 2 && slices.Contains(types, "integer") && slices.Contains(types, "number") {
			return "number"
		}
		if len(types) > 1 {
			return ""
		}
	}
	switch {
	case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil || len(s.PatternProperties) > 0:
		return "object"
	case s.Items != nil || len(s.PrefixItems) > 0:
		return "array"
	}
	if v := enumValues(s); len(v) > 0 {
		switch v[0].(type) {
		case string:
			return "string"
		case bool:
			return "boolean"
		case float64:
			return "number"
		case int, int64:
			return "integer"
		}
	}
	return ""
}

// enumValues returns the enum (or const) values without null.
func enumValues(s *openapi3.Schema) []any {
	vals := s.Enum
	if len(vals) == 0 && s.Const != nil {
		vals = []any{s.Const}
	}
	var out []any
	for _, v := range vals {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// nullable reports whether the schema admits null.
func nullable(s *openapi3.Schema) bool {
	if s.Nullable || (s.Type != nil && s.Type.Includes("null")) {
		return true
	}
	for _, m := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if isNull(m) {
			return true
		}
	}
	return slices.Contains(s.Enum, nil) && len(s.Enum) > 0
}

// isNull reports whether a member is the schema {type: "null"}.
func isNull(m *openapi3.SchemaRef) bool {
	if m == nil || m.Value == nil || m.Value.Type == nil {
		return false
	}
	t := m.Value.Type.Slice()
	return len(t) == 1 && t[0] == "null"
}

// nonNull drops {type: null} members.
func nonNull(refs openapi3.SchemaRefs) openapi3.SchemaRefs {
	var out openapi3.SchemaRefs
	for _, m := range refs {
		if !isNull(m) {
			out = append(out, m)
		}
	}
	return out
}
