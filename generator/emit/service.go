package emit

import (
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// serviceFile declares a service, its methods and their request structs.
func (e *emitter) serviceFile(s *ir.Service) *jen.File {
	f := e.newFile()
	docComment(f, docFor(s.Name, s.Doc, s.Name+" groups the "+s.Field+" operations. Reach it as "+ClientName+"."+s.Field+"."))
	f.Type().Id(s.Name).Struct(jen.Id("core").Op("*").Id("clientCore"))
	for _, o := range s.Operations {
		e.method(f, s, o)
		if o.Paging != nil {
			e.iterator(f, s, o)
		}
		if o.Stream != nil {
			e.streamMethod(f, s, o)
		}
	}
	for _, o := range s.Operations {
		if o.Request != nil {
			e.declare(f, o.Request)
			if !o.Request.Alias && e.sharesRequest(o) {
				e.paramsMethod(f, o)
			}
		}
	}
	return f
}

// paramsMethod gives a request struct that other operations share the
// method that puts its query, header and cookie parameters on the
// operation, when it has any:
//
//	func (req *PullsListPullsRequest) addParams(op *operation) {
//		if req.State != "" {
//			op.addQuery("state", string(req.State))
//		}
//	}
//
// Every operation whose request struct is this one or an alias of it calls
// the method, so that the code is compiled once per struct rather than
// once per operation: on Microsoft Graph beta, 12,547 operations call 921
// such methods. load only shares a request struct among operations that
// send its parameters the same way. An operation whose request struct is
// its own puts the parameters on in its body.
func (e *emitter) paramsMethod(f *jen.File, o *ir.Operation) {
	stmts := e.paramStatements(o)
	if len(stmts) == 0 {
		return
	}
	docComment(f, "addParams puts the parameters of req on op. Optional values that are absent are not sent.")
	f.Func().Params(jen.Id("req").Op("*").Id(o.Request.Name)).Id("addParams").Params(jen.Id("op").Op("*").Id("operation")).Block(stmts...)
}

// sharesRequest reports whether o's request struct serves other
// operations too, as the struct they are aliases of or as one of those
// aliases: o then puts its parameters on through addParams.
func (e *emitter) sharesRequest(o *ir.Operation) bool {
	return o.Request != nil && (o.Request.Alias || e.sharedRequests[o.Request.Name])
}

// methodDoc is the doc comment of a method, ending with its route.
func methodDoc(o *ir.Operation) string {
	text := docFor(o.Name, o.Doc, o.Name+" calls "+o.ID+".")
	text = deprecated(text, o.Deprecated)
	return text + "\n\n" + "  " + o.Method + " " + o.Path
}

// params lists the method's parameters: ctx, the path parameters, the
// request struct, the options.
func params(s *ir.Service, o *ir.Operation) []jen.Code {
	ps := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, p := range o.PathParams {
		ps = append(ps, jen.Id(p.GoName).String())
	}
	if o.Request != nil {
		ps = append(ps, jen.Id("req").Op("*").Id(o.Request.Name))
	}
	return append(ps, jen.Id("opts").Op("...").Id("RequestOption"))
}

// results lists what the method returns.
func results(o *ir.Operation) []jen.Code {
	switch o.Result {
	case ir.JSONResult:
		return []jen.Code{resultType(o), jen.Error()}
	case ir.StreamResult:
		return []jen.Code{jen.Qual("io", "ReadCloser"), jen.Error()}
	case ir.TextResult:
		return []jen.Code{jen.String(), jen.Error()}
	}
	return []jen.Code{jen.Error()}
}

// resultType is *T for a named type (declared here or mapped), T for
// slices, maps and builtins.
func resultType(o *ir.Operation) jen.Code {
	if byPointer(*o.ResultType) {
		return jen.Op("*").Add(typeCode(*o.ResultType))
	}
	return typeCode(*o.ResultType)
}

// method writes one operation:
//
//	func (s *BulkService) GetJob(ctx context.Context, jobID string, opts ...RequestOption) (*BulkGetJobResponse, error) {
//		op := &operation{method: http.MethodGet, pathTemplate: "/bulk/{job_id}", path: "/bulk/" + pathEscape(jobID)}
//		var out BulkGetJobResponse
//		ok, err := s.core.call(ctx, op, &out, opts)
//		...
func (e *emitter) method(f *jen.File, s *ir.Service, o *ir.Operation) {
	var body []jen.Code
	if o.Request != nil {
		body = append(body, jen.If(jen.Id("req").Op("==").Nil()).Block(jen.Id("req").Op("=").New(jen.Id(o.Request.Name))))
	}
	body = append(body, jen.Id("op").Op(":=").Op("&").Id("operation").Add(e.opFields(o)))
	if params := e.paramStatements(o); len(params) > 0 && e.sharesRequest(o) {
		body = append(body, jen.Id("req").Dot("addParams").Call(jen.Id("op")))
	} else {
		body = append(body, params...)
	}
	body = append(body, e.formStatements(o)...)
	body = append(body, e.callStatements(o)...)
	docComment(f, methodDoc(o))
	f.Func().Params(jen.Id("s").Op("*").Id(s.Name)).Id(o.Name).Params(params(s, o)...).Params(results(o)...).Block(body...)
}

// opFields fills the operation literal, one field a line, in a fixed order.
func (e *emitter) opFields(o *ir.Operation) jen.Code {
	var items []jen.Code
	set := func(name string, v jen.Code) {
		items = append(items, jen.Id(name).Op(":").Add(v))
	}
	set("method", methodConst(o.Method))
	set("pathTemplate", jen.Lit(o.Path))
	set("path", pathExpr(o))
	switch o.Body {
	case ir.JSONFields:
		set("body", jen.Id("req"))
	case ir.JSONValue:
		set("body", e.bodyValue(o))
	case ir.RawBody:
		set("rawBody", jen.Id("req").Dot("Body"))
	}
	if o.Body != ir.NoBody && o.ContentType != "application/json" {
		set("contentType", jen.Lit(o.ContentType))
	}
	if o.Accept != "" && o.Accept != "application/json" {
		set("accept", jen.Lit(o.Accept))
	}
	if o.Idempotency != "" {
		set("idempotencyHeader", jen.Lit(o.Idempotency))
	}
	if o.Security != nil {
		alts := make([]jen.Code, len(o.Security))
		for i, alt := range o.Security {
			ids := make([]jen.Code, len(alt))
			for j, id := range alt {
				ids[j] = jen.Lit(id)
			}
			alts[i] = jen.Values(ids...)
		}
		set("security", jen.Index().Index().String().Values(alts...))
	}
	if len(o.Bodiless) > 0 {
		set("bodiless", strs(o.Bodiless))
	}
	if o.ErrorType != nil {
		set("errorBody", jen.Id("newErrorBody").Types(typeCode(*o.ErrorType)))
	}
	return jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, items...)
}

