package templates

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestStreamEventsReconnectsGETWithLastEventID(t *testing.T) {
	var hits atomic.Int32
	var lastID atomic.Value
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch hits.Add(1) {
		case 1:
			writeSSE(w, "retry: 1234\nid: a1\ndata: {\"n\":1}\n\n", "data: {\"n\":")
			panic(http.ErrAbortHandler) // the connection drops mid-event
		case 2:
			lastID.Store(r.Header.Get("Last-Event-ID"))
			writeSSE(w, "id: a2\ndata: {\"n\":2}\n\n")
		}
	})
	c, rec := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), sseOp()))
	if want := []chunk{{N: 1}, {N: 2}}; len(errs) != 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, errors %v; want %v", got, errs, want)
	}
	if lastID.Load() != "a1" || !reflect.DeepEqual(rec.got(), []time.Duration{1234 * time.Millisecond}) {
		t.Errorf("Last-Event-ID %v, sleeps %v; want a1, [1.234s]", lastID.Load(), rec.got())
	}
}

func TestStreamEventsPOSTDoesNotReconnect(t *testing.T) {
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeSSE(w, "data: {\"n\":1}\n\n", "data: {")
		panic(http.ErrAbortHandler)
	})
	c, _ := newTestCore(srv.URL)
	got, errs := collect(chunks(c, context.Background(), chatOp()))
	if len(got) != 1 || len(errs) != 1 || hits.Load() != 1 {
		t.Fatalf("got %v, errors %v after %d requests", got, errs, hits.Load())
	}
}

func TestStreamEventsReconnectsUpToMaxRetries(t *testing.T) {
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			writeSSE(w, "id: 1\ndata: {\"n\":1}\n\n")
		} else {
			writeSSE(w) // later connections drop before any event
		}
		panic(http.ErrAbortHandler)
	})
	c, rec := newTestCore(srv.URL, WithMaxRetries(2))
	got, errs := collect(chunks(c, context.Background(), sseOp()))
	if len(got) != 1 || len(errs) != 1 || !errors.Is(errs[0], io.ErrUnexpectedEOF) {
		t.Fatalf("got %v, errors %v; want one event, then the drop", got, errs)
	}
	if hits.Load() != 3 || len(rec.got()) != 2 {
		t.Errorf("%d requests, sleeps %v; want 3 and 2: two reconnects in a row failed", hits.Load(), rec.got())
	}
}

func TestStreamEventsMillionEventsFlatMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("a million events")
	}
	const total = 1_000_000
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		buf := make([]byte, 0, 64<<10)
		for i := range total {
			buf = fmt.Appendf(buf, "data: {\"n\":%d,\"text\":\"tok\"}\n\n", i)
			if len(buf) > 60<<10 || i == total-1 {
				if _, err := w.Write(buf); err != nil {
					return
				}
				buf = buf[:0]
			}
		}
	})
	c, _ := newTestCore(srv.URL)
	heapInuse := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	var before, after uint64 // measured while the stream is live
	n := 0
	for v, err := range chunks(c, context.Background(), sseOp()) {
		if err != nil || v.N != int64(n) {
			t.Fatalf("event %d: %v, %v", n, v, err)
		}
		switch n++; n {
		case 1000:
			before = heapInuse()
		case total - 1000:
			after = heapInuse()
		}
	}
	if n != total {
		t.Fatalf("%d events, want %d", n, total)
	}
	if after > before+8<<20 {
		t.Errorf("heap in use grew from %d to %d bytes over %d events", before, after, total)
	}
}

func TestStreamEventsKeptValuesDoNotShareTheReadBuffer(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeSSE(w, "data: {\"a\":[1,\"x\"]}\n\n", "data: {\"b\":2}\n\n", "data: \"zz\"\n\n")
	})
	c, _ := newTestCore(srv.URL)
	var raws []string
	var kept []json.RawMessage
	for v, err := range streamEvents(context.Background(), c, sseOp(), rawValue, nil) {
		if err != nil {
			t.Fatal(err)
		}
		raws, kept = append(raws, string(v)), append(kept, v)
	}
	var anys []any
	for v, err := range streamEvents(context.Background(), c, sseOp(), anyValue, nil) {
		if err != nil {
			t.Fatal(err)
		}
		anys = append(anys, v)
	}
	for i := range kept {
		if string(kept[i]) != raws[i] {
			t.Errorf("event %d changed after later events: %s, was %s", i, kept[i], raws[i])
		}
	}
	want := []any{map[string]any{"a": []any{float64(1), "x"}}, map[string]any{"b": float64(2)}, "zz"}
	if !reflect.DeepEqual(anys, want) || len(raws) != 3 {
		t.Errorf("any events %#v, raw %q", anys, raws)
	}
}
