package load

import (
	"fmt"
	"net/textproto"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

func canonical(h string) string { return textproto.CanonicalMIMEHeaderKey(h) }

// requestBody decides how the body travels and adds its fields to the
// request struct: a JSON object's properties become the struct's own fields,
// so that the struct's JSON encoding is exactly the body; any other JSON
// body is the struct's Body field.
func (b *builder) requestBody(o *ir.Operation, req *ir.Type, names *chooser, op *openapi3.Operation, ptr string) {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return
	}
	ptr += "/requestBody"
	ct, mt := pickMedia(op.RequestBody.Value.Content)
	if mt == nil {
		return
	}
	o.ContentType = ct
	mptr := ptr + "/content/" + escape(ct) + "/schema"
	if isWildcard(ct) && mt.Schema != nil && !isBinary(mt.Schema) {
		// Swagger 2.0 without "consumes" converts to */*: a schema means JSON.
		ct, o.ContentType = "application/json", "application/json"
	}
	switch {
	case isJSON(ct):
		if b.flatten(req, names, mt.Schema, mptr) {
			o.Body = ir.JSONFields
			return
		}
		ref, _ := b.refOf(mt.Schema, req.Name+"Body", mptr)
		o.Body = ir.JSONValue
		req.Fields = append(req.Fields, &ir.Field{Name: b.deriveField(names, mptr, "Body"), JSONName: "-", Type: ref,
			Required: true, Doc: "Body is sent as the JSON request body."})
	case ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data":
		if b.formFields(o, req, names, mt, mptr, ct == "multipart/form-data") {
			o.Body = ir.FormBody
			if ct == "multipart/form-data" {
				o.Body = ir.MultipartBody
			}
			return
		}
		if closedEmpty(mt.Schema) {
			return // the only body it allows is an empty form: send none
		}
		b.warn(ptr, "a %s body that is not an object is sent as a raw io.Reader the caller encodes", ct)
		fallthrough
	default:
		o.Body = ir.RawBody
		req.Fields = append(req.Fields, &ir.Field{Name: b.deriveField(names, mptr, "Body"), JSONName: "-", Type: ir.BuiltinRef(ir.Reader),
			Required: true, Doc: fmt.Sprintf("Body is sent as is, with Content-Type %s.", ct)})
	}
}

// flatten copies the properties of an object body into the request struct.
// It declines for bodies that are not plain objects (unions, arrays, maps,
// objects with additional properties).
func (b *builder) flatten(req *ir.Type, names *chooser, sr *openapi3.SchemaRef, ptr string) bool {
	if sr == nil || sr.Value == nil || b.shapeOf(sr.Value) != shapeStruct || nullable(sr.Value) {
		return false
	}
	if _, ok := b.mapped(sr, ptr); ok {
		return false // the body is a value of the user's type
	}
	if ref, ok := b.named[sr.Value]; ok {
		t := b.byName[ref.Name]
		if t == nil || t.Kind != ir.Struct || t.Additional != nil {
			return false
		}
		for _, f := range t.Fields {
			c := *f
			c.Name = b.deriveField(names, ptr, f.Name)
			req.Fields = append(req.Fields, &c)
		}
		b.markAbsorbed(sr.Value)
		return true
	}
	o := b.merge(sr.Value, ptr, map[*openapi3.Schema]bool{})
	if o.additional != nil || o.openExtra {
		return false
	}
	req.Fields = append(req.Fields, b.fields(req.Name, o, names)...)
	return true
}

// pickMedia chooses the body's media type: JSON first, then form,
// multipart, binary, text, then whatever comes first by name.
func pickMedia(content openapi3.Content) (string, *openapi3.MediaType) {
	if len(content) == 0 {
		return "", nil
	}
	keys := make([]string, 0, len(content))
	for k := range content {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		return mediaRank(keys[i]) < mediaRank(keys[j]) || (mediaRank(keys[i]) == mediaRank(keys[j]) && keys[i] < keys[j])
	})
	return keys[0], content[keys[0]]
}

