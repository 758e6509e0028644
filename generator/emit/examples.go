package emit

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// ExamplesFile is the name of the generated file of the helpers the Example
// functions share.
const ExamplesFile = "example_gen_test.go"

// examplesFiles turn every documented exchange into an Example function
// that runs against an in-process server answering as the spec's example
// does, one file per service beside the helpers they share. Their output
// shows the request body the server received and the response as decoded
// and encoded again, so go test checks both against the spec's examples.
func (e *emitter) examplesFiles(add func(string, *jen.File)) {
	n := 0
	for _, s := range e.api.Services {
		f := e.newFile()
		count := 0
		for _, o := range s.Operations {
			if o.Body == ir.RawBody || o.Result == ir.StreamResult || o.Result == ir.TextResult {
				continue
			}
			for _, ex := range o.Examples {
				e.example(f, s, o, ex)
				count++
			}
		}
		if count > 0 {
			add(e.fileBases[s]+"_example_gen_test.go", f)
			n += count
		}
	}
	if n > 0 {
		f := e.newFile()
		e.exampleHelpers(f)
		add(ExamplesFile, f)
	}
}

// example writes one Example function:
//
//	func ExampleBulkService_CreateJob_seedCurl() {
//		srv := serveExample(http.MethodPost, 201, `{"jobId":"..."}`)
//		defer srv.Close()
//		client := NewClient(WithBaseURL(srv.URL), WithBearerToken("my-token"))
//		res, err := client.Bulk.CreateJob(context.Background(), &BulkCreateJobRequest{...})
//		...
//		// Output:
//		// request: POST /bulk {"message":{...}}
//		// response: {"jobId":"..."}
//	}
func (e *emitter) example(f *jen.File, s *ir.Service, o *ir.Operation, ex *ir.Example) {
	body := ""
	if ex.Response != nil {
		b, _ := json.Marshal(ex.Response)
		body = string(b)
	}
	opts := []jen.Code{jen.Id("WithBaseURL").Call(jen.Id("srv").Dot("URL")), jen.Id("WithBearerToken").Call(jen.Lit("my-token"))}
	if ex.Status >= 400 {
		opts = append(opts, jen.Id("WithMaxRetries").Call(jen.Lit(0)))
	}
	args := []jen.Code{jen.Qual("context", "Background").Call()}
	path := o.Path
	for i, p := range o.PathParams {
		args = append(args, jen.Lit(ex.PathValues[i]))
		path = strings.Replace(path, "{"+p.Name+"}", ex.PathValues[i], 1)
	}
	if o.Request != nil {
		args = append(args, jen.Op("&").Add(e.requestLiteral(o, ex)))
	}
	call := jen.Id("client").Dot(s.Field).Dot(o.Name).Call(args...)
	stmts := []jen.Code{
		jen.Id("srv").Op(":=").Id("serveExample").Call(jen.Lit(ex.Status), rawString(body)),
		jen.Defer().Id("srv").Dot("Close").Call(),
		jen.Id("client").Op(":=").Id(NewClientName).Call(opts...),
		jen.Line(),
	}
	printed := ex.Response != nil && o.Result == ir.JSONResult
	if printed {
		stmts = append(stmts, jen.List(jen.Id("res"), jen.Err()).Op(":=").Add(call))
	} else if o.Result == ir.JSONResult {
		stmts = append(stmts, jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call))
	} else {
		stmts = append(stmts, jen.Err().Op(":=").Add(call))
	}
	stmts = append(stmts, jen.If(jen.Err().Op("!=").Nil()).Block(
		jen.Qual("fmt", "Println").Call(jen.Lit("error:"), jen.Err()),
		jen.Return(),
	))
	if printed {
		stmts = append(stmts, jen.Id("printResponse").Call(jen.Id("res")))
	} else {
		stmts = append(stmts, jen.Qual("fmt", "Println").Call(jen.Lit("ok")))
	}
	stmts = append(stmts, jen.Line(), jen.Comment("Output:"))
	for _, line := range expectedOutput(o, ex, path) {
		stmts = append(stmts, jen.Comment(line))
	}
	doc := fmt.Sprintf("This example calls %s as the API description documents it", o.Name)
	if ex.Summary != "" {
		doc += ": " + strings.TrimSuffix(ex.Summary, ".")
	}
	docComment(f, doc+".")
	f.Func().Id("Example" + s.Name + "_" + o.Name + "_" + ex.Name).Params().Block(stmts...)
}

// requestLiteral spells the request struct with the example's body and
// parameters.
func (e *emitter) requestLiteral(o *ir.Operation, ex *ir.Example) jen.Code {
	var extra []jen.Code
	for _, p := range o.Params {
		if v, ok := ex.Params[p.Name]; ok {
			extra = append(extra, jen.Id(p.GoName).Op(":").Add(e.literal(v, p.Type, p.Wrap)))
		}
	}
	switch o.Body {
	case ir.JSONValue:
		for _, f := range o.Request.Fields {
			if f.Name == "Body" && ex.Request != nil {
				extra = append([]jen.Code{jen.Id("Body").Op(":").Add(e.literal(ex.Request, f.Type, ir.Plain))}, extra...)
			}
		}
		return e.structLiteral(nil, o.Request, extra)
	case ir.JSONFields:
		if _, isObject := ex.Request.(map[string]any); isObject {
			return e.structLiteral(ex.Request, o.Request, extra)
		}
	}
	return e.structLiteral(nil, o.Request, extra)
}

