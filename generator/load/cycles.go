package load

import "github.com/oagen/oagen/generator/ir"

// breakCycles turns a field into a pointer where a struct would otherwise
// contain itself by value (directly, through Opt or Nullable, or through
// other structs), which Go rejects as an invalid recursive type. Slices and
// maps already break a cycle.
func (b *builder) breakCycles() {
	for _, t := range b.types {
		if t.Kind != ir.Struct {
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
	case ir.Struct:
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