func mediaRank(ct string) int {
	switch {
	case ct == "application/json":
		return 0
	case isJSON(ct):
		return 1
	case ct == "application/x-www-form-urlencoded":
		return 2
	case strings.HasPrefix(ct, "multipart/"):
		return 3
	case ct == "application/octet-stream":
		return 4
	case strings.HasPrefix(ct, "text/"):
		return 5
	}
	return 6
}

// isJSON reports JSON media types: application/json, */*+json, */*json.
func isJSON(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return ct == "application/json" || strings.HasSuffix(ct, "+json") || strings.HasSuffix(ct, "/json")
}

// isWildcard reports media ranges such as */* and application/*.
func isWildcard(ct string) bool { return strings.HasSuffix(ct, "/*") }

// isBinary reports a string schema of format binary.
func isBinary(sr *openapi3.SchemaRef) bool {
	return sr.Value != nil && primaryType(sr.Value) == "string" && sr.Value.Format == "binary"
}

// formFields adds the properties of a form or multipart body to the
// request struct. In a multipart body, binary properties are io.Reader
// fields sent as file parts and objects are JSON text. In a form body,
// objects follow the style of the property's encoding: form (each
// property a field of its own) unless it says deepObject.
func (b *builder) formFields(o *ir.Operation, req *ir.Type, names *chooser, mt *openapi3.MediaType, ptr string, multipart bool) bool {
	sr := mt.Schema
	if sr == nil || sr.Value == nil || b.shapeOf(sr.Value) != shapeStruct {
		return false
	}
	if _, ok := b.mapped(sr, ptr); ok {
		return false
	}
	ob := b.merge(sr.Value, ptr, map[*openapi3.Schema]bool{})
	for _, p := range ob.props {
		if p.sr != nil && p.sr.Value != nil && accessOf(p.sr.Value) == ir.ReadOnly {
			continue // the server's to send, and a form body is only ever sent
		}
		word := naming.Exported(p.name)
		var name string
		if chosen := b.propertyGoName(p.sr, p.ptr); chosen != "" {
			name, word = b.chooseField(names, p.ptr, chosen, p.ptr+"/x-go-name"), chosen
			if p.sr.Ref == "" && p.sr.Value != nil {
				b.fieldNamed[p.sr.Value] = true
			}
		} else {
			name = b.deriveField(names, p.ptr, word)
		}
		ref, null := b.refOf(p.sr, req.Name+word, p.ptr)
		if multipart && p.sr != nil && p.sr.Value != nil {
			switch {
			case isBinary(p.sr):
				ref, null = ir.BuiltinRef(ir.Reader), false
			case p.sr.Value.Items != nil && isBinary(p.sr.Value.Items):
				ref, null = ir.SliceOf(ir.BuiltinRef(ir.Reader)), false
			}
		}
		wrap := b.wrapFor(ref, ob.required[p.name], null)
		if ref.Name == ir.Reader {
			wrap = ir.Plain // nil is absent
		}
		f := &ir.Field{Name: name, JSONName: "-", Type: ref, Wrap: wrap, Required: ob.required[p.name],
			Doc: fmt.Sprintf("Sent as the form field %q.", p.name)}
		if p.sr != nil && p.sr.Value != nil && p.sr.Value.Description != "" {
			f.Doc = p.sr.Value.Description + "\n\n" + f.Doc
		}
		req.Fields = append(req.Fields, f)
		style, explode := "form", true
		if enc := mt.Encoding[p.name]; enc != nil && enc.Style != "" {
			style, explode = enc.Style, enc.Style == "form"
			if enc.Explode != nil {
				explode = *enc.Explode
			}
		}
		if multipart {
			style = "" // an object part is sent as JSON text
		}
		o.FormFields = append(o.FormFields, &ir.Param{Name: p.name, GoName: name, In: ir.InForm, Required: f.Required,
			Type: ref, Wrap: wrap, Style: style, Explode: explode})
	}
	return true
}

// closedEmpty reports an object schema that declares no property and allows
// no other: `{type: object, properties: {}, additionalProperties: false}`.
func closedEmpty(sr *openapi3.SchemaRef) bool {
	if sr == nil || sr.Value == nil {
		return false
	}
	s := sr.Value
	closed := s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has
	return closed && len(s.Properties) == 0 && len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0 && primaryType(s) == "object"
}
