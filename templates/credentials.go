package templates

import (
	"errors"
	"net/http"
	"slices"
	"strings"
)

// credential is one secret the client sends: a bearer token, HTTP Basic
// credentials or an API key.
type credential struct {
	// id names the kind of security scheme the credential satisfies:
	// "bearer" (HTTP bearer, OAuth 2 and OpenID Connect), "basic", or
	// "key:" and the scheme's name for an API key.
	id    string
	in    string // "header", "query" or "cookie"
	name  string // the header, query parameter or cookie name
	value string
}

// withCredential adds cred to the client's credentials, replacing an earlier
// one of the same id. The slice is copied, so a call's option never changes
// the client it is passed to.
func withCredential(cred credential) Option {
	return func(c *requestConfig) {
		kept := slices.DeleteFunc(slices.Clone(c.credentials), func(x credential) bool { return x.id == cred.id })
		c.credentials = append(kept, cred)
	}
}

// withAPIKey sets the key of the API-key security scheme named scheme, sent
// in ("header", "query" or "cookie") under name. Errors never show it: they
// leave the query string and the headers out.
func withAPIKey(scheme, in, name, key string) Option {
	return withCredential(credential{id: "key:" + scheme, in: in, name: name, value: key})
}

// credentialsFor returns the credentials to send with op. An operation with
// no security requirements (nil) gets every credential. Otherwise the
// requirements are alternatives, each a set of schemes that must all be
// satisfied: the first alternative whose credentials are all configured is
// sent, and nothing else. An empty alternative makes credentials optional:
// when no other alternative is complete, none is sent. When no alternative
// is complete and none is empty, the configured credentials that any
// alternative names are sent, so the server can say what is missing.
func credentialsFor(op *operation, creds []credential) []credential {
	if op.security == nil || len(creds) == 0 {
		return creds
	}
	index := func(id string) int {
		return slices.IndexFunc(creds, func(c credential) bool { return c.id == id })
	}
	optional := false
	for _, alt := range op.security {
		if len(alt) == 0 {
			optional = true
			continue
		}
		if len(alt) == 1 {
			// The usual requirement, one scheme: no list of its own.
			if i := index(alt[0]); i >= 0 {
				return creds[i : i+1 : i+1]
			}
			continue
		}
		var out []credential
		for _, id := range alt {
			i := index(id)
			if i < 0 {
				out = nil
				break
			}
			out = append(out, creds[i])
		}
		if out != nil {
			return out
		}
	}
	if optional {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(creds), func(c credential) bool {
		return !slices.ContainsFunc(op.security, func(alt []string) bool { return slices.Contains(alt, c.id) })
	})
}

// applyCredentials places creds in the request: headers into h, query
// parameters into op's query, cookies into op's Cookie header. It returns
// the names of the headers that carry a credential other than
// Authorization, which redirects to another host must not forward.
func applyCredentials(op *operation, h http.Header, creds []credential) (secretHeaders []string) {
	for _, c := range creds {
		switch c.in {
		case "query":
			if op.query.Has(c.name) {
				op.query.Set(c.name, c.value)
			} else {
				op.addQuery(c.name, c.value)
			}
		case "cookie":
			op.addCookie(c.name, c.value)
		default:
			h.Set(c.name, c.value)
			if !strings.EqualFold(c.name, "Authorization") {
				secretHeaders = append(secretHeaders, c.name)
			}
		}
	}
	return secretHeaders
}

// errTooManyRedirects is what a guarded client returns after ten redirects,
// as http.Client does by default.
var errTooManyRedirects = errors.New("stopped after 10 redirects")

// guardRedirects returns a copy of hc that drops the headers named by
// secret when it follows a redirect to another host. http.Client already
// drops Authorization and Cookie there, but not an API key header.
func guardRedirects(hc *http.Client, secret []string) *http.Client {
	if len(secret) == 0 {
		return hc
	}
	guarded := *hc
	check := hc.CheckRedirect
	guarded.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > 0 && req.URL.Host != via[0].URL.Host {
			for _, name := range secret {
				req.Header.Del(name)
			}
		}
		if check != nil {
			return check(req, via)
		}
		if len(via) >= 10 {
			return errTooManyRedirects
		}
		return nil
	}
	return &guarded
}
