package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// streamMethod writes the iterator over an operation's event stream, with
// the same arguments as the operation's method:
//
//	func (s *ChatService) CreateStream(ctx context.Context, req *ChatCreateRequest,
//		opts ...RequestOption) iter.Seq2[ChatCreateEvent, error] {
//		if req == nil {
//			req = new(ChatCreateRequest)
//		}
//		op := &operation{method: http.MethodPost, ..., accept: "text/event-stream"}
//		return streamEvents(ctx, s.core, op, (*ChatCreateEvent).moveJSON, opts)
//	}
func (e *emitter) streamMethod(f *jen.File, s *ir.Service, o *ir.Operation) {
	st := o.Stream
	so := *o // the same request, asking for the stream
	so.Accept, so.Bodiless = st.Accept, nil
	var body []jen.Code
	if o.Request != nil {
		body = append(body, jen.If(jen.Id("req").Op("==").Nil()).Block(jen.Id("req").Op("=").New(jen.Id(o.Request.Name))))
	}
	body = append(body, jen.Id("op").Op(":=").Op("&").Id("operation").Add(e.opFields(&so)))
	body = append(body, e.paramStatements(&so)...)
	body = append(body, jen.Return(jen.Id("streamEvents").Call(
		jen.Id("ctx"), jen.Id("s").Dot("core"), jen.Id("op"), e.elemMover(st.EventType), jen.Id("opts"))))
	docComment(f, streamDoc(o))
	f.Func().Params(jen.Id("s").Op("*").Id(s.Name)).Id(st.Method).Params(params(s, o)...).
		Qual("iter", "Seq2").Types(typeCode(st.EventType), jen.Error()).Block(body...)
}

// streamDoc is the doc comment of a stream method.
func streamDoc(o *ir.Operation) string {
	st := o.Stream
	text := st.Method + " is like " + o.Name + ", but asks for the " + st.Accept + " response and yields" +
		" the events as they arrive, each decoded as " + typeName(st.EventType) + ". "
	if st.FlagField != "" {
		text += "The API streams only when asked: set req." + st.FlagField + " to " + st.FlagSet + ". "
	}
	text += "Until the first event, failures are retried as calls are; an error ends the" +
		" stream after it is yielded, and breaking out of the loop closes the connection." +
		" WithRequestTimeout limits how long the stream may stay silent, and" +
		" WithStreamEvents reports each event's name and ID."
	text = deprecated(text, o.Deprecated)
	return text + "\n\n" + "  " + o.Method + " " + o.Path
}

// typeName spells a type reference for a doc comment.
func typeName(r ir.TypeRef) string {
	return jen.Null().Add(typeCode(r)).GoString()
}