// expectedOutput is what the Example prints: the request line and body the
// server receives, then the response re-encoded, or the error.
func expectedOutput(o *ir.Operation, ex *ir.Example, path string) []string {
	line := "request: " + o.Method + " " + path
	if ex.Request != nil && o.Body != ir.NoBody {
		b, _ := json.Marshal(ex.Request)
		line += " " + string(b)
	}
	out := []string{line}
	switch {
	case ex.Status >= 400:
		msg := fmt.Sprintf("error: %s %s: %d %s", o.Method, o.Path, ex.Status, http.StatusText(ex.Status))
		if m := errorMessage(ex.Response); m != "" {
			msg += ": " + m
		}
		out = append(out, msg)
	case ex.Response != nil && o.Result == ir.JSONResult:
		b, _ := json.Marshal(ex.Response)
		out = append(out, "response: "+string(b))
	default:
		out = append(out, "ok")
	}
	return out
}

// errorMessage finds the message of an error body as the runtime does: the
// first string among message, detail, title and error, or error.message.
func errorMessage(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	for _, k := range []string{"message", "detail", "title", "error"} {
		if s, ok := m[k].(string); ok && s != "" {
			return s
		}
	}
	if inner, ok := m["error"].(map[string]any); ok {
		if s, ok := inner["message"].(string); ok {
			return s
		}
	}
	return ""
}

// exampleHelpers writes the server and printing helpers the examples share.
func (e *emitter) exampleHelpers(f *jen.File) {
	w, r := jen.Id("w"), jen.Id("r")
	f.Comment("serveExample starts a server that prints each request it receives and")
	f.Comment("answers it with status and body.")
	f.Func().Id("serveExample").Params(jen.Id("status").Int(), jen.Id("body").String()).Op("*").Qual("net/http/httptest", "Server").Block(
		jen.Return(jen.Qual("net/http/httptest", "NewServer").Call(jen.Qual("net/http", "HandlerFunc").Call(
			jen.Func().Params(w.Clone().Qual("net/http", "ResponseWriter"), r.Clone().Op("*").Qual("net/http", "Request")).Block(
				jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Id("r").Dot("Body")),
				jen.Id("line").Op(":=").Lit("request: ").Op("+").Id("r").Dot("Method").Op("+").Lit(" ").Op("+").Id("r").Dot("URL").Dot("Path"),
				jen.If(jen.Len(jen.Id("b")).Op(">").Lit(0)).Block(
					jen.Id("line").Op("+=").Lit(" ").Op("+").Id("canonicalJSON").Call(jen.Id("b"))),
				jen.Qual("fmt", "Println").Call(jen.Id("line")),
				jen.If(jen.Id("body").Op("!=").Lit("")).Block(
					jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit("application/json"))),
				jen.Id("w").Dot("WriteHeader").Call(jen.Id("status")),
				jen.Qual("io", "WriteString").Call(jen.Id("w"), jen.Id("body")),
			)))),
	)
	f.Comment("canonicalJSON encodes a JSON document again with sorted keys.")
	f.Func().Id("canonicalJSON").Params(jen.Id("doc").Index().Byte()).String().Block(
		jen.Var().Id("v").Any(),
		jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("doc"), jen.Op("&").Id("v")).Op("!=").Nil()).Block(
			jen.Return(jen.String().Call(jen.Id("doc")))),
		jen.List(jen.Id("out"), jen.Id("_")).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
		jen.Return(jen.String().Call(jen.Id("out"))),
	)
	f.Comment("printResponse prints a decoded result as canonical JSON.")
	f.Func().Id("printResponse").Params(jen.Id("v").Any()).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Qual("fmt", "Println").Call(jen.Lit("error:"), jen.Err()), jen.Return()),
		jen.Qual("fmt", "Println").Call(jen.Lit("response:"), jen.Id("canonicalJSON").Call(jen.Id("b"))),
	)
	if !e.usesExampleValue {
		return
	}
	f.Comment("exampleValue decodes a JSON document into T, for values that have no")
	f.Comment("plain Go literal.")
	f.Func().Id("exampleValue").Types(jen.Id("T").Any()).Params(jen.Id("doc").String()).Id("T").Block(
		jen.Var().Id("v").Id("T"),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("doc")), jen.Op("&").Id("v")), jen.Err().Op("!=").Nil()).Block(
			jen.Panic(jen.Err())),
		jen.Return(jen.Id("v")),
	)
}

// rawString spells s as a raw string literal when it can, for readable JSON.
func rawString(s string) jen.Code {
	if strings.ContainsAny(s, "`\r") {
		return jen.Lit(s)
	}
	return jen.Op("`" + s + "`")
}
