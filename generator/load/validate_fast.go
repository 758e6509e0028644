package load

import "github.com/getkin/kin-openapi/openapi3"

// componentsOnce points, until restore is called, every reference to a
// component schema at an empty schema, so that validating doc checks each
// component schema once.
//
// kin-openapi validates a $ref's target again wherever the reference
// stands, so a description whose operations and schemas refer to large,
// interlinked components (Microsoft Graph's) spends most of its loading
// time validating the same schemas over and over. Here, for the length of
// the validation, every reference to a component schema is pointed at an
// empty schema: the components are still validated, each once, where they
// are declared, and so is every schema written inline. A problem in a
// component is so reported at the component, once, and not again at every
// operation that refers to it.
func componentsOnce(doc *openapi3.T) (restore func()) {
	if doc.Components == nil || len(doc.Components.Schemas) == 0 {
		return func() {}
	}
	components := map[*openapi3.Schema]bool{}
	for _, s := range doc.Components.Schemas {
		if s != nil && s.Value != nil {
			components[s.Value] = true
		}
	}
	var (
		empty    = &openapi3.Schema{}
		swapped  = map[*openapi3.SchemaRef]*openapi3.Schema{}
		visited  = map[*openapi3.Schema]bool{}
		ref      func(r *openapi3.SchemaRef)
		schemas  func(rs ...*openapi3.SchemaRef)
		content  func(c openapi3.Content)
		param    func(p *openapi3.ParameterRef)
		response func(r *openapi3.ResponseRef)
	)
	schemas = func(rs ...*openapi3.SchemaRef) {
		for _, r := range rs {
			ref(r)
		}
	}
	ref = func(r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil {
			return
		}
		if r.Ref != "" && components[r.Value] {
			if _, done := swapped[r]; !done {
				swapped[r] = r.Value
				r.Value = empty
			}
			return
		}
		s := r.Value
		if visited[s] {
			return
		}
		visited[s] = true
		schemas(s.OneOf...)
		schemas(s.AnyOf...)
		schemas(s.AllOf...)
		schemas(s.PrefixItems...)
		schemas(s.Not, s.Items, s.AdditionalProperties.Schema, s.Contains, s.PropertyNames,
			s.If, s.Then, s.Else, s.ContentSchema, s.UnevaluatedItems.Schema, s.UnevaluatedProperties.Schema)
		for _, m := range []openapi3.Schemas{s.Properties, s.PatternProperties, s.DependentSchemas, s.Defs} {
			for _, r := range m {
				ref(r)
			}
		}
	}
	content = func(c openapi3.Content) {
		for _, mt := range c {
			if mt != nil {
				ref(mt.Schema)
			}
		}
	}
	param = func(p *openapi3.ParameterRef) {
		if p != nil && p.Value != nil {
			ref(p.Value.Schema)
			content(p.Value.Content)
		}
	}
	response = func(r *openapi3.ResponseRef) {
		if r == nil || r.Value == nil {
			return
		}
		content(r.Value.Content)
		for _, h := range r.Value.Headers {
			if h != nil && h.Value != nil {
				ref(h.Value.Schema)
				content(h.Value.Content)
			}
		}
	}

	for _, s := range doc.Components.Schemas {
		if s != nil && s.Value != nil {
			ref(&openapi3.SchemaRef{Value: s.Value}) // its own fields, references swapped
		}
	}
	for _, p := range doc.Components.Parameters {
		param(p)
	}
	for _, b := range doc.Components.RequestBodies {
		if b != nil && b.Value != nil {
			content(b.Value.Content)
		}
	}
	for _, r := range doc.Components.Responses {
		response(r)
	}
	if doc.Paths != nil {
		for _, item := range doc.Paths.Map() {
			for _, p := range item.Parameters {
				param(p)
			}
			for _, op := range item.Operations() {
				for _, p := range op.Parameters {
					param(p)
				}
				if op.RequestBody != nil && op.RequestBody.Value != nil {
					content(op.RequestBody.Value.Content)
				}
				if op.Responses != nil {
					for _, r := range op.Responses.Map() {
						response(r)
					}
				}
			}
		}
	}
	return func() {
		for r, v := range swapped {
			r.Value = v
		}
	}
}
