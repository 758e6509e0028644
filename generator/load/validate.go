package load

import (
	"context"
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
		line, col := loc.position(cfg.Path, ptr)
		out = append(out, diag.Diagnostic{Severity: sev, File: cfg.SpecName, Line: line, Col: col, Pointer: ptr, Message: err.Error()})
	}
	at := func(sev diag.Severity, err error, segs ...string) { atPtr(sev, err, diag.Pointer(segs...)) }
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
				if err := item.Operations()[method].Validate(ctx); err != nil {
					at(diag.Warning, err, "paths", path, strings.ToLower(method))
				}
			}
		}
	}
	if len(out) == 0 {
		// The problem lies elsewhere (paths, servers, security): report it
		// at the operation it names, else at the document root.
		err := doc.Validate(ctx, opts...)
		atPtr(diag.Warning, err, pointerInMessage(err.Error()))
	}
	return out
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
