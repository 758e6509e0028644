package load

import (
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
func (b *builder) requestBody(o *ir.Operation, req *ir.Type, scope *naming.Scope, op *openapi3.Operation, ptr string) {
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
		if b.flatten(req, scope, mt.Schema, mptr) {
			o.Body = ir.JSONFields
			return
		}
		ref, _ := b.refOf(mt.Schema, req.Name+"Body", mptr)
		o.Body = ir.JSONValue
		req.Fields = append(req.Fields, &ir.Field{Name: scope.Claim("Body"), JSONName: "-", Type: ref,
			Required: true, Doc: "Body is sent as the JSON request body."})
	default:
		if strings.HasPrefix(ct, "multipart/") || ct == "application/x-www-form-urlencoded" {
			b.warn(ptr, "%s bodies are sent as a raw io.Reader the caller encodes", ct)
		}
		o.Body = ir.RawBody
		req.Fields = append(req.Fields, &ir.Field{Name: scope.Claim("Body"), JSONName: "-", Type: ir.BuiltinRef(ir.Reader),
			Required: true, Doc: sprintf("Body is sent as is, with Content-Type %s.", ct)})
	}
}

// flatten copies the properties of an object body into the request struct.
// It declines for bodies that are not plain objects (unions, arrays, maps,
// objects with additional properties).
func (b *builder) flatten(req *ir.Type, scope *naming.Scope, sr *openapi3.SchemaRef, ptr string) bool {
	if sr == nil || sr.Value == nil || shapeOf(sr.Value) != shapeStruct || nullable(sr.Value) {
		return false
	}
	if ref, ok := b.named[sr.Value]; ok {
		t := b.byName[ref.Name]
		if t == nil || t.Kind != ir.Struct || t.Additional != nil {
			return false
		}
		for _, f := range t.Fields {
			c := *f
			c.Name = scope.Claim(f.Name)
			req.Fields = append(req.Fields, &c)
		}
		return true
	}
	o := b.merge(sr.Value, ptr, map[*openapi3.Schema]bool{})
	if o.additional != nil || o.openExtra {
		return false
	}
	req.Fields = append(req.Fields, b.fields(req.Name, o, scope)...)
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
