package load

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// param is a resolved parameter with its pointer.
type param struct {
	p   *openapi3.Parameter
	ptr string
}

// parameters merges the path item's parameters with the operation's; the
// operation's win on the same name and location.
func (b *builder) parameters(item *openapi3.PathItem, op *openapi3.Operation, ptr string) []param {
	var out []param
	add := func(list openapi3.Parameters, base string) {
		for i, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			np := param{p: pr.Value, ptr: fmt.Sprintf("%s/parameters/%d", base, i)}
			if j := slices.IndexFunc(out, func(x param) bool { return x.p.Name == np.p.Name && x.p.In == np.p.In }); j >= 0 {
				out[j] = np
				continue
			}
			out = append(out, np)
		}
	}
	add(item.Parameters, ptr[:len(ptr)-len("/"+lastSegment(ptr))])
	add(op.Parameters, ptr)
	return out
}

func lastSegment(ptr string) string {
	for i := len(ptr) - 1; i >= 0; i-- {
		if ptr[i] == '/' {
			return ptr[i+1:]
		}
	}
	return ptr
}

var pathVar = regexp.MustCompile(`\{([^}]+)\}`)

// pathParams returns the path parameters in the order the path names them;
// each becomes a string argument of the method.
func (b *builder) pathParams(path string, params []param, ptr string) []*ir.Param {
	scope := naming.NewScope(append(slices.Clone(b.cfg.Reserved), b.cfg.MethodLocals...)...)
	var out []*ir.Param
	for _, m := range pathVar.FindAllStringSubmatch(path, -1) {
		name := m[1]
		pp := &ir.Param{Name: name, In: ir.InPath, Required: true, Type: ir.BuiltinRef(ir.String), Style: "simple"}
		word := name
		i := slices.IndexFunc(params, func(x param) bool { return x.p.In == "path" && x.p.Name == name })
		if i >= 0 {
			if chosen := b.goName(params[i].p.Extensions, params[i].ptr); chosen != "" {
				word = chosen // an argument: written unexported
			}
		}
		pp.GoName = scope.Claim(naming.Unexported(word))
		if i >= 0 {
			pp.Doc = params[i].p.Description
			pp.Style = cmp.Or(params[i].p.Style, "simple")
		} else {
			b.warn(ptr, "path parameter {%s} is not declared; it is taken as a required string", name)
		}
		out = append(out, pp)
	}
	return out
}

// queryParams adds the query, header and cookie parameters to the request
// struct as fields that stay out of the JSON body.
//
// A parameter's x-go-name names its field.
func (b *builder) queryParams(o *ir.Operation, req *ir.Type, names *chooser, params []param) {
	for _, x := range params {
		p := x.p
		in := ir.ParamIn(p.In)
		if in != ir.InQuery && in != ir.InHeader && in != ir.InCookie {
			continue
		}
		if in == ir.InHeader && isReservedHeader(p.Name) {
			continue // set by the client itself
		}
		sr := p.Schema
		if sr == nil {
			for _, mt := range p.Content {
				sr = mt.Schema
				break
			}
		}
		ref, _ := b.refOf(sr, req.Name+naming.Exported(p.Name), x.ptr+"/schema")
		var def any
		if sr != nil && sr.Value != nil {
			def = sr.Value.Default
		}
		ip := &ir.Param{Name: p.Name, In: in, Doc: withDefault(p.Description, def), Required: p.Required, Type: ref,
			Style: cmp.Or(p.Style, defaultStyle(in)), Explode: explode(p, in)}
		ip.Wrap = ir.Plain
		if !p.Required && !b.nilIsAbsent(ref) && !b.isStringLike(ref) {
			ip.Wrap = ir.Opt
		}
		if chosen := b.goName(p.Extensions, x.ptr); chosen != "" {
			ip.GoName = b.chooseField(names, x.ptr, chosen, x.ptr+"/x-go-name")
		} else {
			name := naming.Exported(p.Name)
			if in == ir.InHeader && len(p.Name) > 2 && strings.EqualFold(p.Name[:2], "x-") {
				name = naming.Exported(p.Name[2:]) // X-Request-ID -> RequestID
			}
			if _, chosen := names.chose[name]; !chosen && names.scope.Taken(name) {
				name += naming.Exported(string(in)) // a body field has it; a chosen name clashes below
			}
			ip.GoName = b.deriveField(names, x.ptr, name)
		}
		req.Fields = append(req.Fields, &ir.Field{Name: ip.GoName, JSONName: "-", Doc: paramDoc(ip), Type: ref,
			Wrap: ip.Wrap, Required: p.Required, Deprecated: p.Deprecated})
		o.Params = append(o.Params, ip)
	}
}

// paramDoc documents where a parameter field travels.
func paramDoc(p *ir.Param) string {
	where := fmt.Sprintf("Sent as the %s parameter %q.", p.In, p.Name)
	if p.Doc == "" {
		return where
	}
	return p.Doc + "\n\n" + where
}

// isStringLike reports whether the type is a string or a string enum, whose
// empty value stands for "not sent".
func (b *builder) isStringLike(ref ir.TypeRef) bool {
	if ref.Kind == ir.Builtin {
		return ref.Name == ir.String
	}
	t := b.byName[ref.Name]
	return ref.Kind == ir.Named && t != nil && t.Kind == ir.Enum && t.Base.Name == ir.String
}

func defaultStyle(in ir.ParamIn) string {
	if in == ir.InQuery || in == ir.InCookie {
		return "form"
	}
	return "simple"
}

func explode(p *openapi3.Parameter, in ir.ParamIn) bool {
	if p.Explode != nil {
		return *p.Explode
	}
	return cmp.Or(p.Style, defaultStyle(in)) == "form"
}

// isReservedHeader reports headers the client sets itself.
func isReservedHeader(name string) bool {
	switch http := canonical(name); http {
	case "Accept", "Content-Type", "Authorization":
		return true
	}
	return false
}
