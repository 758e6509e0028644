package load

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// findSubtypes records, for every component schema that declares a
// discriminator without oneOf or anyOf, the components that extend it: those
// that include it through allOf, directly or through other components, and
// those its discriminator mapping names. Such a base stands for one of its
// subtypes on the wire, so it becomes a union of them, told apart by the
// discriminator. A base that nothing extends stays a struct.
func (b *builder) findSubtypes() {
	if b.doc.Components == nil {
		return
	}
	names := sortedKeys(b.doc.Components.Schemas)
	byValue := map[*openapi3.Schema]string{}
	for _, name := range names {
		if sr := b.doc.Components.Schemas[name]; sr != nil && sr.Value != nil {
			if _, seen := byValue[sr.Value]; !seen {
				byValue[sr.Value] = name
			}
		}
	}
	add := func(base *openapi3.Schema, name string) {
		sr := b.doc.Components.Schemas[name]
		if sr == nil || sr.Value == nil || sr.Value == base {
			return
		}
		for _, m := range b.subtypes[base] {
			if m.Value == sr.Value {
				return
			}
		}
		ref := &openapi3.SchemaRef{Ref: "#/components/schemas/" + name, Value: sr.Value}
		b.subtypes[base] = append(b.subtypes[base], ref)
	}
	for _, name := range names {
		base := b.doc.Components.Schemas[name].Value
		if base == nil || base.Discriminator == nil || len(nonNull(base.OneOf))+len(nonNull(base.AnyOf)) > 0 || byValue[base] != name {
			continue
		}
		for _, value := range sortedKeys(base.Discriminator.Mapping) {
			if target := refName(base.Discriminator.Mapping[value].Ref); target != "" {
				add(base, target)
			}
		}
		for _, sub := range names {
			if s := b.doc.Components.Schemas[sub].Value; s != nil && extends(s, base, map[*openapi3.Schema]bool{}) {
				add(base, sub)
			}
		}
	}
}

// extends reports whether s includes base through allOf, at any depth.
func extends(s, base *openapi3.Schema, seen map[*openapi3.Schema]bool) bool {
	if seen[s] {
		return false
	}
	seen[s] = true
	for _, m := range s.AllOf {
		if m == nil || m.Value == nil {
			continue
		}
		if m.Value == base || extends(m.Value, base, seen) {
			return true
		}
	}
	return false
}

// shapeOf is the package's shapeOf, except that a base schema with
// subtypes (see findSubtypes) is a union.
func (b *builder) shapeOf(s *openapi3.Schema) shape {
	if len(b.subtypes[s]) > 0 {
		return shapeUnion
	}
	sh := shapeOf(s)
	if sh == shapeStruct && besideMembers(s) != nil {
		return shapeUnion
	}
	return sh
}

// besideMembers returns the oneOf (else anyOf) members of an object schema
// that also has properties or allOf, when at least two of them are
// substantive: a reference, properties, or a type other than object. Such a
// schema is a union whose variants each carry the common properties. Members
// that only constrain the object (`oneOf: [{required: [a]}, {required:
// [b]}]`) leave it a struct.
func besideMembers(s *openapi3.Schema) openapi3.SchemaRefs {
	members := nonNull(s.OneOf)
	if len(members) == 0 {
		members = nonNull(s.AnyOf)
	}
	if len(members) < 2 || !slices.ContainsFunc(members, substantive) {
		return nil
	}
	return members
}

// substantive reports whether a member of oneOf/anyOf describes a value of
// its own rather than only constraining the object beside it.
func substantive(m *openapi3.SchemaRef) bool {
	if m == nil || m.Value == nil {
		return false
	}
	if m.Ref != "" {
		return true
	}
	v := m.Value
	t := primaryType(v)
	return len(v.Properties) > 0 || len(v.AllOf) > 0 || len(v.OneOf) > 0 || len(v.AnyOf) > 0 || (t != "" && t != "object")
}

// withBase returns the variant m of the union s, whose oneOf sits beside
// properties: allOf of s's own part (s without oneOf and anyOf) and m,
// unless m already extends s. Each part keeps its pointer in the spec, so
// property order and warnings refer to where they are written.
func (b *builder) withBase(s *openapi3.Schema, ptr string, m *openapi3.SchemaRef, mptr string) *openapi3.SchemaRef {
	if extends(m.Value, s, map[*openapi3.Schema]bool{}) {
		return m
	}
	base := *s
	base.OneOf, base.AnyOf = nil, nil
	baseRef := &openapi3.SchemaRef{Value: &base}
	memberRef := &openapi3.SchemaRef{Ref: m.Ref, Value: m.Value}
	b.origin[baseRef], b.origin[memberRef] = ptr, mptr
	v := &openapi3.Schema{AllOf: openapi3.SchemaRefs{baseRef, memberRef}, Title: m.Value.Title, Description: m.Value.Description}
	return &openapi3.SchemaRef{Value: v}
}
