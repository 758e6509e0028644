package load

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
)

// isEventStream reports a media type whose body is a sequence of JSON
// events: server-sent events, JSON Lines under its several names, and JSON
// text sequences.
func isEventStream(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	switch ct {
	case "text/event-stream", "application/jsonl", "application/x-jsonl", "application/x-ndjson",
		"application/ndjson", "application/json-seq", "application/x-jsonlines", "application/jsonlines":
		return true
	}
	for _, suffix := range []string{"+jsonl", "+ndjson", "+json-seq", "/x-jsonlines", "/jsonlines", "+jsonlines"} {
		if strings.HasSuffix(ct, suffix) {
			return true
		}
	}
	return false
}

// stream finds the first streaming media type among the success responses
// (in status, then media type order) and describes the iterator method
// that yields its events. The event's schema is the OpenAPI 3.2 itemSchema
// when present, else the media type's schema, which is how 3.0 and 3.1
// descriptions write one event. A stream with neither, or whose schema is
// a plain string (the whole body as text), gets no typed method: the
// method that returns the raw body stays.
func (b *builder) stream(o *ir.Operation, op *openapi3.Operation, methods *chooser, hint, ptr string) *ir.Stream {
	if op.Responses == nil || o.Body == ir.FormBody || o.Body == ir.MultipartBody {
		return nil // form bodies are encoded by statements that return a call's results
	}
	for _, code := range sortedKeys(op.Responses.Map()) {
		r := op.Responses.Value(code)
		if !strings.HasPrefix(code, "2") || r == nil || r.Value == nil {
			continue
		}
		for _, ct := range sortedKeys(r.Value.Content) {
			mt := r.Value.Content[ct]
			if !isEventStream(ct) || mt == nil {
				continue
			}
			sr, field := mt.ItemSchema, "itemSchema"
			if sr == nil {
				sr, field = mt.Schema, "schema"
			}
			mptr := ptr + "/responses/" + code + "/content/" + escape(ct) + "/" + field
			if mt.ItemSchema != nil && isSSE(ct) {
				sr, mptr = sseData(sr, mptr)
			}
			if sr == nil || sr.Value == nil || (mt.ItemSchema == nil && primaryType(sr.Value) == "string") {
				continue
			}
			ref, _ := b.refOf(sr, hint, mptr)
			st := &ir.Stream{
				Method:    b.deriveField(methods, ptr, streamMethodName(o.Name)),
				Accept:    ct,
				EventType: ref,
			}
			st.FlagField, st.FlagSet = streamFlag(o)
			return st
		}
	}
	return nil
}

// streamFlag finds the request struct's field for a boolean "stream"
// property of the JSON body, which asks the server to stream, and spells
// the value that sets it.
func streamFlag(o *ir.Operation) (field, set string) {
	if o.Request == nil || o.Body != ir.JSONFields {
		return "", ""
	}
	for _, f := range o.Request.Fields {
		if f.JSONName != "stream" || f.Type.Kind != ir.Builtin || f.Type.Name != ir.Bool {
			continue
		}
		switch f.Wrap {
		case ir.Plain:
			return f.Name, "true"
		case ir.Opt:
			return f.Name, "Some(true)"
		case ir.Nullable:
			return f.Name, "Value(true)"
		}
	}
	return "", ""
}

// isSSE reports the server-sent events media type.
func isSSE(ct string) bool {
	return strings.EqualFold(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]), "text/event-stream")
}

// sseData finds the schema of the events' data in an OpenAPI 3.2 itemSchema
// of server-sent events, which describes the whole event (event, data, id,
// retry) with the JSON in data given by contentSchema. Data without a
// contentSchema is text, which no typed method decodes (nil). An
// itemSchema without a data property is taken as the data's own schema.
func sseData(sr *openapi3.SchemaRef, ptr string) (*openapi3.SchemaRef, string) {
	if sr == nil || sr.Value == nil {
		return nil, ptr
	}
	data := sr.Value.Properties["data"]
	if data == nil || data.Value == nil {
		return sr, ptr
	}
	if data.Value.ContentSchema != nil {
		return data.Value.ContentSchema, ptr + "/properties/data/contentSchema"
	}
	return nil, ptr
}

// streamMethodName names the iterator: <Method>Stream, or <Method>Events
// when the method's name already ends in Stream (GetLogStream yields
// GetLogStreamEvents, not GetLogStreamStream).
func streamMethodName(method string) string {
	if strings.HasSuffix(method, "Stream") {
		return method + "Events"
	}
	return method + "Stream"
}
