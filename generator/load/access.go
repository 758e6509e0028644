package load

import (
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
)

// readOnly and writeOnly properties travel one way. A readOnly property is
// set by the server: a client does not send it, and when it is required it
// is required in responses only. writeOnly is the mirror image. One Go
// type stands for a schema wherever it is used, so such a property is
// decided by where its type is used:
//
//	used in             readOnly                     writeOnly
//	a request struct    left out                     as declared
//	responses only      as declared                  optional
//	requests only       optional, sent only if set   as declared
//	both, or neither    optional, sent only if set   optional
//
// A request struct carries the properties of an object body (JSON or a
// form) as its own fields; it is made for that one request, so its readOnly
// properties are simply not there (form bodies: see formFields).
//
// Optional means Opt[T] (or a nil-able value with omitzero): a request
// leaves the property out unless the caller set it, and a decoded response
// encodes again without a zero value the server never sent. No type is
// doubled, so a schema without such properties costs nothing, and a value
// read from a response can be sent back (the server ignores its readOnly
// properties). See the README's design notes.

// accessOf reads readOnly and writeOnly. A schema that claims both says
// nothing usable about direction, and is read as neither.
func accessOf(s *openapi3.Schema) ir.Access {
	switch {
	case s.ReadOnly && !s.WriteOnly:
		return ir.ReadOnly
	case s.WriteOnly && !s.ReadOnly:
		return ir.WriteOnly
	}
	return ir.ReadWrite
}

// direction is the set of ways a type travels in.
type direction uint8

const (
	inRequest direction = 1 << iota
	inResponse
)

// oneWay decides the readOnly and writeOnly fields of every struct by the
// directions its type travels in (see above).
func (b *builder) oneWay(api *ir.API) {
	if !b.hasOneWay() {
		return
	}
	dirs := b.directions(api)
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Body == ir.JSONFields {
				leaveOutReadOnly(o)
			}
		}
	}
	for _, t := range b.types {
		d := dirs[t]
		if d == 0 {
			d = inRequest | inResponse // declared for readers: either way
		}
		for _, f := range t.Fields {
			switch {
			case f.Access == ir.ReadOnly && d&inRequest != 0:
				b.relax(f, "Read-only: the server sets it; a request sends it only when set.")
			case f.Access == ir.WriteOnly && d&inResponse != 0:
				b.relax(f, "Write-only: the server does not send it back; a response leaves it unset.")
			}
		}
	}
}

// hasOneWay reports whether any field is readOnly or writeOnly.
func (b *builder) hasOneWay() bool {
	for _, t := range b.types {
		for _, f := range t.Fields {
			if f.Access != ir.ReadWrite {
				return true
			}
		}
	}
	return false
}

// relax makes a field optional, so that it is left out unless set, and
// says why in its doc.
func (b *builder) relax(f *ir.Field, note string) {
	if f.Required && f.Wrap == ir.Plain {
		f.Wrap = b.wrapFor(f.Type, false, false)
	}
	f.Required = false
	if f.Doc != "" {
		note = f.Doc + "\n\n" + note
	}
	f.Doc = note
}

// directions finds the types each request and each response reaches.
func (b *builder) directions(api *ir.API) map[*ir.Type]direction {
	dirs := map[*ir.Type]direction{}
	var visit func(r *ir.TypeRef, d direction)
	visitType := func(t *ir.Type, d direction) {
		if t == nil || dirs[t]&d == d {
			return
		}
		dirs[t] |= d
		for _, f := range t.Fields {
			visit(&f.Type, d)
		}
		for _, v := range t.Variants {
			visit(&v.Type, d)
		}
		visit(t.Additional, d)
		visit(t.Underlying, d)
	}
	visit = func(r *ir.TypeRef, d direction) {
		for ; r != nil; r = r.Elem {
			if r.Kind == ir.Named {
				visitType(b.byName[r.Name], d)
			}
		}
	}
	visit(api.ErrorType, inResponse)
	for _, s := range api.Services {
		for _, o := range s.Operations {
			visitType(o.Request, inRequest)
			visit(o.ResultType, inResponse)
			visit(o.ErrorType, inResponse)
		}
	}
	return dirs
}

// leaveOutReadOnly removes the readOnly fields of an operation's request
// struct, and those properties from its request examples, which show the
// body the client sends.
func leaveOutReadOnly(o *ir.Operation) {
	var gone []string
	o.Request.Fields = slices.DeleteFunc(o.Request.Fields, func(f *ir.Field) bool {
		if f.Access == ir.ReadOnly {
			gone = append(gone, f.JSONName)
			return true
		}
		return false
	})
	if len(gone) == 0 {
		return
	}
	for _, ex := range o.Examples {
		if m, ok := ex.Request.(map[string]any); ok {
			m = maps.Clone(m) // the example may be shared with other operations
			for _, name := range gone {
				delete(m, name)
			}
			ex.Request = m
		}
	}
}
