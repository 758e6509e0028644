package load

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
)

// responses decides what a method returns: the JSON body of its success
// responses (they must agree on one type), a stream, text, or nothing; and
// the type error bodies decode into.
func (b *builder) responses(o *ir.Operation, hint string, op *openapi3.Operation, ptr string) {
	if op.Responses == nil {
		return
	}
	codes := sortedKeys(op.Responses.Map())
	var results, errs []ir.TypeRef
	stream, text := "", ""
	for _, code := range codes {
		r := op.Responses.Value(code)
		if r == nil || r.Value == nil {
			continue
		}
		ct, mt := pickMedia(r.Value.Content)
		success := strings.HasPrefix(code, "2")
		rptr := ptr + "/responses/" + code + "/content/" + escape(ct) + "/schema"
		switch {
		case mt == nil:
			if success {
				o.Bodiless = append(o.Bodiless, code)
			}
		case isWildcard(ct) && mt.Schema != nil && !isBinary(mt.Schema) && success:
			ref, _ := b.refOf(mt.Schema, hint, rptr)
			results = appendRef(results, ref)
		case isJSON(ct) && success:
			ref, _ := b.refOf(mt.Schema, hint, rptr)
			results = appendRef(results, ref)
		case isJSON(ct):
			ref, _ := b.refOf(mt.Schema, hint+"Error", rptr)
			errs = appendRef(errs, ref)
		case success && strings.HasPrefix(ct, "text/") && text == "":
			text = ct
		case success:
			stream = ct
		}
	}
	switch {
	case len(results) == 1:
		o.Result, o.ResultType, o.Accept = ir.JSONResult, &results[0], "application/json"
	case len(results) > 1:
		b.warn(ptr+"/responses", "success responses have different bodies; the result is returned as json.RawMessage")
		raw := ir.BuiltinRef(ir.RawMessage)
		o.Result, o.ResultType, o.Accept = ir.JSONResult, &raw, "application/json"
	case stream != "":
		o.Result, o.Accept = ir.StreamResult, stream
	case text != "":
		o.Result, o.Accept = ir.TextResult, text // text/plain, or text/event-stream read whole
	default:
		o.Accept = "*/*"
	}
	if len(errs) == 1 {
		o.ErrorType = &errs[0]
	}
	if o.Result != ir.JSONResult {
		o.Bodiless = nil
	}
}

// appendRef adds ref to the list unless an equal reference is there.
func appendRef(list []ir.TypeRef, ref ir.TypeRef) []ir.TypeRef {
	if slices.ContainsFunc(list, func(r ir.TypeRef) bool { return sameRef(r, ref) }) {
		return list
	}
	return append(list, ref)
}

func sameRef(x, y ir.TypeRef) bool {
	if x.Kind != y.Kind || x.Name != y.Name {
		return false
	}
	if x.Elem == nil || y.Elem == nil {
		return x.Elem == y.Elem
	}
	return sameRef(*x.Elem, *y.Elem)
}

// sharedErrorType is the error body every operation declares, when they
// all declare the same one.
func sharedErrorType(services []*ir.Service) *ir.TypeRef {
	var shared *ir.TypeRef
	for _, s := range services {
		for _, o := range s.Operations {
			switch {
			case o.ErrorType == nil:
			case shared == nil:
				shared = o.ErrorType
			case !sameRef(*shared, *o.ErrorType):
				return nil
			}
		}
	}
	return shared
}
