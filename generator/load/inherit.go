package load

import (
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
	return shapeOf(s)
}
