package load

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// property is one property of a merged object schema.
type property struct {
	name string
	sr   *openapi3.SchemaRef
	ptr  string
}

// object is an object schema with its allOf members merged in.
type object struct {
	props      []property
	required   map[string]bool
	additional *openapi3.SchemaRef // schema of additionalProperties
	openExtra  bool                // additionalProperties: true, spelled out
	discProp   string
}

// merge flattens a schema and its allOf members into one object. Members
// come first, in order, then the schema's own properties; a later
// declaration of the same property replaces an earlier one in place.
func (b *builder) merge(s *openapi3.Schema, ptr string, seen map[*openapi3.Schema]bool) *object {
	o := &object{required: map[string]bool{}}
	if seen[s] {
		return o
	}
	seen[s] = true
	for i, m := range s.AllOf {
		if m == nil || m.Value == nil {
			continue
		}
		mptr, ok := b.origin[m]
		if !ok {
			mptr = fmt.Sprintf("%s/allOf/%d", ptr, i)
		}
		b.markAbsorbed(m.Value)
		o.absorb(b.merge(m.Value, mptr, seen))
	}
	for _, name := range b.propertyOrder(s, ptr) {
		o.set(property{name: name, sr: s.Properties[name], ptr: ptr + "/properties/" + escape(name)})
	}
	for _, r := range s.Required {
		o.required[r] = true
	}
	if s.AdditionalProperties.Schema != nil {
		o.additional = s.AdditionalProperties.Schema
	} else if s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has {
		o.openExtra = true
	}
	if s.Discriminator != nil {
		o.discProp = s.Discriminator.PropertyName
	}
	return o
}

func (o *object) absorb(m *object) {
	for _, p := range m.props {
		o.set(p)
	}
	for r := range m.required {
		o.required[r] = true
	}
	if m.additional != nil {
		o.additional = m.additional
	}
	o.openExtra = o.openExtra || m.openExtra
	if m.discProp != "" {
		o.discProp = m.discProp
	}
}

func (o *object) set(p property) {
	for i := range o.props {
		if o.props[i].name == p.name {
			o.props[i] = p
			return
		}
	}
	o.props = append(o.props, p)
}

// propertyOrder lists the schema's properties in the order the spec writes
// them, when the spec file shows it, else sorted.
func (b *builder) propertyOrder(s *openapi3.Schema, ptr string) []string {
	keys := b.loc.keysAt(b.cfg.Path, ptr+"/properties")
	if len(keys) == len(s.Properties) {
		ok := true
		for _, k := range keys {
			if _, in := s.Properties[k]; !in {
				ok = false
				break
			}
		}
		if ok {
			return keys
		}
	}
	return sortedKeys(s.Properties)
}

// fillStruct fills a struct type from an object schema.
func (b *builder) fillStruct(t *ir.Type, s *openapi3.Schema, ptr string) {
	t.Kind = ir.Struct
	o := b.merge(s, ptr, map[*openapi3.Schema]bool{})
	t.Fields = b.fields(t.Name, o, newChooser(naming.NewScope(b.cfg.ExtraField)))
	switch {
	case o.additional != nil:
		elem, _ := b.refOf(o.additional, t.Name+"Value", ptr+"/additionalProperties")
		t.Additional = &elem
	case o.openExtra:
		a := ir.BuiltinRef(ir.Any)
		t.Additional = &a
	case s.AdditionalProperties.Has == nil:
		t.Additional = b.undeclaredMembers(t, s, ptr) // see conditional.go
	}
	b.conditionalMembers(t, s, ptr)
	if slices.ContainsFunc(append(nonNull(s.OneOf), nonNull(s.AnyOf)...), substantive) {
		b.warn(ptr, "a single oneOf/anyOf member beside properties is not merged; only the properties are generated")
	}
}

// fields builds the fields of a merged object; owner names inline types.
// A property's x-go-name names its field, and the inline type the field
// may hold is named after it.
func (b *builder) fields(owner string, o *object, names *chooser) []*ir.Field {
	var out []*ir.Field
	for _, p := range o.props {
		word := naming.Exported(p.name)
		var goName string
		if chosen := b.propertyGoName(p.sr, p.ptr); chosen != "" {
			goName = b.chooseField(names, p.ptr, chosen, p.ptr+"/x-go-name")
			word = chosen
			if p.sr.Ref == "" && p.sr.Value != nil {
				b.fieldNamed[p.sr.Value] = true // its x-go-name is the field's
			}
		} else {
			goName = b.deriveField(names, p.ptr, word)
		}
		ref, null := b.refOf(p.sr, owner+word, p.ptr)
		f := &ir.Field{Name: goName, JSONName: p.name, Type: ref, Required: o.required[p.name]}
		if p.sr != nil && p.sr.Value != nil {
			f.Doc, f.Deprecated = withDefault(doc(p.sr.Value), p.sr.Value.Default), p.sr.Value.Deprecated
			f.Access = accessOf(p.sr.Value)
		}
		f.Wrap = b.wrapFor(ref, f.Required, null)
		if f.Required && p.sr != nil && p.sr.Value != nil {
			f.Const = constOf(p.sr.Value)
		}
		out = append(out, f)
	}
	return out
}

// wrapFor decides how a field holds its value:
//
//	required, not null       T
//	optional, nil-able       T with omitzero (nil slice, map or any = absent)
//	optional                 Opt[T]
//	nullable                 Nullable[T]
func (b *builder) wrapFor(ref ir.TypeRef, required, null bool) ir.Wrap {
	switch {
	case null:
		return ir.Nullable
	case required:
		return ir.Plain
	case b.nilIsAbsent(ref):
		return ir.Plain
	}
	return ir.Opt
}

// nilIsAbsent reports whether nil stands for absent in the type, looking
// through named slice and map types.
func (b *builder) nilIsAbsent(ref ir.TypeRef) bool {
	for range 10 {
		if ref.NilIsAbsent() {
			return true
		}
		t := b.byName[ref.Name]
		if ref.Kind != ir.Named || t == nil || t.Kind != ir.Defined {
			return false
		}
		if t.Underlying == nil {
			// A type that contains itself, still being resolved: only
			// slices, maps and wrappers of itself get one, all nil-able.
			return true
		}
		ref = *t.Underlying
	}
	return false
}

// withDefault documents the value the server assumes when a field is left
// out; the client sends nothing for an absent field, so the server's
// default applies.
func withDefault(text string, def any) string {
	if def == nil {
		return text
	}
	b, err := json.Marshal(def)
	if err != nil {
		return text
	}
	line := "Default: " + string(b) + "."
	if text == "" {
		return line
	}
	return text + "\n\n" + line
}

// escape escapes a JSON pointer segment.
func escape(s string) string {
	out := make([]byte, 0, len(s))
	for i := range len(s) {
		switch s[i] {
		case '~':
			out = append(out, "~0"...)
		case '/':
			out = append(out, "~1"...)
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}
