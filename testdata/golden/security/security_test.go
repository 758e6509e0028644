package security

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// seen is what one request carried of each credential.
type seen struct{ header, query, cookie, auth string }

func record(r *http.Request) seen {
	s := seen{header: r.Header.Get("X-API-Key"), query: r.URL.Query().Get("key"), auth: r.Header.Get("Authorization")}
	if c, err := r.Cookie("session"); err == nil {
		s.cookie = c.Value
	}
	return s
}

func TestAPIKeysTextAndStream(t *testing.T) {
	got := make(map[string]seen)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got[r.URL.Path] = record(r)
		switch r.URL.Path {
		case "/things":
			io.WriteString(w, "plain text")
		case "/things/t%2F1/blob", "/things/t/1/blob":
			if c, err := r.Cookie("sid"); err != nil || c.Value != "s1" {
				t.Errorf("sid cookie = %v, %v", c, err)
			}
			if got := r.Header.Get("Accept"); got != "application/octet-stream" {
				t.Errorf("Accept = %q", got)
			}
			io.WriteString(w, "\x00\x01binary")
		default:
			t.Errorf("unexpected path %s", r.URL.Path)
		}
	}))
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL), WithAPIKey("hk"), WithQueryKey("qk"), WithSessionKey("ck"))
	text, err := client.Default.ListThings(context.Background())
	if err != nil || text != "plain text" {
		t.Fatalf("text = %q, %v", text, err)
	}
	blob, err := client.Default.GetBlob(context.Background(), "t/1", &DefaultGetBlobRequest{Sid: "s1"})
	if err != nil {
		t.Fatal(err)
	}
	defer blob.Close()
	b, _ := io.ReadAll(blob)
	if string(b) != "\x00\x01binary" {
		t.Errorf("blob = %q", b)
	}
	// listThings needs query_key AND session; the header key is not sent.
	if g := got["/things"]; g != (seen{query: "qk", cookie: "ck"}) {
		t.Errorf("/things got %+v", g)
	}
	// getBlob takes the document's api_key OR bearer: the key alone.
	if g := got["/things/t/1/blob"]; g != (seen{header: "hk"}) {
		t.Errorf("blob got %+v", g)
	}
}

func TestSecurityAlternatives(t *testing.T) {
	got := make(map[string]seen)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got[r.URL.Path] = record(r)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	ctx := context.Background()
	all := NewClient(WithBaseURL(srv.URL), WithAPIKey("hk"), WithQueryKey("qk"), WithSessionKey("ck"), WithBearerToken("tok"))
	if err := all.Default.Health(ctx); err != nil {
		t.Fatal(err)
	}
	if g := got["/health"]; g != (seen{}) {
		t.Errorf("public /health got %+v", g)
	}
	if err := all.Default.Maybe(ctx); err != nil {
		t.Fatal(err)
	}
	if g := got["/maybe"]; g != (seen{auth: "Bearer tok"}) {
		t.Errorf("/maybe with a token got %+v", g)
	}
	keyOnly := NewClient(WithBaseURL(srv.URL), WithAPIKey("hk"))
	if err := keyOnly.Default.Maybe(ctx); err != nil {
		t.Fatal(err)
	}
	if g := got["/maybe"]; g != (seen{}) {
		t.Errorf("/maybe without a token got %+v", g)
	}
	// Digest is set by hand; no configured credential goes along.
	if err := all.Default.DigestOnly(ctx, WithHeader("Authorization", "Digest x")); err != nil {
		t.Fatal(err)
	}
	if g := got["/digest"]; g != (seen{auth: "Digest x"}) {
		t.Errorf("/digest got %+v", g)
	}
	// Only a bearer token: getBlob's second alternative.
	tokenOnly := NewClient(WithBaseURL(srv.URL), WithBearerToken("tok"))
	blob, err := tokenOnly.Default.GetBlob(ctx, "b", nil)
	if err != nil {
		t.Fatal(err)
	}
	blob.Close()
	if g := got["/things/b/blob"]; g != (seen{auth: "Bearer tok"}) {
		t.Errorf("blob with a token got %+v", g)
	}
}

func TestServerVariablesDefault(t *testing.T) {
	if DefaultBaseURL != "https://eu.keys.example/v2" {
		t.Errorf("DefaultBaseURL = %s", DefaultBaseURL)
	}
}

func TestServerURL(t *testing.T) {
	for _, tt := range []struct{ region, version, want string }{
		{"", "", "https://eu.keys.example/v2"},
		{"us", "", "https://us.keys.example/v2"},
		{"us", "v3", "https://us.keys.example/v3"},
	} {
		if got := ServerURL(tt.region, tt.version); got != tt.want {
			t.Errorf("ServerURL(%q, %q) = %s, want %s", tt.region, tt.version, got, tt.want)
		}
	}
}
