package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// docFile holds the package documentation.
func (e *emitter) docFile() *jen.File {
	f := e.newFile()
	title := e.api.Title
	if title == "" {
		title = "the API"
	}
	text := "Package " + e.api.Package + " is a client for " + title + "."
	if e.api.Description != "" {
		text += "\n\n" + e.api.Description
	}
	if len(e.api.Services) > 0 {
		text += "\n\n" + "Create a " + ClientName + " with " + NewClientName + " and call the operations through its services. " +
			"Every call retries failures that are safe to retry, with backoff, and returns an *APIError " +
			"for a response outside 2xx."
	} else {
		text += "\n\n" + "The API description declares no operations: the package holds its types."
	}
	if e.has(ir.Enum) {
		text += "\n\n" + "Enums are open: each is a defined type with a constant per value the API " +
			"description lists, and a value the server adds later decodes without error; " +
			"IsKnown(v) reports whether v is one of those listed."
	}
	if e.has(ir.Union) {
		text += "\n\n" + "A union holds one of several types, built with its <Union>Of<Variant> " +
			"constructors and read with its As<Variant> accessors. Decoding picks the variant by the " +
			"discriminator property when the description names one, else by the JSON type and the " +
			"required properties present; a document that matches no variant is kept as received, " +
			"IsKnown reports false, Raw returns it, and it encodes back unchanged."
	}
	for _, line := range append(commentLines(text), e.quickstart()...) {
		f.PackageComment(line)
	}
	return f
}

// The package-level names the client file declares besides the API-key
// options (which load names). This is their one owner: generator reserves
// them, so that no generated type takes one.
const (
	ClientName         = "Client"
	NewClientName      = "NewClient"
	DefaultBaseURLName = "DefaultBaseURL"
	ServerURLName      = "ServerURL"
)

// ClientNames returns ClientName, NewClientName, DefaultBaseURLName and
// ServerURLName, and the names the enums file declares.
func ClientNames() []string {
	return []string{ClientName, NewClientName, DefaultBaseURLName, ServerURLName, IsKnownName, knownValuesName, knownListName}
}

// clientFile declares DefaultBaseURL, Client and NewClient.
func (e *emitter) clientFile() *jen.File {
	f := e.newFile()
	f.Comment(DefaultBaseURLName + " is the server the API description names first.")
	f.Const().Id(DefaultBaseURLName).Op("=").Lit(e.api.BaseURL)

	var fields []jen.Code
	init := jen.Dict{}
	for i, s := range e.api.Services {
		if i > 0 {
			fields = append(fields, jen.Line())
		}
		for _, c := range fieldComment(docFor(s.Field, s.Doc, s.Field+" holds the "+s.Field+" operations.")) {
			fields = append(fields, c)
		}
		fields = append(fields, jen.Id(s.Field).Op("*").Id(s.Name))
		init[jen.Id(s.Field)] = jen.Op("&").Id(s.Name).Values(jen.Dict{jen.Id("core"): jen.Id("core")})
	}
	f.Comment(ClientName + " calls the API. Its services share one configuration and one HTTP")
	f.Comment("client; it is safe for concurrent use.")
	f.Type().Id(ClientName).Struct(fields...)

	f.Comment(NewClientName + " returns a client configured by opts. Without WithBaseURL it calls")
	f.Comment(DefaultBaseURLName + ".")
	body := []jen.Code{jen.Return(jen.Op("&").Id(ClientName).Values())}
	if len(e.api.Services) > 0 {
		body = []jen.Code{
			jen.Id("core").Op(":=").Id("newClientCore").Call(jen.Id(DefaultBaseURLName), jen.Id("opts")),
			jen.Return(jen.Op("&").Id(ClientName).Values(init)),
		}
	}
	f.Func().Id(NewClientName).Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id(ClientName).Block(body...)
	for _, k := range e.api.APIKeys {
		e.apiKeyOption(f, k)
	}
	if len(e.api.ServerVars) > 0 {
		e.serverURL(f)
	}
	return f
}

