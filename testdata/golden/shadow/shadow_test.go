package shadow

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Path parameters named like the packages and locals of the generated
// methods travel as themselves, and the iterator still pages.
func TestParametersNamedLikeGoNames(t *testing.T) {
	var uris []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uris = append(uris, r.RequestURI)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("after") == "" {
			io.WriteString(w, `{"items":["a"],"next":"n1"}`)
			return
		}
		io.WriteString(w, `{"items":["b"]}`)
	}))
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL))
	var got []string
	for item, err := range client.Default.GetIter(context.Background(), "o", "u", "h", "c", "x", nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, item)
	}
	if len(got) != 2 || uris[0] != "/o/u/h/c/x" || uris[1] != "/o/u/h/c/x?after=n1" {
		t.Errorf("items %v, requests %v", got, uris)
	}
}
