package load

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
)

// breakCycles turns a field into a pointer where a struct would otherwise
// contain itself by value (directly, through Opt or Nullable, or through
// other structs), which Go rejects as an invalid recursive type. Slices and
// maps already break a cycle.
func (b *builder) breakCycles() {
	for _, t := range b.types {
		if t.Kind != ir.Struct && t.Kind != ir.Tuple {
			continue
		}
		for _, f := range t.Fields {
			if f.Type.Kind == ir.Named && f.Wrap != ir.Pointer && b.reaches(f.Type.Name, t.Name, map[string]bool{}) {
				f.Wrap = ir.Pointer
			}
		}
	}
}

// reaches reports whether type from contains type to by value.
func (b *builder) reaches(from, to string, seen map[string]bool) bool {
	if from == to {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	t := b.byName[from]
	if t == nil {
		return false
	}
	switch t.Kind {
	case ir.Struct, ir.Tuple:
		for _, f := range t.Fields {
			if f.Type.Kind == ir.Named && f.Wrap != ir.Pointer && b.reaches(f.Type.Name, to, seen) {
				return true
			}
		}
	case ir.Defined:
		if t.Underlying.Kind == ir.Named {
			return b.reaches(t.Underlying.Name, to, seen)
		}
	}
	return false
}

// refCycles reports, as errors, component schemas that describe no value
// because their definition leads back to themselves before reaching one: a
// $ref chain that loops (A: {$ref: B}, B: {$ref: A}) or an allOf, oneOf or
// anyOf whose only member is the schema itself.
func (b *builder) refCycles() {
	if b.doc.Components == nil {
		return
	}
	schemas := b.doc.Components.Schemas
	reported := map[string]bool{}
	for _, name := range sortedKeys(schemas) {
		sr := schemas[name]
		if sr == nil || reported[name] {
			continue
		}
		ptr := diag.Pointer("components", "schemas", name)
		if sr.Value == nil && sr.Ref != "" {
			chain := []string{name}
			for next := refName(sr.Ref); ; next = refName(schemas[next].Ref) {
				chain = append(chain, next)
				if slices.Contains(chain[:len(chain)-1], next) {
					for _, n := range chain {
						reported[n] = true
					}
					b.fail(ptr, "$ref cycle %s never reaches a schema; it describes no value", strings.Join(chain, " → "))
					break
				}
				if s := schemas[next]; s == nil || s.Value != nil || s.Ref == "" {
					break
				}
			}
			continue
		}
		seen := map[*openapi3.Schema]bool{}
		for v := sr.Value; v != nil && !seen[v] && shapeOf(v) == shapeWrapper; {
			seen[v] = true
			inner, _ := wrapped(v)
			if inner == nil {
				break
			}
			if inner.Value == sr.Value {
				reported[name] = true
				b.fail(ptr, "%s is only a wrapper of itself (its single allOf, oneOf or anyOf member leads back to it); it describes no value", name)
				break
			}
			v = inner.Value
		}
	}
}
