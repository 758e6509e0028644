package load

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// namedValue is one example value with its name and summary.
type namedValue struct {
	name, summary string
	value         any
}

// examplesOf lists a media type's examples: the named ones in name order,
// else the single example.
func examplesOf(mt *openapi3.MediaType) []namedValue {
	if mt == nil {
		return nil
	}
	var out []namedValue
	for _, name := range sortedKeys(mt.Examples) {
		ex := mt.Examples[name]
		if ex == nil || ex.Value == nil || ex.Value.Value == nil {
			continue
		}
		out = append(out, namedValue{name: name, summary: ex.Value.Summary, value: ex.Value.Value})
	}
	if len(out) == 0 && mt.Example != nil {
		out = append(out, namedValue{name: "example", value: mt.Example})
	}
	return out
}

// examples pairs the operation's documented requests with its documented
// responses: every request example with the first success response example,
// then every response example not used yet with a request built from the
// first request example (or none).
func (b *builder) examples(o *ir.Operation, op *openapi3.Operation, params []param) []*ir.Example {
	if op.Responses == nil {
		return nil
	}
	var requests []namedValue
	if op.RequestBody != nil && op.RequestBody.Value != nil && o.Body != ir.RawBody {
		_, mt := pickMedia(op.RequestBody.Value.Content)
		requests = examplesOf(mt)
	}
	type response struct {
		namedValue
		status int
	}
	var responses []response
	for _, code := range sortedKeys(op.Responses.Map()) {
		status, err := strconv.Atoi(code)
		r := op.Responses.Value(code)
		if err != nil || r == nil || r.Value == nil {
			continue
		}
		_, mt := pickMedia(r.Value.Content)
		for _, ex := range examplesOf(mt) {
			responses = append(responses, response{ex, status})
		}
	}
	pathValues, values := b.paramExamples(o, params)
	var out []*ir.Example
	seen := map[string]bool{}
	add := func(req *namedValue, res response, name string) {
		e := &ir.Example{PathValues: pathValues, Params: values, Status: res.status, Response: res.value}
		if req != nil {
			e.Request = req.value
		}
		e.Summary = res.summary
		if req != nil && (res.status < 300 || res.summary == "") {
			e.Summary = cmp.Or(req.summary, res.summary)
		}
		base := exampleName(name)
		e.Name = base
		for i := 2; seen[e.Name]; i++ {
			e.Name = base + strconv.Itoa(i)
		}
		seen[e.Name] = true
		out = append(out, e)
	}
	success := slices.IndexFunc(responses, func(r response) bool { return r.status < 300 })
	for i := range requests {
		res := response{status: firstSuccess(op)}
		if success >= 0 {
			res = responses[success]
		}
		add(&requests[i], res, requests[i].name)
	}
	for i, res := range responses {
		if i == success && len(requests) > 0 {
			continue
		}
		var req *namedValue
		if len(requests) > 0 {
			req = &requests[0]
		}
		if req == nil && o.Body != ir.NoBody && o.Body != ir.RawBody {
			continue // no request example to send with it
		}
		add(req, res, res.name)
	}
	return out
}

// firstSuccess is the lowest 2xx status the operation declares.
func firstSuccess(op *openapi3.Operation) int {
	for _, code := range sortedKeys(op.Responses.Map()) {
		if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 {
			return n
		}
	}
	return 200
}

// paramExamples picks a value for every path parameter (its example, else
// its name) and the examples of the other parameters.
func (b *builder) paramExamples(o *ir.Operation, params []param) ([]string, map[string]any) {
	find := func(name, in string) *openapi3.Parameter {
		for _, p := range params {
			if p.p.Name == name && p.p.In == in {
				return p.p
			}
		}
		return nil
	}
	var path []string
	for _, pp := range o.PathParams {
		v := pp.Name
		if p := find(pp.Name, "path"); p != nil {
			if ex := paramExample(p); ex != nil {
				v = fmt.Sprint(ex)
			}
		}
		path = append(path, v)
	}
	values := map[string]any{}
	for _, ip := range o.Params {
		if p := find(ip.Name, string(ip.In)); p != nil {
			if ex := paramExample(p); ex != nil {
				values[ip.Name] = ex
			}
		}
	}
	return path, values
}

func paramExample(p *openapi3.Parameter) any {
	if p.Example != nil {
		return p.Example
	}
	for _, name := range sortedKeys(p.Examples) {
		if ex := p.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value
		}
	}
	if p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Example != nil {
		return p.Schema.Value.Example
	}
	return nil
}

// exampleName turns an example's name into the suffix of an Example
// function, which must start with a lower-case letter.
func exampleName(name string) string {
	n := naming.Unexported(name)
	n = strings.TrimSuffix(n, "_")
	if n == "" || n == "x" {
		return "example"
	}
	return n
}
