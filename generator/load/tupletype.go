package load

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// A schema with prefixItems describes a tuple: a JSON array whose elements
// have types by position, `[latitude, longitude]`. It becomes a struct with
// a field per element, named after the element's title, else V0, V1...,
// that travels as a JSON array (see the runtime's jsonTuple).
//
//   - Elements before minItems, or all of them when minItems is absent or
//     not below their number, are required: held as the value itself, and
//     always sent. Those after are optional (Opt[T]): an unset one ends the
//     array.
//   - `items` after prefixItems types the elements after them: they are
//     kept in a Rest slice and sent after the declared ones. Without
//     `items`, or with `items: false`, elements beyond the declared ones
//     are skipped on decode, as encoding/json does for a Go array and as
//     the struct of an object skips members it does not declare.

// isTuple reports whether a schema is a tuple.
func isTuple(s *openapi3.Schema) bool {
	return len(s.PrefixItems) > 0 && primaryType(s) == "array"
}

// fillTuple fills a tuple type from a prefixItems schema.
func (b *builder) fillTuple(t *ir.Type, s *openapi3.Schema, ptr string) {
	t.Kind = ir.Tuple
	required := len(s.PrefixItems)
	if s.MinItems > 0 && s.MinItems < uint64(required) {
		required = int(s.MinItems)
	}
	scope := naming.NewScope("Rest")
	for i, sr := range s.PrefixItems {
		name, titled := fmt.Sprintf("V%d", i), sr != nil && sr.Value != nil && sr.Value.Title != ""
		if titled {
			name = naming.Exported(sr.Value.Title)
		}
		name = scope.Claim(name)
		ref, null := b.refOf(sr, t.Name+name, fmt.Sprintf("%s/prefixItems/%d", ptr, i))
		f := &ir.Field{Name: name, JSONName: fmt.Sprint(i), Type: ref, Required: i < required}
		if sr != nil && sr.Value != nil {
			text := doc(sr.Value)
			if titled {
				text = sr.Value.Description // the title is the name
			}
			f.Doc, f.Deprecated = withDefault(text, sr.Value.Default), sr.Value.Deprecated
		}
		if f.Doc == "" {
			f.Doc = fmt.Sprintf("%s is the element at index %d.", name, i)
		}
		f.Wrap = ir.Plain
		switch {
		case null:
			f.Wrap = ir.Nullable
		case !f.Required && !b.nilIsAbsent(ref):
			f.Wrap = ir.Opt
		}
		t.Fields = append(t.Fields, f)
	}
	if items := s.Items; items != nil && items.Value != nil && (items.Value.Always == nil || *items.Value.Always) {
		elem, _ := b.refOf(items, t.Name+"Item", ptr+"/items")
		t.Additional = &elem
	}
}
