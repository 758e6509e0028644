package paginglocals

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

// The iterator follows page.next while page.more is true, and stops when
// it turns false even though a cursor is still given.
func TestIteratorReadsCursorAndFlagAtTheSameDepth(t *testing.T) {
	var afters []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		after := r.URL.Query().Get("after")
		afters = append(afters, after)
		w.Header().Set("Content-Type", "application/json")
		switch after {
		case "":
			io.WriteString(w, `{"data":["a"],"page":{"next":"c1","more":true}}`)
		case "c1":
			io.WriteString(w, `{"data":["b"],"page":{"next":"c2","more":false}}`)
		default:
			t.Errorf("unexpected request after %q", after)
		}
	}))
	defer srv.Close()
	client := NewClient(WithBaseURL(srv.URL))
	var got []string
	for item, err := range client.Default.ListEventsIter(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, item)
	}
	if !slices.Equal(got, []string{"a", "b"}) || !slices.Equal(afters, []string{"", "c1"}) {
		t.Errorf("items %v, cursors sent %v", got, afters)
	}
}
