package templates

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestRedirectToOtherHostDropsAuthorization checks, rather than assumes,
// that net/http drops credentials on a cross-host redirect, also when the
// request went through middleware and carries custom headers.
func TestRedirectToOtherHostDropsAuthorization(t *testing.T) {
	type seen struct{ auth, custom, body string }
	landed := make(chan seen, 1)
	other := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		landed <- seen{r.Header.Get("Authorization"), r.Header.Get("X-Custom"), string(b)}
		w.WriteHeader(http.StatusNoContent)
	})
	// The origin is reached as 127.0.0.1, the other server as localhost:
	// different host names, which is what net/http compares.
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	origin := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/same" {
			http.Redirect(w, r, "/landing", http.StatusTemporaryRedirect)
			return
		}
		if r.URL.Path == "/landing" {
			landed <- seen{r.Header.Get("Authorization"), r.Header.Get("X-Custom"), ""}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		http.Redirect(w, r, otherURL+"/landing", http.StatusTemporaryRedirect)
	})
	passThrough := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		req.Header.Set("X-Custom", "kept")
		return next(req)
	}
	c, _ := newTestCore(origin.URL, WithMiddleware(passThrough))

	op := &operation{method: http.MethodPut, pathTemplate: "/away", path: "/away", body: map[string]int{"n": 1}}
	if _, err := call(t, c, context.Background(), op, nil); err != nil {
		t.Fatal(err)
	}
	if got := <-landed; got.auth != "" || got.custom != "kept" || got.body != `{"n":1}` {
		t.Errorf("other host saw %+v; want no Authorization, the custom header and the body", got)
	}

	if _, err := call(t, c, context.Background(), getOp("/same"), nil); err != nil {
		t.Fatal(err)
	}
	if got := <-landed; got.auth != "Bearer "+testToken {
		t.Errorf("same host saw Authorization %q; want it kept (control case)", got.auth)
	}
}
