package templates

import (
	"context"
	"math"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second}
	for retry, w := range want {
		if got := backoff(retry, 0); got != w {
			t.Errorf("backoff(%d, 0) = %v, want %v", retry, got, w)
		}
		// The most jitter takes just under a quarter off.
		if got, lo := backoff(retry, math.Nextafter(1, 0)), w*3/4; got < lo || got >= w {
			t.Errorf("backoff(%d, ~1) = %v, want in [%v, %v)", retry, got, lo, w)
		}
	}
	for _, retry := range []int{20, 63, 64, 1000, math.MaxInt} {
		if got := backoff(retry, 0); got != maxBackoff {
			t.Errorf("backoff(%d, 0) = %v, want the cap", retry, got)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		ms, after string
		want      time.Duration
		ok        bool
	}{
		{"", "", 0, false},
		{"", "0", 0, true},
		{"", "2", 2 * time.Second, true},
		{"", "1.5", 1500 * time.Millisecond, true},
		{"", "60", time.Minute, true},
		{"", "61", 0, false},
		{"", "-1", 0, false},
		{"", "NaN", 0, false},
		{"", "+Inf", 0, false},
		{"", "1e300", 0, false},
		{"", now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{"", now.Add(2 * time.Minute).Format(http.TimeFormat), 0, false},
		{"", "next tuesday", 0, false},
		{"200", "", 200 * time.Millisecond, true},
		{"200", "5", 200 * time.Millisecond, true},
		{"120000", "5", 0, false},
		{"soon", "5", 5 * time.Second, true},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.ms != "" {
			h.Set("retry-after-ms", tt.ms)
		}
		if tt.after != "" {
			h.Set("Retry-After", tt.after)
		}
		got, ok := retryAfter(h, now)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("retryAfter(ms %q, after %q) = %v, %v; want %v, %v", tt.ms, tt.after, got, ok, tt.want, tt.ok)
		}
	}
}

func TestShouldRetryHeaderOverride(t *testing.T) {
	for _, tt := range []struct {
		status int
		header string
		want   bool
	}{
		{500, "", true}, {500, "false", false}, {500, "FALSE", false},
		{404, "true", true}, {404, "yes", false}, {204, "true", false}, {302, "true", false},
	} {
		resp := &http.Response{StatusCode: tt.status, Header: http.Header{}}
		if tt.header != "" {
			resp.Header.Set("x-should-retry", tt.header)
		}
		if got := shouldRetry(&attemptResult{resp: resp}); got != tt.want {
			t.Errorf("shouldRetry(%d, %q) = %v, want %v", tt.status, tt.header, got, tt.want)
		}
	}
}

func TestIdempotencyKeyFormat(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		k := newIdempotencyKey()
		if !uuidV4.MatchString(k) || seen[k] {
			t.Fatalf("key %q: not a UUID v4, or repeated", k)
		}
		seen[k] = true
	}
}

func TestTooManyRequestsIsRetriedForPOSTWithoutKey(t *testing.T) {
	for _, tt := range []struct {
		status   int
		wantHits int32
	}{
		{http.StatusTooManyRequests, 2},    // refused without doing the work
		{http.StatusServiceUnavailable, 1}, // may have done it: not repeated
	} {
		var hits atomic.Int32
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			if hits.Add(1) == 1 {
				w.Header().Set("Retry-After", "3")
				reply(w, tt.status, `{}`)
				return
			}
			reply(w, http.StatusOK, `{"jobId":"j"}`)
		})
		c, rec := newTestCore(srv.URL)
		_, err := call(t, c, context.Background(), postOp(""), new(jobResponse))
		if hits.Load() != tt.wantHits {
			t.Errorf("%d: hits = %d (err %v), want %d", tt.status, hits.Load(), err, tt.wantHits)
		}
		if tt.wantHits == 2 && (err != nil || len(rec.got()) != 1 || rec.got()[0] != 3*time.Second) {
			t.Errorf("%d: err = %v, sleeps = %v; want success after waiting 3s", tt.status, err, rec.got())
		}
	}
}
