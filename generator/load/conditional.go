package load

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
)

// Keywords of an object schema that say what its undeclared members hold,
// or declare members under a condition. A Go struct has one set of fields,
// so:
//
//   - Without additionalProperties, `unevaluatedProperties: {schema}` (or
//     true) and patternProperties keep the undeclared members in the
//     struct's AdditionalProperties map, as additionalProperties would:
//     with the one schema, else with the patterns' schema when they agree,
//     else as any JSON value. `unevaluatedProperties: false` closes the
//     object, as `additionalProperties: false` does.
//   - dependentSchemas, and the then and else of an if, constrain the
//     object; the members they declare that the object does not are not
//     fields, and unless the struct keeps undeclared members they are lost
//     on decode: a warning says so.

// undeclaredMembers returns the type of the members a struct does not
// declare, from unevaluatedProperties or patternProperties, when
// additionalProperties says nothing; nil when they are not kept.
func (b *builder) undeclaredMembers(t *ir.Type, s *openapi3.Schema, ptr string) *ir.TypeRef {
	u := s.UnevaluatedProperties
	switch {
	case u.Schema != nil && u.Schema.Value != nil && u.Schema.Value.Always == nil:
		elem, _ := b.refOf(u.Schema, t.Name+"Value", ptr+"/unevaluatedProperties")
		return &elem
	case u.Has != nil && !*u.Has, u.Schema != nil && u.Schema.Value != nil && u.Schema.Value.Always != nil && !*u.Schema.Value.Always:
		return nil
	case u.Has != nil && *u.Has, u.Schema != nil && u.Schema.Value != nil && u.Schema.Value.Always != nil:
		a := ir.BuiltinRef(ir.Any)
		return &a
	case len(s.PatternProperties) > 0:
		elem := b.mapElem(&openapi3.Schema{PatternProperties: s.PatternProperties}, t.Name, ptr)
		return &elem
	}
	return nil
}

// conditionalMembers warns about the members that only dependentSchemas
// or the then or else of an if declare, when the struct does not keep
// undeclared members: decoding drops them.
func (b *builder) conditionalMembers(t *ir.Type, s *openapi3.Schema, ptr string) {
	if t.Additional != nil {
		return
	}
	declared := map[string]bool{}
	for _, f := range t.Fields {
		declared[f.JSONName] = true
	}
	check := func(sr *openapi3.SchemaRef, at string) {
		if sr == nil || sr.Value == nil {
			return
		}
		var missing []string
		for _, name := range sortedKeys(sr.Value.Properties) {
			if !declared[name] {
				missing = append(missing, name)
			}
		}
		what, are, them := "properties", "are", "them"
		if len(missing) == 1 {
			what, are, them = "property", "is", "it"
		}
		if len(missing) > 0 {
			b.warn(at, "%s %s %s declared only under a condition, which a Go struct cannot express: not a field of %s, dropped on decode; "+
				"declare %s in the object's own properties (optional), or allow additionalProperties to keep %s", what, quoteAll(missing), are, t.Name, them, them)
		}
	}
	for _, name := range sortedKeys(s.DependentSchemas) {
		check(s.DependentSchemas[name], ptr+"/dependentSchemas/"+escape(name))
	}
	check(s.Then, ptr+"/then")
	check(s.Else, ptr+"/else")
}

// quoteAll spells names as "a", "b" and "c".
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
