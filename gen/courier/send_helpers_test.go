package courier_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oagen/oagen/gen/courier"
	"github.com/oagen/oagen/gen/courier/couriertest"
)

// sendMessage is the message every Send test delivers.
var sendMessage = courier.InboundBulkMessage{Event: "welcome", Data: courier.Value(map[string]any{"campaign": "spring"})}

// sendUser is user i of a test sequence; users differ by their recipient.
func sendUser(i int) courier.InboundBulkMessageUser {
	id := strconv.Itoa(i)
	return courier.InboundBulkMessageUser{
		Recipient: courier.Value("user-" + id),
		Profile:   courier.Value(map[string]any{"email": "user" + id + "@example.com"}),
	}
}

// sendUsers yields users 0..n-1.
func sendUsers(n int) iter.Seq[courier.InboundBulkMessageUser] {
	return func(yield func(courier.InboundBulkMessageUser) bool) {
		for i := range n {
			if !yield(sendUser(i)) {
				return
			}
		}
	}
}

// shortSleep replaces the client's waits between retries: at most a
// millisecond, so that a request still running on the server when its
// retry comes (a 409 for the same key) has time to finish.
func shortSleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(min(d, time.Millisecond))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// noSleep is a SendOptions.Sleep that does not wait.
func noSleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// newSendClient returns a client for url whose retries are many and fast.
func newSendClient(url string, opts ...courier.Option) *courier.Client {
	return courier.NewClient(append([]courier.Option{
		courier.WithBaseURL(url),
		courier.WithMaxRetries(20),
		courier.WithSleepForTest(shortSleep),
	}, opts...)...)
}

// sendOptions are small batches, some concurrency and polls without waits.
func sendOptions() courier.SendOptions {
	return courier.SendOptions{BatchSize: 50, Concurrency: 4, Sleep: noSleep}
}

// serve starts h on 127.0.0.1 and returns its URL.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// storedCounts returns how many times each user 0..n-1 is stored in job id,
// and the number of stored users that are not among them.
func storedCounts(t *testing.T, h *couriertest.Handler, id string, n int) ([]int, int) {
	t.Helper()
	counts, strangers := make([]int, n), 0
	for _, raw := range h.Users(id) {
		var u struct {
			Recipient string `json:"recipient"`
		}
		if err := json.Unmarshal(raw, &u); err != nil {
			t.Fatalf("stored user %s: %v", raw, err)
		}
		i, err := strconv.Atoi(strings.TrimPrefix(u.Recipient, "user-"))
		if err != nil || i < 0 || i >= n {
			strangers++
			continue
		}
		counts[i]++
	}
	return counts, strangers
}

// checkExactlyOnce fails unless job id holds users 0..n-1 once each.
func checkExactlyOnce(t *testing.T, h *couriertest.Handler, id string, n int) {
	t.Helper()
	counts, strangers := storedCounts(t, h, id, n)
	bad := 0
	for i, c := range counts {
		if c != 1 && bad < 10 {
			t.Errorf("user %d stored %d times, want once", i, c)
			bad++
		}
	}
	if strangers > 0 {
		t.Errorf("%d stored users were never sent", strangers)
	}
	if st := h.Stats(); st.DuplicateUsers != 0 {
		t.Errorf("Stats.DuplicateUsers = %d, want 0", st.DuplicateUsers)
	}
}

// keyRecorder passes requests to h and keeps their Idempotency-Key headers.
type keyRecorder struct {
	h    http.Handler
	mu   sync.Mutex
	keys []string
}

func (k *keyRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if key := r.Header.Get("Idempotency-Key"); key != "" {
		k.mu.Lock()
		k.keys = append(k.keys, r.Method+" "+r.URL.Path+" "+key)
		k.mu.Unlock()
	}
	k.h.ServeHTTP(w, r)
}

// failBatch answers status, without running anything, to every add-users
// request of batch n (recognised by its idempotency key); h gets the rest.
func failBatch(h http.Handler, n, status int) http.Handler {
	marker := fmt.Sprintf("/batch/%d/", n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Idempotency-Key"), marker) {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, `{"message":"injected for batch `+strconv.Itoa(n)+`","type":"api_error"}`)
	})
}

// forceJobStatus rewrites the status of every get-job answer of h, the way
// couriertest cannot make a job end in ERROR or report a new status.
func forceJobStatus(h http.Handler, status string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || strings.Count(strings.Trim(r.URL.Path, "/"), "/") != 1 {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		var doc map[string]map[string]any
		if json.Unmarshal(body, &doc) == nil && doc["job"] != nil {
			doc["job"]["status"] = status
			body, _ = json.Marshal(doc)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}
