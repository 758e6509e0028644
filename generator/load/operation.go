package load

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// methods is the order in which the operations of one path are visited.
var methods = []string{
	http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete,
	http.MethodOptions, http.MethodHead, http.MethodPatch, http.MethodTrace,
	openapi3.MethodQuery,
}

// itemMethods lists the methods a path item defines: the fixed fields in
// the order above, then OpenAPI 3.2's additionalOperations, sorted.
func itemMethods(item *openapi3.PathItem) []string {
	var out []string
	for _, m := range methods {
		if item.GetOperation(m) != nil {
			out = append(out, m)
		}
	}
	for _, m := range sortedKeys(item.AdditionalOperations) {
		if item.AdditionalOperations[m] != nil && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// services groups the operations by their first tag, in path order.
func (b *builder) services() []*ir.Service {
	if b.doc.Paths == nil {
		return nil
	}
	byTag := map[string]*ir.Service{}
	fields := naming.NewScope()
	methodScopes := map[*ir.Service]*chooser{}
	paths := b.doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	firstUse := map[string]string{} // operationId -> pointer of its first operation
	for _, path := range paths {
		item := b.doc.Paths.Value(path)
		for _, method := range itemMethods(item) {
			op := item.GetOperation(method)
			if op == nil {
				op = item.AdditionalOperations[method]
			}
			tag := "Default"
			if len(op.Tags) > 0 && strings.TrimSpace(op.Tags[0]) != "" {
				tag = op.Tags[0]
			}
			svc := byTag[tag]
			if svc == nil {
				field := fields.Claim(naming.Exported(tag))
				svc = &ir.Service{Field: field, Name: b.claim("tag:"+tag, field+"Service"), Doc: b.tagDoc(tag)}
				byTag[tag] = svc
				methodScopes[svc] = newChooser(naming.NewScope())
			}
			ptr := diag.Pointer("paths", path, strings.ToLower(method))
			o := b.operation(svc, methodScopes[svc], tag, method, path, item, op, ptr)
			svc.Operations = append(svc.Operations, o)
			if first, ok := firstUse[op.OperationID]; ok {
				b.duplicateID(op.OperationID, first, ptr, svc.Field, o.Name)
			} else if op.OperationID != "" {
				firstUse[op.OperationID] = ptr
			}
		}
	}
	out := make([]*ir.Service, 0, len(byTag))
	for _, svc := range byTag {
		out = append(out, svc)
	}
	slices.SortFunc(out, func(x, y *ir.Service) int { return cmp.Compare(x.Field, y.Field) })
	return out
}

// duplicateID warns, at the later operation (in path order), that its
// operationId is taken, and names the method it gets instead.
func (b *builder) duplicateID(id, first, ptr, service, method string) {
	file, line, col := b.loc.at(b.cfg.Path, b.cfg.Report, first+"/operationId")
	b.warn(ptr+"/operationId", "operationId %q is also used at %s:%d:%d (%s); this operation becomes the method %s.%s: give each operation its own operationId",
		id, file, line, col, first, service, method)
}

// tagDoc is the description the spec gives a tag.
func (b *builder) tagDoc(tag string) string {
	if t := b.doc.Tags.Get(tag); t != nil {
		return t.Description
	}
	return ""
}

// operation builds one method. Its x-go-name names the method, and so
// the request struct, <Service><Name>Request.
func (b *builder) operation(svc *ir.Service, methodScope *chooser, tag, method, path string,
	item *openapi3.PathItem, op *openapi3.Operation, ptr string) *ir.Operation {
	var name string
	if chosen := b.goName(op.Extensions, ptr); chosen != "" {
		name = b.chooseField(methodScope, ptr, chosen, ptr+"/x-go-name")
	} else {
		name = b.deriveField(methodScope, ptr, operationName(op.OperationID, tag, method, path))
	}
	o := &ir.Operation{
		ID:         op.OperationID,
		Name:       name,
		Doc:        cmp.Or(op.Description, op.Summary),
		Deprecated: op.Deprecated,
		Method:     method,
		Path:       path,
		Pointer:    ptr,
	}
	reqName := svc.Field + o.Name + "Request"
	params := b.parameters(item, op, ptr)
	o.PathParams = b.pathParams(path, params, ptr)
	req := &ir.Type{Name: reqName, Kind: ir.Struct, Pointer: ptr,
		Doc: fmt.Sprintf("%s holds the body and parameters of %s.%s.", reqName, svc.Field, o.Name)}
	fields := newChooser(naming.NewScope(b.cfg.ExtraField))
	b.requestBody(o, req, fields, op, ptr)
	b.queryParams(o, req, fields, params)
	if len(req.Fields) > 0 || o.Body != ir.NoBody {
		req.Name = b.claim(ptr+"/request", reqName)
		req.Doc = strings.Replace(req.Doc, reqName, req.Name, 1)
		o.Request = req
		b.add(req)
	}
	b.responses(o, svc.Field+o.Name+"Response", op, ptr)
	o.Idempotency = b.idempotencyHeader(o)
	o.Security = b.security(op, ptr)
	o.Paging = b.paging(o, op, methodScope, ptr)
	o.Stream = b.stream(o, op, methodScope, svc.Field+o.Name+"Event", ptr)
	o.Examples = b.examples(o, op, params)
	return o
}

// operationName names a method from its operationId, dropping the tag when
// it leads ("bulk_createJob" in tag Bulk -> CreateJob); without an
// operationId, from the method and path ("GET /bulk/{job_id}/users" ->
// GetBulkJobIDUsers).
func operationName(id, tag, method, path string) string {
	if strings.TrimSpace(id) == "" {
		id = strings.ToLower(method) + " " + path
	}
	name := naming.Exported(id)
	prefix := naming.Exported(tag)
	if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" && unicode.IsUpper([]rune(rest)[0]) {
		name = rest
	}
	return name
}

// idempotencyHeader returns the header parameter that carries the
// idempotency key, if the operation declares one.
func (b *builder) idempotencyHeader(o *ir.Operation) string {
	for _, p := range o.Params {
		if p.In == ir.InHeader && strings.EqualFold(p.Name, b.cfg.IdempotencyHeader) {
			return p.Name
		}
	}
	return ""
}
