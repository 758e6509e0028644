package security

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAPIKeysTextAndStream(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("X-API-Key"); got != "hk" {
			t.Errorf("X-API-Key = %q", got)
		}
		if got := r.URL.Query().Get("key"); got != "qk" {
			t.Errorf("query key = %q", got)
		}
		if c, err := r.Cookie("session"); err != nil || c.Value != "ck" {
			t.Errorf("session cookie = %v, %v", c, err)
		}
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
