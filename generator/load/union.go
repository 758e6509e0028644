package load

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// fillUnion fills a sum type from oneOf/anyOf, recording for each variant
// how a JSON document is recognised as it: the discriminator values, else
// the JSON kind and the required properties.
func (b *builder) fillUnion(t *ir.Type, s *openapi3.Schema, ptr string) {
	t.Kind = ir.Union
	members, key := s.OneOf, "oneOf"
	if len(nonNull(members)) < 2 {
		members, key = s.AnyOf, "anyOf"
	}
	subtypes := b.subtypes[s]
	if len(subtypes) > 0 {
		members = subtypes
	} else if isTypeUnion(s) {
		members, key = typeMembers(s), "type"
	}
	beside := shapeOf(s) == shapeStruct && len(subtypes) == 0
	if s.Discriminator != nil {
		t.Discriminator = s.Discriminator.PropertyName
	}
	scope := naming.NewScope()
	for i, m := range members {
		if nullIn(members, m) {
			continue
		}
		mptr := fmt.Sprintf("%s/%s/%d", ptr, key, i)
		if len(subtypes) > 0 {
			mptr = "#/components/schemas/" + escape(refName(m.Ref))
		}
		orig, hint := m, t.Name+variantHint(m, i)
		if key == "type" {
			hint = t.Name + naming.Exported(m.Value.Type.Slice()[0])
		}
		if beside {
			if m.Ref != "" {
				hint = t.Name + naming.Exported(refName(m.Ref))
			}
			m = b.withBase(s, ptr, m, mptr)
		}
		ref, _ := b.refOf(m, hint, mptr)
		name := variantName(ref, orig, i)
		if key == "type" && strings.HasPrefix(name, "Variant") {
			name = typeWords[m.Value.Type.Slice()[0]] // map[string]any: Object
		}
		if rest, ok := strings.CutPrefix(name, t.Name); ok && rest != "" && unicode.IsUpper([]rune(rest)[0]) {
			name = rest // ContactEmail in Contact -> ContactOfEmail, AsEmail
		}
		v := &ir.Variant{Name: scope.Claim(name), Type: ref, Kinds: kindsOf(m.Value, 0)}
		if slices.Contains(v.Kinds, "object") {
			o := b.merge(m.Value, mptr, map[*openapi3.Schema]bool{})
			for _, p := range o.props {
				v.Properties = append(v.Properties, p.name)
				// A writeOnly property is absent from the responses a
				// union is decoded from: it cannot tell variants apart.
				if o.required[p.name] && (p.sr == nil || p.sr.Value == nil || accessOf(p.sr.Value) != ir.WriteOnly) {
					v.Required = append(v.Required, p.name)
				}
			}
			if t.Discriminator != "" {
				v.Discriminators = discriminatorValues(s.Discriminator, orig, o)
			}
		}
		t.Variants = append(t.Variants, v)
	}
	if t.Discriminator != "" {
		for _, v := range t.Variants {
			if len(v.Discriminators) == 0 {
				b.warn(ptr, "variant %s has no discriminator value; it is matched by its properties only", v.Name)
			}
		}
	}
}

// variantHint names an inline variant's type.
func variantHint(m *openapi3.SchemaRef, i int) string {
	if m.Value != nil && m.Value.Title != "" {
		return naming.Exported(m.Value.Title)
	}
	return fmt.Sprintf("Variant%d", i+1)
}

// variantName names a variant after its type: ElementalContent,
// String, Int64List.
func variantName(ref ir.TypeRef, m *openapi3.SchemaRef, i int) string {
	switch ref.Kind {
	case ir.Named, ir.External:
		return ref.Name
	case ir.Slice:
		return variantName(*ref.Elem, m, i) + "List"
	case ir.Map:
		return variantName(*ref.Elem, m, i) + "Map"
	}
	switch ref.Name {
	case ir.String:
		return "String"
	case ir.Int64, ir.Int32:
		return "Int"
	case ir.Float64, ir.Float32:
		return "Float"
	case ir.Bool:
		return "Bool"
	case ir.Time:
		return "Time"
	}
	return fmt.Sprintf("Variant%d", i+1)
}

// discriminatorValues lists the discriminator values that select a
// variant: mapping entries that point at it, the const or single enum value
// of its discriminator property, else its component name.
func discriminatorValues(d *openapi3.Discriminator, m *openapi3.SchemaRef, o *object) []string {
	var out []string
	for _, value := range sortedKeys(d.Mapping) {
		target := d.Mapping[value].Ref
		if target == "" {
			continue
		}
		if target == m.Ref || (m.Ref != "" && refName(target) == refName(m.Ref)) {
			out = append(out, value)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, p := range o.props {
		if p.name != d.PropertyName || p.sr == nil || p.sr.Value == nil {
			continue
		}
		for _, v := range enumValues(p.sr.Value) {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 && m.Ref != "" {
		out = append(out, refName(m.Ref))
	}
	return out
}

// kindsOf lists the JSON kinds a schema accepts.
func kindsOf(s *openapi3.Schema, depth int) []string {
	all := []string{"array", "boolean", "integer", "null", "number", "object", "string"}
	if s == nil || depth > 8 {
		return all
	}
	if members := append(slices.Clone(s.OneOf), s.AnyOf...); len(members) > 0 && len(s.Properties) == 0 {
		var out []string
		for _, m := range members {
			if m.Value != nil {
				out = append(out, kindsOf(m.Value, depth+1)...)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	if len(s.AllOf) > 0 && len(s.Properties) == 0 {
		if t := primaryType(s); t == "" {
			for _, m := range s.AllOf {
				if m.Value != nil && primaryType(m.Value) != "" && primaryType(m.Value) != "object" {
					return kindsOf(m.Value, depth+1)
				}
			}
			return []string{"object"}
		}
	}
	switch t := primaryType(s); t {
	case "":
		if s.Type != nil && len(s.Type.Slice()) > 1 {
			var out []string
			for _, t := range s.Type.Slice() {
				if t != "null" {
					out = append(out, t)
				}
			}
			return out
		}
		return all
	case "number":
		return []string{"integer", "number"}
	default:
		return []string{t}
	}
}
