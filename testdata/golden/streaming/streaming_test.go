package streaming

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCreateStreamAsksForEventsAndDecodesChunks(t *testing.T) {
	var accept, body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: {\"id\":\"c1\",\"delta\":\"Hel\"}\n\ndata: {\"id\":\"c1\",\"delta\":\"lo\"}\n\ndata: [DONE]\n\n")
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	var text strings.Builder
	for chunk, err := range c.Chat.CreateStream(context.Background(), &ChatCreateRequest{Model: "m", Stream: Some(true)}) {
		if err != nil {
			t.Fatal(err)
		}
		text.WriteString(chunk.Delta.Value)
	}
	if text.String() != "Hello" || accept != "text/event-stream" || body != `{"model":"m","stream":true}` {
		t.Errorf("text %q, Accept %q, body %s", text.String(), accept, body)
	}
}

func TestRespondStreamYieldsUnionEvents(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: response.output_text.delta\ndata: {\"type\":\"text.delta\",\"delta\":\"a\"}\n\n"+
			"event: response.completed\ndata: {\"type\":\"done\",\"usage\":3}\n\n")
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	var names []string
	var deltas string
	var usage int64
	for ev, err := range c.Chat.RespondStream(context.Background(), nil, WithStreamEvents(func(name, id string) {
		names = append(names, name)
	})) {
		if err != nil {
			t.Fatal(err)
		}
		if d, ok := ev.AsTextDelta(); ok {
			deltas += d.Delta
		}
		if d, ok := ev.AsDone(); ok {
			usage = d.Usage.Value
		}
	}
	if deltas != "a" || usage != 3 || strings.Join(names, ",") != "response.output_text.delta,response.completed" {
		t.Errorf("deltas %q, usage %d, names %q", deltas, usage, names)
	}
}

func TestTailStreamReadsJSONLinesAndErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/logs/missing" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"no such app"}`)
			return
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		io.WriteString(w, "{\"level\":\"info\",\"message\":\"up\"}\n{\"level\":\"warn\",\"message\":\"slow\"}\n")
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL))
	var levels []string
	for line, err := range c.Logs.TailStream(context.Background(), "web", &LogsTailRequest{Since: "1h"}) {
		if err != nil {
			t.Fatal(err)
		}
		levels = append(levels, line.Level.Value)
	}
	if strings.Join(levels, ",") != "info,warn" {
		t.Errorf("levels %q", levels)
	}
	var apiErr *APIError
	for _, err := range c.Logs.TailStream(context.Background(), "missing", nil) {
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
			t.Errorf("err = %v, want a 404 *APIError", err)
		}
	}
	if apiErr == nil {
		t.Error("no error yielded for a 404")
	}
}
