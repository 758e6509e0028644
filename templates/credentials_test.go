package templates

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestQueryAndCookieCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query().Get("api_key"); got != "call-key" {
			t.Errorf("api_key = %q", got)
		}
		if got := r.URL.Query().Get("page"); got != "2" {
			t.Errorf("page = %q", got)
		}
		if c, err := r.Cookie("sid"); err != nil || c.Value != "s3cret" {
			t.Errorf("cookie sid = %v, %v", c, err)
		}
		w.WriteHeader(http.StatusForbidden)
	}))
	defer srv.Close()
	core := newClientCore(srv.URL, []Option{withQueryCredential("api_key", "client-key"), withCookieCredential("sid", "s3cret")})
	op := &operation{method: http.MethodGet, pathTemplate: "/things", path: "/things"}
	op.addQuery("page", "2")
	_, err := core.call(context.Background(), op, nil, []RequestOption{withQueryCredential("api_key", "call-key")})
	if err == nil {
		t.Fatal("a 403 returned no error")
	}
	for _, secret := range []string{"call-key", "client-key", "s3cret"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q shows a credential", err)
		}
	}
	if apiErr, ok := err.(*APIError); !ok || strings.Contains(apiErr.URL, "key") {
		t.Errorf("APIError URL shows the query: %v", err)
	}
	// The client's own credential is untouched by the call's option.
	if got := core.cfg.query.Get("api_key"); got != "client-key" {
		t.Errorf("client query credential = %q", got)
	}
}
