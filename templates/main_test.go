package templates

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// testToken is the bearer token every test client sends; no error text may
// contain it.
const testToken = "sk-test-3f9a7c1e-DO-NOT-LEAK"

// TestMain fails the run when goroutines outlive the tests. Not when
// fuzzing: the fuzzing engine leaves a signal handler running.
func TestMain(m *testing.M) {
	before := runtime.NumGoroutine()
	code := m.Run()
	if fuzz := flag.Lookup("test.fuzz"); code == 0 && (fuzz == nil || fuzz.Value.String() == "") {
		if err := waitForGoroutines(before); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// waitForGoroutines waits a bounded while for the goroutine count to drop
// back to want, closing idle keep-alive connections on the way.
func waitForGoroutines(want int) error {
	for range 100 {
		http.DefaultTransport.(*http.Transport).CloseIdleConnections()
		if runtime.NumGoroutine() <= want {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	return fmt.Errorf("goroutine leak: %d before the tests, %d after:\n%s", want, runtime.NumGoroutine(), buf)
}

// sleepRecorder stands in for the sleeper: it records each delay and
// returns at once (with ctx's error if it is done).
type sleepRecorder struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.delays...)
}

// newTestCore returns a core for baseURL that sends testToken, records its
// sleeps and uses no jitter; opts come last.
func newTestCore(baseURL string, opts ...Option) (*clientCore, *sleepRecorder) {
	rec := &sleepRecorder{}
	base := []Option{
		WithBearerToken(testToken),
		withSleep(rec.sleep),
		withJitter(func() float64 { return 0 }),
	}
	return newClientCore(baseURL, append(base, opts...)), rec
}

// call runs c.call and fails the test if the error text holds the token.
func call(t *testing.T, c *clientCore, ctx context.Context, op *operation, out any, opts ...RequestOption) (bool, error) {
	t.Helper()
	ok, err := c.call(ctx, op, out, opts)
	if err != nil && strings.Contains(err.Error(), testToken) {
		t.Fatalf("error text leaks the bearer token: %v", err)
	}
	return ok, err
}

// newServer starts an httptest server on 127.0.0.1, closed at cleanup.
func newServer(t testing.TB, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// reply writes a JSON response.
func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// jobResponse is a small result type.
type jobResponse struct {
	JobID string `json:"jobId"`
}

// badRequest is an error body type, as generated code declares them.
type badRequest struct {
	Message string `json:"message"`
	Type    string `json:"type"`
}

func newBadRequest() any { return new(badRequest) }

// getOp returns a GET operation on path.
func getOp(path string) *operation {
	return &operation{method: http.MethodGet, pathTemplate: path, path: path, errorBody: newBadRequest}
}

// postOp returns a POST on /bulk with a body and, when idempotencyHeader is
// not "", a declared idempotency header.
func postOp(idempotencyHeader string) *operation {
	return &operation{
		method:            http.MethodPost,
		pathTemplate:      "/bulk",
		path:              "/bulk",
		body:              map[string]string{"event": "welcome"},
		idempotencyHeader: idempotencyHeader,
		errorBody:         newBadRequest,
	}
}

// mustJSON marshals v or fails the test.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
