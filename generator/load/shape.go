package load

import (
	"fmt"
	"reflect"
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
		if !nullIn(s.OneOf, m) {
			return m, fmt.Sprintf("/oneOf/%d", i)
		}
	}
	for i, m := range s.AnyOf {
		if !nullIn(s.AnyOf, m) {
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
	for _, refs := range [...]openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, m := range refs {
			if nullIn(refs, m) {
				return true
			}
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

// nonNull drops the members that stand for null (see nullIn).
func nonNull(refs openapi3.SchemaRefs) openapi3.SchemaRefs {
	var out openapi3.SchemaRefs
	for _, m := range refs {
		if !nullIn(refs, m) {
			out = append(out, m)
		}
	}
	return out
}

// nullIn reports whether the member m of a oneOf or anyOf, refs, stands
// for null: {type: null}, or {type: object, nullable: true} and nothing
// more beside members that are all objects, or beside one $ref of any
// type. OpenAPI 3.0 ignores the keywords beside a $ref, so descriptions
// write a nullable reference as
//
//	anyOf: [{$ref: X}, {type: object, nullable: true}]
//
// Microsoft Graph's beta description does so 6,322 times, 777 of them to
// a string enum. Read literally, the second member admits any object,
// which X, an object, already decodes; what it adds is null. So the member
// is null, and the schema a Nullable[X] rather than a union of X and a
// map: the type its authors meant, and one type less to compile each time.
// Where X is not an object, an object in its place fails to decode rather
// than landing in a map: the idiom is too common, and its meaning too
// plain, to make every such field a union for it.
func nullIn(refs openapi3.SchemaRefs, m *openapi3.SchemaRef) bool {
	if isNull(m) {
		return true
	}
	if !isNullObject(m) {
		return false
	}
	objects, others := 0, 0
	for _, o := range refs {
		switch {
		case o == m || isNull(o) || isNullObject(o):
		case o == nil || o.Value == nil:
			return false
		case objectLike(o.Value, 0):
			objects++
		default:
			others++
			if o.Ref == "" {
				return false
			}
		}
	}
	return objects > 0 && others == 0 || objects == 0 && others == 1
}

// isNullObject reports whether m is exactly {type: object, nullable: true},
// perhaps with a description or title.
func isNullObject(m *openapi3.SchemaRef) bool {
	if m == nil || m.Ref != "" || m.Value == nil {
		return false
	}
	s := m.Value
	bare := openapi3.Schema{Type: s.Type, Nullable: s.Nullable, Description: s.Description, Title: s.Title, Extensions: s.Extensions, Origin: s.Origin}
	return s.Nullable && s.Type != nil && s.Type.Is("object") && reflect.DeepEqual(*s, bare)
}

// objectLike reports whether s describes an object: by its type, its
// properties, or an allOf of objects (looked into a few levels deep).
func objectLike(s *openapi3.Schema, depth int) bool {
	switch {
	case primaryType(s) == "object":
		return true
	case len(s.AllOf) == 0 || depth > 4 || s.Type != nil && len(s.Type.Slice()) > 0:
		return false
	}
	for _, m := range s.AllOf {
		if m != nil && m.Value != nil && objectLike(m.Value, depth+1) {
			return true
		}
	}
	return false
}
