package load

import (
	"context"
	"fmt"
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/diag"
)

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
	for key, list := range map[string]openapi3.SchemaRefs{"allOf": s.AllOf, "anyOf": s.AnyOf, "oneOf": s.OneOf} {
		for i, m := range list {
			if p, e, ok := try(m, fmt.Sprintf("%s/%s/%d", ptr, key, i)); ok {
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
	return diag.Pointer("paths", m[2], toLower(m[1]))
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
