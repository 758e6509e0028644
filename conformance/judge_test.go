package conformance

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// The spec every test judges against.
const specPath = "../spec/courier-bulk.yaml"

// One Prism serves the whole test binary (it takes seconds to start). Its
// upstream routes each request by the X-Fake header to a handler a test
// registered, so tests do not share fakes.
var shared struct {
	once  sync.Once
	prism *Prism
	err   error
	up    *upstream
	srv   *httptest.Server
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.prism != nil {
		shared.prism.Close()
	}
	if shared.srv != nil {
		shared.srv.Close()
	}
	os.Exit(code)
}

// upstream dispatches on the X-Fake request header.
type upstream struct {
	mu       sync.Mutex
	handlers map[string]http.Handler
}

func (u *upstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.Header.Get("X-Fake")
	u.mu.Lock()
	h, ok := u.handlers[name]
	u.mu.Unlock()
	if !ok {
		http.Error(w, "conformance test upstream: no handler for X-Fake "+name, http.StatusTeapot)
		return
	}
	h.ServeHTTP(w, r)
}

// judge returns the base URL of the shared Prism and registers h as the
// upstream of requests whose X-Fake header is t's name.
func judge(t *testing.T, h http.Handler) string {
	t.Helper()
	shared.once.Do(func() {
		shared.up = &upstream{handlers: map[string]http.Handler{}}
		shared.srv = httptest.NewServer(shared.up)
		shared.prism, shared.err = Start(specPath, shared.srv.URL)
	})
	if shared.err != nil {
		Unavailable(t, shared.err)
	}
	shared.up.mu.Lock()
	shared.up.handlers[t.Name()] = h
	shared.up.mu.Unlock()
	t.Cleanup(func() {
		shared.up.mu.Lock()
		delete(shared.up.handlers, t.Name())
		shared.up.mu.Unlock()
	})
	return shared.prism.URL
}

// rawClient sends raw requests through Prism to t's upstream and records
// Prism's verdicts.
type rawClient struct {
	t     *testing.T
	base  string
	token string
	rec   *Recorder
	http  *http.Client
}

func newRawClient(t *testing.T, h http.Handler, token string) *rawClient {
	rec := &Recorder{}
	return &rawClient{t: t, base: judge(t, h), token: token, rec: rec, http: &http.Client{Transport: rec}}
}

type result struct {
	status int
	header http.Header
	body   []byte
}

// send makes one request; header holds extra name/value pairs.
func (c *rawClient) send(method, path, body string, header ...string) result {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("X-Fake", c.t.Name())
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	if res.StatusCode == http.StatusTeapot {
		c.t.Fatalf("%s %s: the request did not reach the fake: %s", method, path, b)
	}
	return result{res.StatusCode, res.Header, b}
}

// expect sends and checks the status.
func (c *rawClient) expect(status int, method, path, body string, header ...string) result {
	c.t.Helper()
	r := c.send(method, path, body, header...)
	if r.status != status {
		c.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, status, r.body)
	}
	return r
}

func (r result) String() string { return fmt.Sprintf("%d %s", r.status, r.body) }
