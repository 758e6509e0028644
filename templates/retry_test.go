package templates

import (
	"context"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
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

// Every attempt sends the call's headers as prepared, whether the attempts
// share one header map (nothing can change it) or each get a copy: a
// cookie jar adds its cookies to each attempt, once, and a middleware's
// header on one attempt does not leak into the next.
func TestRetriesSendPreparedHeaders(t *testing.T) {
	var mu sync.Mutex
	var cookies, marks []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		cookies = append(cookies, r.Header.Get("Cookie"))
		marks = append(marks, strings.Join(r.Header.Values("X-Attempt"), ","))
		n := len(cookies)
		mu.Unlock()
		if n%2 == 1 {
			reply(w, http.StatusTooManyRequests, `{}`)
			return
		}
		reply(w, http.StatusOK, `{"jobId":"j"}`)
	})
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: "s1"}})
	attempt := 0
	mark := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		attempt++
		req.Header.Add("X-Attempt", strconv.Itoa(attempt))
		return next(req)
	}
	for _, tc := range []struct {
		name string
		opts []Option
	}{
		{"shared", nil},
		{"jar", []Option{WithHTTPClient(&http.Client{Jar: jar})}},
		{"middleware", []Option{WithMiddleware(mark)}},
	} {
		cookies, marks, attempt = nil, nil, 0
		c, _ := newTestCore(srv.URL, tc.opts...)
		if _, err := call(t, c, context.Background(), postOp(""), new(jobResponse)); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		wantCookie, wantMarks := "", []string{"", ""}
		switch tc.name {
		case "jar":
			wantCookie = "session=s1"
		case "middleware":
			wantMarks = []string{"1", "2"}
		}
		if len(cookies) != 2 || cookies[0] != wantCookie || cookies[1] != wantCookie {
			t.Errorf("%s: cookies sent %q, want %q on both attempts", tc.name, cookies, wantCookie)
		}
		if !slices.Equal(marks, wantMarks) {
			t.Errorf("%s: X-Attempt sent %q, want %q", tc.name, marks, wantMarks)
		}
	}
}
