package templates

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func noSleep(context.Context, time.Duration) error { return nil }

func TestStreamRetriesThenHandsBackTheBody(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "application/octet-stream" {
			t.Errorf("Accept = %q", r.Header.Get("Accept"))
		}
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, strings.Repeat("x", 100_000))
	}))
	defer srv.Close()
	core := newClientCore(srv.URL, []Option{withSleep(noSleep)})
	op := &operation{method: http.MethodGet, pathTemplate: "/blob", path: "/blob", accept: "application/octet-stream"}
	body, err := core.callStream(context.Background(), op, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	b, err := io.ReadAll(body)
	if err != nil || len(b) != 100_000 {
		t.Fatalf("read %d bytes, err %v", len(b), err)
	}
	if hits.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", hits.Load())
	}
}

func TestStreamErrorIsAPIError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"no such blob"}`)
	}))
	defer srv.Close()
	core := newClientCore(srv.URL, nil)
	_, err := core.callText(context.Background(), &operation{method: http.MethodGet, pathTemplate: "/blob", path: "/blob"}, nil)
	apiErr, ok := err.(*APIError)
	if !ok || apiErr.StatusCode != http.StatusNotFound || apiErr.Message != "no such blob" {
		t.Fatalf("err = %v (%T)", err, err)
	}
}

func TestRawBodyCookiesAndText(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		if got := r.Header.Get("Cookie"); got != "session=abc; theme=dark" {
			t.Errorf("Cookie = %q", got)
		}
		if got := r.Header.Get("Content-Type"); got != "text/plain" {
			t.Errorf("Content-Type = %q", got)
		}
		if len(bodies) == 1 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		io.WriteString(w, "stored")
	}))
	defer srv.Close()
	core := newClientCore(srv.URL, []Option{withSleep(noSleep)})
	op := &operation{method: http.MethodPut, pathTemplate: "/notes", path: "/notes",
		rawBody: strings.NewReader("hello"), contentType: "text/plain"}
	op.addCookie("session", "abc")
	op.addCookie("theme", "dark")
	got, err := core.callText(context.Background(), op, nil)
	if err != nil || got != "stored" {
		t.Fatalf("text = %q, %v", got, err)
	}
	if len(bodies) != 2 || bodies[0] != "hello" || bodies[1] != "hello" {
		t.Errorf("bodies = %q, want the raw body twice", bodies)
	}
}
