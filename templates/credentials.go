package templates

import (
	"net/http"
	"net/url"
	"slices"
)

// withQueryCredential sends name=value in the query of every request: an
// API key the API description places in the query. Errors never show it:
// they leave the query string out.
func withQueryCredential(name, value string) Option {
	return func(c *requestConfig) {
		q := make(url.Values, len(c.query)+1)
		for k, vs := range c.query {
			q[k] = slices.Clone(vs)
		}
		q.Set(name, value)
		c.query = q
	}
}

// withCookieCredential sends the cookie name=value with every request: an
// API key the API description places in a cookie.
func withCookieCredential(name, value string) Option {
	return func(c *requestConfig) {
		kept := slices.DeleteFunc(slices.Clone(c.cookies), func(x *http.Cookie) bool { return x.Name == name })
		c.cookies = append(kept, &http.Cookie{Name: name, Value: value})
	}
}
