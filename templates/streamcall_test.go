package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// chunk is one event of a test stream.
type chunk struct {
	N    int64  `json:"n"`
	Text string `json:"text"`
}

var chunkMembers = objectMembers{names: []string{"n", "text"}}

func (v *chunk) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&chunkMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			c.int64(&v.N)
		case 1:
			c.string(&v.Text)
		}
	}
}

// chunks streams op's events as generated code does.
func chunks(c *clientCore, ctx context.Context, op *operation, opts ...RequestOption) iter.Seq2[chunk, error] {
	return streamEvents(ctx, c, op, (*chunk).moveJSON, opts)
}

// collect runs seq to its end: the events, and the errors it yielded.
func collect(seq iter.Seq2[chunk, error]) ([]chunk, []error) {
	var got []chunk
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, v)
	}
	return got, errs
}

// sseOp is a GET of an event stream.
func sseOp() *operation {
	op := getOp("/events")
	op.accept = "text/event-stream"
	return op
}

// chatOp is a POST of an event stream without an idempotency key.
func chatOp() *operation {
	op := postOp("")
	op.pathTemplate, op.path, op.accept = "/chat", "/chat", "text/event-stream"
	return op
}

// writeSSE writes body as an event stream, flushing after each write.
func writeSSE(w http.ResponseWriter, parts ...string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	w.(http.Flusher).Flush()
	for _, p := range parts {
		io.WriteString(w, p)
		w.(http.Flusher).Flush()
	}
}

// sendMore writes and flushes more of a stream that writeSSE began.
func sendMore(w http.ResponseWriter, s string) {
	io.WriteString(w, s)
	w.(http.Flusher).Flush()
}

func TestStreamEventsSplitAtEveryByte(t *testing.T) {
	body := "\uFEFF: hello\r\nevent: delta\r\nid: 1\r\ndata: {\"n\":1,\r\ndata: \"text\":\"a\"}\r\n\r\n" +
		"data: {\"n\":2,\"text\":\"b\"}\r\rdata: {\"n\":3,\"text\":\"c\"}\n\n"
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "text/event-stream" {
			http.Error(w, "bad accept", http.StatusNotAcceptable)
			return
		}
		parts := make([]string, len(body))
		for i := range body {
			parts[i] = body[i : i+1]
		}
		writeSSE(w, parts...)
	})
	c, _ := newTestCore(srv.URL)
	var names, ids []string
	got, errs := collect(chunks(c, context.Background(), sseOp(), WithStreamEvents(func(name, id string) {
		names, ids = append(names, name), append(ids, id)
	})))
	want := []chunk{{1, "a"}, {2, "b"}, {3, "c"}}
	if len(errs) != 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, errors %v; want %v", got, errs, want)
	}
	if !reflect.DeepEqual(names, []string{"delta", "message", "message"}) || !reflect.DeepEqual(ids, []string{"1", "1", "1"}) {
		t.Errorf("names %q, ids %q", names, ids)
	}
}

func TestStreamEventsDoneEndsWhileServerStaysOpen(t *testing.T) {
	closed := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeSSE(w, "data: {\"n\":1}\n\n", "data: [DONE]\n\n")
		<-r.Context().Done() // the client must hang up, not wait for the end
		close(closed)
	})
	c, _ := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), chatOp()))
	if len(errs) != 0 || len(got) != 1 {
		t.Fatalf("got %v, errors %v; want one event and no error", got, errs)
	}
	waitClosed(t, closed)
}

// waitClosed fails the test if the server never sees the client hang up.
func waitClosed(t *testing.T, closed <-chan struct{}) {
	t.Helper()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the client never closed the stream")
	}
}

func TestStreamEventsAPIError(t *testing.T) {
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		reply(w, http.StatusBadRequest, `{"message":"bad model","type":"invalid"}`)
	})
	c, _ := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), chatOp()))
	var apiErr *APIError
	if len(got) != 0 || len(errs) != 1 || !errors.As(errs[0], &apiErr) {
		t.Fatalf("got %v, errors %v; want one *APIError", got, errs)
	}
	if apiErr.StatusCode != 400 || apiErr.Detail.(*badRequest).Message != "bad model" || hits.Load() != 1 {
		t.Errorf("error %+v after %d requests", apiErr, hits.Load())
	}
}

func TestStreamEventsRetries429ForPOST(t *testing.T) {
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "2")
			reply(w, http.StatusTooManyRequests, `{"message":"slow down"}`)
			return
		}
		writeSSE(w, "data: {\"n\":1}\n\n")
	})
	c, rec := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), chatOp()))
	if len(errs) != 0 || len(got) != 1 || hits.Load() != 2 {
		t.Fatalf("got %v, errors %v after %d requests", got, errs, hits.Load())
	}
	if d := rec.got(); len(d) != 1 || d[0] != 2*time.Second {
		t.Errorf("sleeps = %v, want [2s]", d)
	}
}

func TestStreamEventsEnds(t *testing.T) {
	for _, tt := range []struct {
		name    string
		parts   []string
		abort   bool
		wantN   int
		wantErr bool
	}{
		{"clean end", []string{"data: {\"n\":1}\n\n", ": bye\n"}, false, 1, false},
		{"ends mid-event", []string{"data: {\"n\":1}\n\n", "data: {\"n\":"}, false, 1, true},
		{"connection cut", []string{"data: {\"n\":1}\n\n", "data: {\"n\":2"}, true, 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				writeSSE(w, tt.parts...)
				if tt.abort {
					panic(http.ErrAbortHandler)
				}
			})
			c, _ := newTestCore(srv.URL)
			got, errs := collect(chunks(c, context.Background(), chatOp()))
			if len(got) != tt.wantN || (len(errs) == 1) != tt.wantErr || len(errs) > 1 {
				t.Fatalf("got %v, errors %v", got, errs)
			}
			if tt.wantErr && !strings.Contains(errs[0].Error(), "POST /chat") {
				t.Errorf("error %q does not name the operation", errs[0])
			}
		})
	}
}

