package load

import (
	"reflect"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// refOf returns the Go type that holds values of the schema, declaring a
// named type (from hint) when the schema needs one, and whether the schema
// admits null.
func (b *builder) refOf(sr *openapi3.SchemaRef, hint, ptr string) (ir.TypeRef, bool) {
	if sr == nil || sr.Value == nil {
		return ir.BuiltinRef(ir.Any), false
	}
	s := sr.Value
	if ref, ok := b.mapped(sr, ptr); ok {
		return ref, nullable(s)
	}
	keys := refKeys(sr)
	for _, k := range keys {
		if ref, ok := b.refs[k]; ok {
			return ref, nullable(s)
		}
	}
	if ref, ok := b.named[s]; ok {
		return ref, nullable(s)
	}
	if sr.Ref != "" {
		// A reference outside components/schemas (another file, a nested
		// pointer): named after its last segment.
		hint = naming.Exported(refName(sr.Ref))
	}
	if fill := b.declare(s, hint, ptr); fill != nil {
		for _, k := range keys {
			b.refs[k] = b.named[s]
		}
		fill()
	}
	if ref, ok := b.named[s]; ok {
		return ref, nullable(s)
	}
	return b.resolveUnnamed(s, hint, ptr), nullable(s)
}

// resolveUnnamed resolves a schema that needs no name of its own, unless
// it contains itself (an array of itself, a map of itself): then it gets a
// defined type, type List []List, which Go accepts.
func (b *builder) resolveUnnamed(s *openapi3.Schema, hint, ptr string) ir.TypeRef {
	if b.resolving[s] {
		t := &ir.Type{Name: b.claim(ptr, hint), Kind: ir.Defined, Pointer: ptr, Doc: doc(s)}
		b.named[s] = ir.Ref(t.Name)
		b.cyclic[s] = t
		b.add(t)
		return ir.Ref(t.Name)
	}
	b.resolving[s] = true
	ref := b.unnamed(s, hint, ptr)
	delete(b.resolving, s)
	t, ok := b.cyclic[s]
	if !ok {
		return ref
	}
	if ref.Kind == ir.Named && ref.Name == t.Name {
		// Only wrappers of itself: nothing to hold but any JSON value.
		ref = ir.BuiltinRef(ir.Any)
	}
	t.Underlying = &ref
	return ir.Ref(t.Name)
}

// refName names a referenced schema after the last segment of its $ref.
func refName(ref string) string {
	if i := strings.LastIndexAny(ref, "/#"); i >= 0 {
		ref = ref[i+1:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(ref, ".yaml"), ".json"), ".yml")
}

// declare claims a named type for a schema that needs one (an object with
// properties, an enum, a union) and returns the function that fills it in;
// nil when the schema needs no name. The claim happens at once, so that
// recursive references find the name.
func (b *builder) declare(s *openapi3.Schema, name, ptr string) func() {
	shape := b.shapeOf(s)
	if shape == shapeScalar || shape == shapeArray || shape == shapeMap || shape == shapeAny || shape == shapeWrapper {
		// No declaration (a wrapper is resolved through the schema it
		// wraps): an x-go-name here has nothing to name.
		if _, chosen := s.Extensions["x-go-name"]; chosen && !b.fieldNamed[s] && !b.unnamedWarned[s] {
			b.unnamedWarned[s] = true
			b.warn(ptr+"/x-go-name", "x-go-name names no type here: oagen declares no type for this schema, whose values are %s; the name is not used",
				shapeWords[shape])
		}
		return nil
	}
	t := &ir.Type{Name: b.typeName(s, name, ptr), Doc: doc(s), Pointer: ptr, Deprecated: s.Deprecated}
	b.named[s] = ir.Ref(t.Name)
	b.add(t)
	return func() {
		switch shape {
		case shapeStruct:
			b.fillStruct(t, s, ptr)
		case shapeUnion:
			b.fillUnion(t, s, ptr)
		case shapeEnum:
			b.fillEnum(t, s, ptr)
		case shapeTuple:
			b.fillTuple(t, s, ptr)
		}
	}
}

// typeName claims the name of the type declared for s at ptr: its
// x-go-name, else name. The x-go-name of a property's own schema names the
// field instead (see fields).
func (b *builder) typeName(s *openapi3.Schema, name, ptr string) string {
	if !b.fieldNamed[s] {
		if chosen := b.goName(s.Extensions, ptr); chosen != "" {
			return b.claimChosen(ptr, chosen, ptr+"/x-go-name")
		}
	}
	return b.claim(ptr, name)
}

// shapeWords says what Go values hold a schema that gets no declaration.
var shapeWords = map[shape]string{
	shapeScalar: "strings, numbers or booleans", shapeArray: "slices", shapeMap: "maps",
	shapeAny: "any JSON value", shapeWrapper: "those of the one schema it wraps",
}

// unnamed returns the type of a schema that needs no declaration.
func (b *builder) unnamed(s *openapi3.Schema, hint, ptr string) ir.TypeRef {
	switch b.shapeOf(s) {
	case shapeWrapper:
		inner, at := wrapped(s)
		ref, _ := b.refOf(inner, hint, ptr+at)
		return ref
	case shapeArray:
		elem, _ := b.refOf(s.Items, hint+"Item", ptr+"/items")
		return ir.SliceOf(elem)
	case shapeMap:
		return ir.MapOf(b.mapElem(s, hint, ptr))
	case shapeScalar:
		return scalar(s)
	}
	return ir.BuiltinRef(ir.Any)
}

// mapElem is the value type of a map-shaped object.
func (b *builder) mapElem(s *openapi3.Schema, hint, ptr string) ir.TypeRef {
	if ap := s.AdditionalProperties.Schema; ap != nil {
		elem, null := b.refOf(ap, hint+"Value", ptr+"/additionalProperties")
		if null && !elem.NilIsAbsent() {
			return ir.BuiltinRef(ir.Any)
		}
		return elem
	}
	// Every pattern's values must fit the element type: one type when the
	// patterns agree, any JSON value when they do not.
	var elem *ir.TypeRef
	for _, pat := range sortedKeys(s.PatternProperties) {
		ref, null := b.refOf(s.PatternProperties[pat], hint+"Value", ptr+"/patternProperties/"+escape(pat))
		if null && !ref.NilIsAbsent() || elem != nil && !reflect.DeepEqual(*elem, ref) {
			return ir.BuiltinRef(ir.Any)
		}
		elem = &ref
	}
	if elem != nil {
		return *elem
	}
	return ir.BuiltinRef(ir.Any)
}

// scalar maps a string, integer, number or boolean schema to its Go type.
func scalar(s *openapi3.Schema) ir.TypeRef {
	switch primaryType(s) {
	case "string":
		switch {
		case s.ContentEncoding == "base64" || s.Format == "byte":
			return ir.BuiltinRef(ir.Bytes)
		case s.ContentEncoding == "base64url":
			return ir.BuiltinRef(ir.Base64URL)
		case s.Format == "date-time":
			return ir.BuiltinRef(ir.Time)
		}
		return ir.BuiltinRef(ir.String)
	case "integer":
		if s.Format == "int32" {
			return ir.BuiltinRef(ir.Int32)
		}
		return ir.BuiltinRef(ir.Int64)
	case "number":
		if s.Format == "float" {
			return ir.BuiltinRef(ir.Float32)
		}
		return ir.BuiltinRef(ir.Float64)
	case "boolean":
		return ir.BuiltinRef(ir.Bool)
	}
	return ir.BuiltinRef(ir.Any)
}

// doc is a schema's description, else its title, and a line pointing at
// its externalDocs.
func doc(s *openapi3.Schema) string {
	text := s.Description
	if text == "" {
		text = s.Title
	}
	if d := s.ExternalDocs; d != nil && d.URL != "" {
		more := "See " + d.URL
		if d.Description != "" {
			more = strings.TrimRight(d.Description, ".") + ": " + d.URL
		}
		if text == "" {
			return more
		}
		return text + "\n\n" + more
	}
	return text
}
