package templates

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestQueryAndCookieCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query()["api_key"]; !slices.Equal(got, []string{"call-key"}) {
			t.Errorf("api_key = %q, want the call's key once", got)
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
	core := newClientCore(srv.URL, []Option{withAPIKey("q", "query", "api_key", "client-key"), withAPIKey("c", "cookie", "sid", "s3cret")})
	op := &operation{method: http.MethodGet, pathTemplate: "/things", path: "/things"}
	op.addQuery("page", "2")
	_, err := core.call(context.Background(), op, nil, []RequestOption{withAPIKey("q", "query", "api_key", "call-key")})
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
	if got := core.cfg.credentials[0].value; got != "client-key" {
		t.Errorf("client query credential = %q", got)
	}
}

func TestCredentialsFollowSecurityRequirements(t *testing.T) {
	bearer := WithBearerToken("tok")
	basic := WithBasicAuth("u", "p")
	appKey := withAPIKey("app", "header", "X-App-Key", "app-secret")
	queryKey := withAPIKey("q", "query", "key", "query-secret")
	tests := []struct {
		name     string
		security [][]string
		opts     []Option
		want     []string // credential ids sent, in order
	}{
		{"no requirement sends all", nil, []Option{bearer, appKey}, []string{"bearer", "key:app"}},
		{"explicitly public sends none", [][]string{}, []Option{bearer, appKey}, nil},
		{"one scheme", [][]string{{"key:app"}}, []Option{bearer, appKey, queryKey}, []string{"key:app"}},
		{"all of an AND", [][]string{{"bearer", "key:app"}}, []Option{queryKey, appKey, bearer}, []string{"bearer", "key:app"}},
		{"first complete alternative", [][]string{{"bearer", "key:q"}, {"key:app"}, {"basic"}}, []Option{bearer, appKey, basic}, []string{"key:app"}},
		{"order of the spec, not of the options", [][]string{{"basic"}, {"bearer"}}, []Option{bearer, basic}, []string{"basic"}},
		{"optional with a credential", [][]string{{}, {"bearer"}}, []Option{bearer, queryKey}, []string{"bearer"}},
		{"optional without one", [][]string{{}, {"bearer"}}, []Option{queryKey}, nil},
		{"incomplete sends what is named", [][]string{{"bearer", "key:app"}, {"key:q", "basic"}}, []Option{appKey, basic, withAPIKey("other", "header", "X-Other", "x")}, []string{"key:app", "basic"}},
		{"nothing configured", [][]string{{"bearer"}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := newRequestConfig("http://127.0.0.1", tt.opts)
			var got []string
			for _, c := range credentialsFor(&operation{security: tt.security}, cfg.credentials) {
				got = append(got, c.id)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sent %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLaterCredentialReplacesSameKind(t *testing.T) {
	cfg := newRequestConfig("http://127.0.0.1", []Option{WithBearerToken("old"), WithBasicAuth("u", "p"), WithBearerToken("new")})
	op := &operation{method: http.MethodGet, path: "/"}
	p, err := prepareRequest(op, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	// With no requirement both are sent; the one set last holds the header.
	if got := p.header.Get("Authorization"); got != "Bearer new" {
		t.Errorf("Authorization = %q, want the last bearer token", got)
	}
	op = &operation{method: http.MethodGet, path: "/", security: [][]string{{"basic"}}}
	if p, err = prepareRequest(op, &cfg); err != nil {
		t.Fatal(err)
	}
	if got := p.header.Get("Authorization"); !strings.HasPrefix(got, "Basic ") {
		t.Errorf("Authorization = %q, want Basic credentials", got)
	}
}

func TestPublicOperationGetsNoCredential(t *testing.T) {
	seen := make(chan *http.Request, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	core := newClientCore(srv.URL, []Option{WithBearerToken("tok"), withAPIKey("q", "query", "key", "k"), withAPIKey("c", "cookie", "sid", "s")})
	op := &operation{method: http.MethodGet, path: "/login", security: [][]string{}}
	if _, err := core.call(context.Background(), op, nil, nil); err != nil {
		t.Fatal(err)
	}
	r := <-seen
	if r.Header.Get("Authorization") != "" || r.URL.RawQuery != "" || r.Header.Get("Cookie") != "" {
		t.Errorf("public operation got credentials: Authorization %q, query %q, Cookie %q",
			r.Header.Get("Authorization"), r.URL.RawQuery, r.Header.Get("Cookie"))
	}
}

// TestAPIKeyHeaderStaysOnItsHost: a redirect to another host drops an API
// key header as http.Client drops Authorization; one to the same host
// keeps it.
func TestAPIKeyHeaderStaysOnItsHost(t *testing.T) {
	landed := make(chan string, 2)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		landed <- "other:" + r.Header.Get("X-Api-Key")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer other.Close()
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/landing", http.StatusFound)
		case "/here":
			http.Redirect(w, r, "/landing", http.StatusFound)
		default:
			landed <- "origin:" + r.Header.Get("X-Api-Key")
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	defer origin.Close()
	core := newClientCore(origin.URL, []Option{withAPIKey("k", "header", "X-API-Key", "s3cret")})
	for path, want := range map[string]string{"/away": "other:", "/here": "origin:s3cret"} {
		if _, err := core.call(context.Background(), &operation{method: http.MethodGet, path: path}, nil, nil); err != nil {
			t.Fatal(err)
		}
		if got := <-landed; got != want {
			t.Errorf("%s landed as %q, want %q", path, got, want)
		}
	}
}

func TestGuardRedirectsKeepsTheCallersCheck(t *testing.T) {
	calls := 0
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { calls++; return http.ErrUseLastResponse }}
	g := guardRedirects(hc, []string{"X-Key"})
	req := &http.Request{URL: &url.URL{Host: "b"}, Header: http.Header{"X-Key": {"v"}}}
	via := []*http.Request{{URL: &url.URL{Host: "a"}}}
	if err := g.CheckRedirect(req, via); err != http.ErrUseLastResponse || calls != 1 {
		t.Errorf("CheckRedirect = %v after %d calls; want the caller's result", err, calls)
	}
	if req.Header.Get("X-Key") != "" {
		t.Error("the key went to another host")
	}
	if hc.CheckRedirect == nil || guardRedirects(hc, nil) != hc {
		t.Error("guardRedirects changed the caller's client or copied it without need")
	}
	plain := guardRedirects(&http.Client{}, []string{"X-Key"})
	ten := slices.Repeat(via, 10)
	if err := plain.CheckRedirect(req, ten); err != errTooManyRedirects {
		t.Errorf("after 10 redirects: %v", err)
	}
}