// endlessServer streams events until the client hangs up, then closes
// the returned channel.
func endlessServer(t *testing.T) (string, <-chan struct{}) {
	closed := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		defer close(closed)
		writeSSE(w)
		for i := 0; ; i++ {
			if _, err := fmt.Fprintf(w, "data: {\"n\":%d}\n\n", i); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			default:
			}
		}
	})
	return srv.URL, closed
}

func TestStreamEventsBreakClosesBody(t *testing.T) {
	url, closed := endlessServer(t)
	before := runtime.NumGoroutine() // the server is listening already
	c, _ := newTestCore(url)
	n := 0
	for v, err := range chunks(c, context.Background(), sseOp()) {
		if err != nil || v.N != int64(n) {
			t.Fatalf("event %d: %v, %v", n, v, err)
		}
		if n++; n == 3 {
			break
		}
	}
	waitClosed(t, closed)
	if err := waitForGoroutines(before); err != nil {
		t.Error(err) // the connection's goroutines outlived the loop
	}
}

func TestStreamEventsContextCancel(t *testing.T) {
	url, closed := endlessServer(t)
	c, _ := newTestCore(url)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var errs []error
	for _, err := range chunks(c, ctx, sseOp()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n++; n == 3 {
			cancel()
		}
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Fatalf("errors %v, want one context.Canceled", errs)
	}
	waitClosed(t, closed)
}

func TestStreamEventsIdleTimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeSSE(w, "data: {\"n\":1}\n\n")
		waitAbandoned(r, release) // silent from now on
	})
	c, _ := newTestCore(srv.URL, WithRequestTimeout(300*time.Millisecond))
	got, errs := collect(chunks(c, context.Background(), chatOp()))
	if len(got) != 1 || len(errs) != 1 || !errors.Is(errs[0], context.DeadlineExceeded) {
		t.Fatalf("got %v, errors %v; want one event, then a deadline error", got, errs)
	}
}

func TestStreamEventsSlowConsumerAndHeartbeatsAreNotCut(t *testing.T) {
	next := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeSSE(w, "data: {\"n\":1}\n\n")
		<-next         // the client took longer than the timeout to come back
		for range 60 { // longer in all than the timeout, never silent for long
			sendMore(w, ": still thinking\n")
			time.Sleep(10 * time.Millisecond)
		}
		sendMore(w, "data: {\"n\":2}\n\n")
	})
	const timeout = 400 * time.Millisecond
	c, _ := newTestCore(srv.URL, WithRequestTimeout(timeout))
	var got []chunk
	for v, err := range chunks(c, context.Background(), chatOp()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
		if len(got) == 1 {
			time.Sleep(2 * timeout) // reading is paused: the idle timer is not running
			close(next)
		}
	}
	if len(got) != 2 {
		t.Fatalf("got %v, want two events", got)
	}
}

func TestStreamEventsOversized(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeSSE(w, "data: {\"n\":1}\n\n", "data: {\"text\":\""+strings.Repeat("x", 4096)+"\"}\n\n")
	})
	c, _ := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), chatOp(), WithMaxEventSize(1024)))
	if len(got) != 1 || len(errs) != 1 || !errors.Is(errs[0], errLineTooLong) {
		t.Fatalf("got %v, errors %v; want one event, then errLineTooLong", got, errs)
	}
}

func TestStreamEventsDecodeError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeSSE(w, "data: {\"n\":1}\n\n", "data: {\"n\":\"one\"}\n\n", "data: {\"n\":3}\n\n")
	})
	c, _ := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), chatOp()))
	var de *DecodeError
	if len(got) != 1 || len(errs) != 1 || !errors.As(errs[0], &de) {
		t.Fatalf("got %v, errors %v; want one event, then a *DecodeError", got, errs)
	}
	if de.Snippet != `{"n":"one"}` || de.ContentType != "text/event-stream" {
		t.Errorf("DecodeError %+v", de)
	}
}

func TestStreamEventsJSONLines(t *testing.T) {
	for _, ct := range []string{"application/jsonl", "application/x-ndjson", "application/json-seq"} {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			io.WriteString(w, "{\"n\":1}\r\n\n\x1e{\"n\":2,\n")
			w.(http.Flusher).Flush()
			io.WriteString(w, "\"text\":\"x\"}\n  \n{\"n\":3}") // no ending on the last line
		})
		c, _ := newTestCore(srv.URL)
		op := getOp("/log")
		op.accept = ct
		got, errs := collect(chunks(c, context.Background(), op))
		// A JSON value spread over lines is not JSON Lines: the second
		// line fails to decode.
		if len(got) != 1 || len(errs) != 1 {
			t.Errorf("%s: got %v, errors %v", ct, got, errs)
		}
	}
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		io.WriteString(w, "{\"n\":1}\r\n\n\x1e{\"n\":2}\n  \n{\"n\":3}")
	})
	c, _ := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), getOp("/log")))
	if want := []chunk{{N: 1}, {N: 2}, {N: 3}}; len(errs) != 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, errors %v; want %v", got, errs, want)
	}
}

func TestStreamEventsPlainJSONIsOneEvent(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, "{\n\"n\": 7\n}")
	})
	c, _ := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), chatOp()))
	if len(errs) != 0 || !reflect.DeepEqual(got, []chunk{{N: 7}}) {
		t.Errorf("got %v, errors %v", got, errs)
	}
}