// apiKeyOption writes the option that sets an API key:
//
//	func WithAPIKey(key string) Option { return withAPIKey("api_key", "header", "X-API-Key", key) }
func (e *emitter) apiKeyOption(f *jen.File, k *ir.APIKey) {
	where := map[ir.ParamIn]string{ir.InHeader: "header", ir.InQuery: "query parameter", ir.InCookie: "cookie"}[k.In]
	set := jen.Id("withAPIKey").Call(jen.Lit(k.Scheme), jen.Lit(string(k.In)), jen.Lit(k.Name), jen.Id("key"))
	text := k.Option + " sends key as the " + where + " " + strconv.Quote(k.Name) +
		", the API key of the security scheme " + strconv.Quote(k.Scheme) +
		", with the requests of the operations that accept it."
	if k.Doc != "" {
		text += "\n\n" + k.Doc
	}
	docComment(f, text)
	f.Func().Id(k.Option).Params(jen.Id("key").String()).Id("Option").Block(jen.Return(set))
}

// quickstart returns the package doc lines that show a client and its first
// operation:
//
//	client := courier.NewClient(courier.WithBearerToken(token))
//	res, err := client.Bulk.CreateJob(ctx, &courier.BulkCreateJobRequest{...})
func (e *emitter) quickstart() []string {
	if len(e.api.Services) == 0 || len(e.api.Services[0].Operations) == 0 {
		return nil
	}
	p := e.api.Package
	s := e.api.Services[0]
	o := s.Operations[0]
	for _, cand := range s.Operations {
		if cand.Result == ir.JSONResult {
			o = cand
			break
		}
	}
	args := []string{"ctx"}
	for _, pp := range o.PathParams {
		args = append(args, strconv.Quote(pp.Name))
	}
	if o.Request != nil {
		args = append(args, "&"+p+"."+o.Request.Name+"{...}")
	}
	results := "err"
	if o.Result != ir.NoResult {
		results = "res, err"
	}
	lines := []string{
		"", "Quickstart:", "",
		"\tclient := " + p + "." + NewClientName + "(" + p + ".WithBearerToken(token))",
		"\t" + results + " := client." + s.Field + "." + o.Name + "(" + strings.Join(args, ", ") + ")",
		"\tvar apiErr *" + p + ".APIError",
		"\tif errors.As(err, &apiErr) {",
		"\t\t// apiErr.StatusCode, apiErr.Message, apiErr.Detail",
		"\t}",
	}
	if !e.api.NoExamples {
		lines = append(lines, "", "Each Example function runs one exchange the API description documents.")
	}
	return lines
}

// serverURL writes a function that fills the server URL's variables:
//
//	func ServerURL(region, version string) string
func (e *emitter) serverURL(f *jen.File) {
	text := ServerURLName + " returns the URL of the server " + strconv.Quote(e.api.ServerURL) +
		" with its variables filled; an empty value takes the default. Pass it to WithBaseURL."
	var params []jen.Code
	var body []jen.Code
	var expr *jen.Statement
	rest := e.api.ServerURL
	for i, v := range e.api.ServerVars {
		line := "\n  - " + v.GoName + ": default " + strconv.Quote(v.Default)
		if len(v.Enum) > 0 {
			line += ", one of " + strings.Join(v.Enum, ", ")
		}
		if v.Doc != "" {
			line += "; " + v.Doc
		}
		if i == 0 {
			text += "\n"
		}
		text += line
		params = append(params, jen.Id(v.GoName))
		body = append(body, jen.If(jen.Id(v.GoName).Op("==").Lit("")).Block(jen.Id(v.GoName).Op("=").Lit(v.Default)))
		before, after, _ := strings.Cut(rest, "{"+v.Name+"}")
		if before != "" {
			expr = appendConcat(expr, jen.Lit(before))
		}
		expr = appendConcat(expr, jen.Id(v.GoName))
		rest = after
	}
	if rest != "" {
		expr = appendConcat(expr, jen.Lit(rest))
	}
	docComment(f, text)
	params[len(params)-1] = jen.Add(params[len(params)-1]).String()
	f.Func().Id(ServerURLName).Params(params...).String().Block(append(body, jen.Return(expr))...)
}

// appendConcat appends + part to a string expression.
func appendConcat(expr *jen.Statement, part jen.Code) *jen.Statement {
	if expr == nil {
		return jen.Add(part)
	}
	return expr.Op("+").Add(part)
}

// has reports whether the package declares a type of the kind.
func (e *emitter) has(kind ir.TypeKind) bool {
	for _, t := range e.api.Types {
		if t.Kind == kind {
			return true
		}
	}
	return false
}
