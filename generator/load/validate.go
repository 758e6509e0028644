package load

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/diag"
)

// validate runs kin-openapi's validation piece by piece, so that each
// problem is placed at the schema or operation it belongs to. A schema
// whose type is not a JSON Schema type is an error; other problems are
// warnings, since the generator can still build a client (an undeclared
// path parameter becomes a string argument). Example mismatches are left
// to spec linters.
func validate(cfg Config, loc *locator, doc *openapi3.T) diag.List {
	ctx := context.Background()
	// Examples, defaults, patterns and formats are for linters: a client
	// can be generated whatever they say, and real specs get them wrong
	// (an example that does not match, a regular expression Go cannot
	// compile). The structure of schemas and operations is checked.
	opts := []openapi3.ValidationOption{
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(),
		openapi3.DisableSchemaPatternValidation(),
		openapi3.DisableSchemaFormatValidation(),
		openapi3.AllowExtensionsWithRef(),
	}
	if doc.IsOpenAPI32OrLater() {
		// Fields 3.2 adds to servers and tags, which this kin-openapi does
		// not know yet.
		opts = append(opts, openapi3.AllowExtraSiblingFields("name", "summary", "kind", "parent"))
	}
	defer componentsOnce(doc)()
	if doc.Validate(ctx, opts...) == nil {
		return nil
	}
	// Piece by piece, the document's version is not known unless told.
	switch {
	case doc.IsOpenAPI32OrLater():
		opts = append(opts, openapi3.IsOpenAPI32OrLater())
	case doc.IsOpenAPI31OrLater():
		opts = append(opts, openapi3.IsOpenAPI31OrLater())
	}
	ctx = openapi3.WithValidationOptions(ctx, opts...)
	var out diag.List
	atPtr := func(sev diag.Severity, err error, ptr string) {
		file, line, col := loc.at(cfg.Path, cfg.Report, ptr)
		out = append(out, diag.Diagnostic{Severity: sev, File: file, Line: line, Col: col, Pointer: ptr, Message: err.Error()})
	}
	if doc.Components != nil {
		for _, name := range sortedKeys(doc.Components.Schemas) {
			if s := doc.Components.Schemas[name]; s != nil && s.Value != nil {
				if ptr, err := deepestInvalid(ctx, s.Value, diag.Pointer("components", "schemas", name), 0); err != nil {
					atPtr(schemaSeverity(err), err, ptr)
				}
			}
		}
	}
	if doc.Paths != nil {
		for _, path := range doc.Paths.InMatchingOrder() {
			item := doc.Paths.Value(path)
			for _, method := range sortedKeys(item.Operations()) {
				op := item.Operations()[method]
				if err := op.Validate(ctx); err != nil {
					opPtr := diag.Pointer("paths", path, strings.ToLower(method))
					if ptr, serr := invalidSchemaOf(ctx, op, opPtr); serr != nil {
						atPtr(schemaSeverity(serr), serr, ptr)
					} else {
						atPtr(diag.Warning, err, opPtr)
					}
				}
			}
		}
	}
	if len(out) == 0 {
		// The problem lies elsewhere (paths, servers, security): report it
		// at the operation it names, else at the document root.
		err := doc.Validate(ctx, opts...)
		if !strings.Contains(err.Error(), "have the same operation id") { // the builder places those
			atPtr(diag.Warning, err, pointerInMessage(err.Error()))
		}
	}
	return out
}

// invalidSchemaOf finds, among the inline schemas of an operation's
// parameters, body and responses, the innermost one that fails validation,
// so a problem is placed at the schema that has it.
func invalidSchemaOf(ctx context.Context, op *openapi3.Operation, ptr string) (string, error) {
	try := func(sr *openapi3.SchemaRef, at string) (string, error) {
		if sr == nil || sr.Ref != "" || sr.Value == nil {
			return "", nil
		}
		return deepestInvalid(ctx, sr.Value, at, 0)
	}
	media := func(content openapi3.Content, at string) (string, error) {
		for _, name := range sortedKeys(content) {
			if mt := content[name]; mt != nil {
				if p, err := try(mt.Schema, at+"/content/"+escape(name)+"/schema"); err != nil {
					return p, err
				}
			}
		}
		return "", nil
	}
	for i, p := range op.Parameters {
		if p == nil || p.Ref != "" || p.Value == nil {
			continue
		}
		at := fmt.Sprintf("%s/parameters/%d", ptr, i)
		if q, err := try(p.Value.Schema, at+"/schema"); err != nil {
			return q, err
		}
		if q, err := media(p.Value.Content, at); err != nil {
			return q, err
		}
	}
	if rb := op.RequestBody; rb != nil && rb.Ref == "" && rb.Value != nil {
		if q, err := media(rb.Value.Content, ptr+"/requestBody"); err != nil {
			return q, err
		}
	}
	if op.Responses != nil {
		for _, status := range sortedKeys(op.Responses.Map()) {
			if r := op.Responses.Value(status); r != nil && r.Ref == "" && r.Value != nil {
				if q, err := media(r.Value.Content, ptr+"/responses/"+escape(status)); err != nil {
					return q, err
				}
			}
		}
	}
	return "", nil
}

// schemaSeverity decides what an invalid schema costs: a type that is
// not a JSON Schema type cannot be mapped to Go and stops generation; other
// problems (a keyword from the wrong OpenAPI version, a discriminator
// without a mapping target) leave a schema the generator can still read.
func schemaSeverity(err error) diag.Severity {
	if msg := err.Error(); strings.Contains(msg, "unsupported 'type'") && !strings.Contains(msg, `"null"`) {
		return diag.Error // "null" is a 3.1 type met in a 3.0 document: read as null
	}
	return diag.Warning
}

// sortedKeys returns the keys of a map in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// deepestInvalid descends from a schema that fails validation to the
// innermost subschema that still fails on its own, so the error points at
// the property that is wrong rather than at the component that holds it.
func deepestInvalid(ctx context.Context, s *openapi3.Schema, ptr string, depth int) (string, error) {
	err := s.Validate(ctx)
	if err == nil || depth > 32 {
		return ptr, err
	}
	try := func(sr *openapi3.SchemaRef, at string) (string, error, bool) {
		if sr == nil || sr.Value == nil || sr.Ref != "" {
			return "", nil, false
		}
		p, e := deepestInvalid(ctx, sr.Value, at, depth+1)
		return p, e, e != nil
	}
	for _, name := range sortedKeys(s.Properties) {
		if p, e, ok := try(s.Properties[name], ptr+"/properties/"+escape(name)); ok {
			return p, e
		}
	}
	if p, e, ok := try(s.Items, ptr+"/items"); ok {
		return p, e
	}
	if p, e, ok := try(s.AdditionalProperties.Schema, ptr+"/additionalProperties"); ok {
		return p, e
	}
	for _, group := range []struct {
		key  string
		list openapi3.SchemaRefs
	}{{"allOf", s.AllOf}, {"anyOf", s.AnyOf}, {"oneOf", s.OneOf}} {
		for i, m := range group.list {
			if p, e, ok := try(m, fmt.Sprintf("%s/%s/%d", ptr, group.key, i)); ok {
				return p, e
			}
		}
	}
	return ptr, err
}

var operationInMessage = regexp.MustCompile(`operation ([A-Z]+) (/\S*)`)

// pointerInMessage finds the operation a document-level message names
// ("operation DELETE /users/{id} must ...") and returns its pointer.
func pointerInMessage(msg string) string {
	m := operationInMessage.FindStringSubmatch(msg)
	if m == nil {
		return "#"
	}
	return diag.Pointer("paths", m[2], strings.ToLower(m[1]))
}
