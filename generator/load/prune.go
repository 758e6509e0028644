package load

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
)

// markAbsorbed records that the component s stands for was copied into
// another type: a request struct that carries its properties, or a struct
// that extends it through allOf.
func (b *builder) markAbsorbed(s *openapi3.Schema) {
	if ref, ok := b.named[s]; ok {
		if t := b.byName[ref.Name]; t != nil {
			b.absorbed[t] = true
		}
	}
}

// prune drops the types that were absorbed into others and that nothing
// else reaches: a component that only stood for a request body that the
// request struct now carries, or a base that was merged into the structs
// extending it through allOf. A component nothing refers to at all is
// kept: the description declares it for its readers; except in a subset,
// where only what the operations reach is kept.
func prune(api *ir.API, absorbed map[*ir.Type]bool, subset bool) {
	if len(absorbed) == 0 && !subset {
		return
	}
	byName := make(map[string]*ir.Type, len(api.Types))
	for _, t := range api.Types {
		byName[t.Name] = t
	}
	seen := map[*ir.Type]bool{}
	var visit func(r *ir.TypeRef)
	visitType := func(t *ir.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		for _, f := range t.Fields {
			visit(&f.Type)
		}
		for _, v := range t.Variants {
			visit(&v.Type)
		}
		visit(t.Additional)
		visit(t.Base)
		visit(t.Underlying)
	}
	visit = func(r *ir.TypeRef) {
		for ; r != nil; r = r.Elem {
			if r.Kind == ir.Named {
				visitType(byName[r.Name])
			}
		}
	}
	for _, t := range api.Types {
		if !absorbed[t] && !subset {
			visitType(t)
		}
	}
	visit(api.ErrorType)
	for _, s := range api.Services {
		for _, o := range s.Operations {
			visitType(o.Request)
			visit(o.ResultType)
			visit(o.ErrorType)
			if o.Stream != nil {
				visit(&o.Stream.EventType)
			}
			if o.Paging != nil {
				visit(&o.Paging.ItemType)
				visit(&o.Paging.CursorType)
			}
			for _, p := range o.PathParams {
				visit(&p.Type)
			}
		}
	}
	kept := api.Types[:0]
	for _, t := range api.Types {
		if seen[t] {
			kept = append(kept, t)
		}
	}
	clear(api.Types[len(kept):])
	api.Types = kept
}
