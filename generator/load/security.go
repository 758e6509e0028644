package load

import (
	"strings"

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
		switch strings.ToLower(s.Type) {
		case "apikey":
			in := ir.ParamIn(strings.ToLower(s.In))
			if in != ir.InHeader && in != ir.InQuery && in != ir.InCookie {
				b.warn(ptr, "API key in %q is not supported; set it with WithHeader", s.In)
				continue
			}
			opt := "With" + naming.Exported(name)
			if !strings.HasSuffix(strings.ToLower(opt), "key") {
				opt += "Key"
			}
			out = append(out, &ir.APIKey{Scheme: name, Option: b.scope.Claim(opt), In: in, Name: s.Name, Doc: s.Description})
		case "http":
			if sch := strings.ToLower(s.Scheme); sch != "bearer" && sch != "basic" {
				b.warn(ptr, "HTTP auth scheme %q is not supported; set the Authorization header with WithHeader", s.Scheme)
			}
		}
	}
	return out
}
