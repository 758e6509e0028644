package templates

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// hangingServer answers its first request by calling hang, which should
// block until the request is abandoned, and later ones with a JSON result.
func hangingServer(t *testing.T, hang func(w http.ResponseWriter, r *http.Request, release <-chan struct{})) (*atomic.Int32, string) {
	var hits atomic.Int32
	release := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			hang(w, r, release)
			return
		}
		reply(w, http.StatusOK, `{"jobId":"second"}`)
	})
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	return &hits, srv.URL
}

// waitAbandoned blocks until the client gives up on r or the test ends.
func waitAbandoned(r *http.Request, release <-chan struct{}) {
	select {
	case <-r.Context().Done():
	case <-release:
	}
}

func TestHungAttemptIsCutAndRetried(t *testing.T) {
	type hangFunc = func(w http.ResponseWriter, r *http.Request, release <-chan struct{})
	hangs := []struct {
		name string
		hang hangFunc
	}{
		{"before headers", func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) {
			waitAbandoned(r, release)
		}},
		{"in body", func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "100")
			io.WriteString(w, `{"jobId":`)
			w.(http.Flusher).Flush()
			waitAbandoned(r, release)
		}},
	}
	for _, tt := range hangs {
		t.Run(tt.name, func(t *testing.T) {
			hits, url := hangingServer(t, tt.hang)
			c, rec := newTestCore(url, WithRequestTimeout(100*time.Millisecond))
			var out jobResponse
			ok, err := call(t, c, context.Background(), getOp("/x"), &out)
			if err != nil || !ok || out.JobID != "second" {
				t.Fatalf("call = %v, %v, %+v; want the second attempt's result", ok, err, out)
			}
			if hits.Load() != 2 || len(rec.got()) != 1 {
				t.Errorf("hits = %d, sleeps = %v; want 2, one", hits.Load(), rec.got())
			}
		})
	}
}

func TestHungAttemptsExhaustRetries(t *testing.T) {
	var hits atomic.Int32
	release := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		waitAbandoned(r, release)
	})
	t.Cleanup(func() { close(release) })
	c, _ := newTestCore(srv.URL, WithRequestTimeout(20*time.Millisecond), WithMaxRetries(2))
	_, err := call(t, c, context.Background(), getOp("/x"), nil)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "attempt timed out after 20ms") {
		t.Fatalf("err = %v, want context.DeadlineExceeded from the attempt timeout", err)
	}
	if hits.Load() != 3 {
		t.Errorf("hits = %d, want 3", hits.Load())
	}
}

func TestCallerDeadlineIsNotRetried(t *testing.T) {
	hits, url := hangingServer(t, func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) {
		waitAbandoned(r, release)
	})
	c, rec := newTestCore(url)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := call(t, c, ctx, getOp("/x"), nil, WithRequestTimeout(time.Hour))
	if !errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "attempt timed out") {
		t.Fatalf("err = %v, want the caller's context.DeadlineExceeded", err)
	}
	if hits.Load() != 1 || len(rec.got()) != 0 {
		t.Errorf("hits = %d, sleeps = %v; want 1, none", hits.Load(), rec.got())
	}
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		reply(w, http.StatusServiceUnavailable, `{}`)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var asked time.Duration
	sleep := func(ctx context.Context, d time.Duration) error {
		asked = d
		cancel() // the caller gives up while the client waits
		return sleepContext(ctx, d)
	}
	c := newClientCore(srv.URL, []Option{WithBearerToken(testToken), withSleep(sleep)})
	_, err := call(t, c, ctx, getOp("/x"), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if asked != 30*time.Second {
		t.Errorf("asked to wait %v, want 30s", asked)
	}
}

func TestSleepContext(t *testing.T) {
	if err := sleepContext(context.Background(), time.Millisecond); err != nil {
		t.Errorf("short sleep: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sleep = %v, want context.Canceled", err)
	}
}