// methodConst spells an HTTP method as net/http's constant.
func methodConst(m string) jen.Code {
	names := map[string]string{
		http.MethodGet: "MethodGet", http.MethodPut: "MethodPut", http.MethodPost: "MethodPost",
		http.MethodDelete: "MethodDelete", http.MethodOptions: "MethodOptions", http.MethodHead: "MethodHead",
		http.MethodPatch: "MethodPatch", http.MethodTrace: "MethodTrace",
	}
	if n, ok := names[m]; ok {
		return jen.Qual("net/http", n)
	}
	return jen.Lit(m)
}

// pathExpr builds the escaped path: "/bulk/" + pathEscape(jobID) + "/run".
// Label and matrix styles put "." or ";name=" before the value.
func pathExpr(o *ir.Operation) jen.Code {
	var parts []jen.Code
	rest := o.Path
	for _, p := range o.PathParams {
		marker := "{" + p.Name + "}"
		i := strings.Index(rest, marker)
		if i < 0 {
			continue
		}
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		switch p.Style {
		case "label": // /items/.blue
			parts = append(parts, jen.Lit("."))
		case "matrix": // /items/;color=blue
			parts = append(parts, jen.Lit(";"+p.Name+"="))
		}
		parts = append(parts, jen.Id("pathEscape").Call(jen.Id(p.GoName)))
		rest = rest[i+len(marker):]
	}
	if rest != "" || len(parts) == 0 {
		parts = append(parts, jen.Lit(rest))
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

// callStatements performs the call and returns its result.
func (e *emitter) callStatements(o *ir.Operation) []jen.Code {
	call := jen.Id("s").Dot("core").Dot("call")
	switch o.Result {
	case ir.JSONResult:
		if !byPointer(*o.ResultType) {
			return []jen.Code{
				jen.Var().Id("out").Add(typeCode(*o.ResultType)),
				jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call).Call(jen.Id("ctx"), jen.Id("op"), jen.Op("&").Id("out"), jen.Id("opts")),
				jen.Return(jen.Id("out"), jen.Err()),
			}
		}
		return []jen.Code{
			jen.Var().Id("out").Add(typeCode(*o.ResultType)),
			jen.List(jen.Id("ok"), jen.Err()).Op(":=").Add(call).Call(jen.Id("ctx"), jen.Id("op"), jen.Op("&").Id("out"), jen.Id("opts")),
			jen.If(jen.Err().Op("!=").Nil().Op("||").Op("!").Id("ok")).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Op("&").Id("out"), jen.Nil()),
		}
	case ir.StreamResult:
		return []jen.Code{jen.Return(jen.Id("s").Dot("core").Dot("callStream").Call(jen.Id("ctx"), jen.Id("op"), jen.Id("opts")))}
	case ir.TextResult:
		return []jen.Code{jen.Return(jen.Id("s").Dot("core").Dot("callText").Call(jen.Id("ctx"), jen.Id("op"), jen.Id("opts")))}
	}
	return []jen.Code{
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call).Call(jen.Id("ctx"), jen.Id("op"), jen.Nil(), jen.Id("opts")),
		jen.Return(jen.Err()),
	}
}

// bodyValue is the request's Body field, by address when its type has a
// moveJSON method, which the runtime's encoder calls directly.
func (e *emitter) bodyValue(o *ir.Operation) jen.Code {
	body := jen.Id("req").Dot("Body")
	for _, f := range o.Request.Fields {
		if f.Name != "Body" || f.Wrap != ir.Plain || f.Type.Kind != ir.Named {
			continue
		}
		if t := e.byName[f.Type.Name]; t != nil && (t.Kind == ir.Struct || t.Kind == ir.Union || t.Kind == ir.Tuple) {
			return jen.Op("&").Add(body)
		}
	}
	return body
}

// byPointer reports whether a result of type r is returned as *T: named
// types, whose zero value need not read as "no result".
func byPointer(r ir.TypeRef) bool { return r.Kind == ir.Named || r.Kind == ir.External }
