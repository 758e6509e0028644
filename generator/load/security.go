package load

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// apiKeys gives every API-key security scheme an option that sets its key:
// scheme "api_key" in header X-API-Key -> WithAPIKey(key string) Option.
// HTTP bearer and basic schemes, and OAuth 2 and OpenID Connect (whose
// tokens travel as bearer tokens), are served by the runtime's
// WithBearerToken and WithBasicAuth.
func (b *builder) apiKeys() []*ir.APIKey {
	if b.doc.Components == nil {
		return nil
	}
	var out []*ir.APIKey
	for _, name := range sortedKeys(b.doc.Components.SecuritySchemes) {
		ref := b.doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		ptr := diag.Pointer("components", "securitySchemes", name)
		id, _ := b.credentialID(name)
		switch strings.ToLower(s.Type) {
		case "apikey":
			if id == "" {
				b.warn(ptr, "API key in %q is not supported; set it with WithHeader", s.In)
				continue
			}
			opt := "With" + naming.Exported(name)
			if !strings.HasSuffix(strings.ToLower(opt), "key") {
				opt += "Key"
			}
			out = append(out, &ir.APIKey{Scheme: name, Option: b.claim(ptr, opt), In: ir.ParamIn(strings.ToLower(s.In)), Name: s.Name, Doc: s.Description})
		case "http":
			if id == "" {
				b.warn(ptr, "HTTP auth scheme %q is not supported; set the Authorization header with WithHeader", s.Scheme)
			}
		}
	}
	return out
}

// security returns the operation's security requirements as the runtime's
// credential ids: alternatives, each a sorted set of "bearer", "basic" or
// "key:<scheme>". It is nil when neither the operation nor the document
// states a requirement, or when the document states an empty one: every
// configured credential is then sent. An operation's own empty list
// (`security: []`) marks it public and is kept as an empty, non-nil slice.
// Schemes the client has no option for (mutual TLS, other HTTP schemes,
// API keys elsewhere than a header, query or cookie) are left out of their
// alternative: the caller supplies those with WithHeader.
func (b *builder) security(op *openapi3.Operation, ptr string) [][]string {
	reqs, at := b.doc.Security, "#/security"
	if op.Security != nil {
		reqs, at = *op.Security, ptr+"/security"
	} else if len(reqs) == 0 {
		return nil
	}
	out := make([][]string, 0, len(reqs))
	for i, req := range reqs {
		alt := []string{}
		for _, name := range sortedKeys(req) {
			id, ok := b.credentialID(name)
			if !ok {
				b.warn(fmt.Sprintf("%s/%d/%s", at, i, escape(name)), "security scheme %q is not declared in components.securitySchemes; ignored", name)
				continue
			}
			if id != "" && !slices.Contains(alt, id) {
				alt = append(alt, id)
			}
		}
		slices.Sort(alt)
		if !slices.ContainsFunc(out, func(x []string) bool { return slices.Equal(x, alt) }) {
			out = append(out, alt)
		}
	}
	return out
}

// credentialID maps a security scheme to the runtime's credential id; ""
// for a scheme with no option. ok is false when the scheme is not declared.
func (b *builder) credentialID(name string) (id string, ok bool) {
	if b.doc.Components == nil {
		return "", false
	}
	ref := b.doc.Components.SecuritySchemes[name]
	if ref == nil || ref.Value == nil {
		return "", false
	}
	s := ref.Value
	switch strings.ToLower(s.Type) {
	case "apikey":
		switch ir.ParamIn(strings.ToLower(s.In)) {
		case ir.InHeader, ir.InQuery, ir.InCookie:
			return "key:" + name, true
		}
	case "http":
		switch strings.ToLower(s.Scheme) {
		case "bearer":
			return "bearer", true
		case "basic":
			return "basic", true
		}
	case "oauth2", "openidconnect":
		return "bearer", true
	}
	return "", true
}
