package openapi32

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestQueryAndCustomMethods(t *testing.T) {
	var got []string
	attempts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.Path+" "+string(b))
		if r.Method == "QUERY" {
			if attempts++; attempts == 1 {
				w.WriteHeader(http.StatusServiceUnavailable) // QUERY is safe: retried
				return
			}
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `[{"id":"a","tags":null}]`)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithMaxRetries(1))
	items, err := c.Items.SearchItems(context.Background(), &ItemsSearchItemsRequest{Text: Some("x")})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ID != "a" {
		t.Errorf("items = %+v", items)
	}
	if err := c.Items.PurgeItems(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{`QUERY /items {"text":"x"}`, `QUERY /items {"text":"x"}`, "PURGE /items "}
	if len(got) != len(want) {
		t.Fatalf("requests = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d = %q, want %q", i, got[i], want[i])
		}
	}
}
