package couriertest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/oagen/oagen/gen/courier/couriertest"
)

// fake wraps a Server with a client that opens a new connection for every
// request, so that a reset connection is seen as such (net/http silently
// retries some requests that fail on a reused connection).
type fake struct {
	*couriertest.Server
	t      testing.TB
	client *http.Client
}

func start(t testing.TB, opts ...couriertest.Option) *fake {
	t.Helper()
	s := couriertest.NewServer(opts...)
	t.Cleanup(s.Close)
	tr := &http.Transport{DisableKeepAlives: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &fake{Server: s, t: t, client: &http.Client{Transport: tr}}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends method path with an optional raw JSON body and header pairs.
func (f *fake) do(method, path, body string, header ...string) response {
	f.t.Helper()
	r, err := f.try(method, path, body, header...)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

func (f *fake) try(method, path, body string, header ...string) (response, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.URL+path, rd)
	if err != nil {
		return response{}, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := f.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, b}, err
}

// create makes a job and returns its id.
func (f *fake) create(event string) string {
	f.t.Helper()
	r := f.do("POST", "/bulk", fmt.Sprintf(`{"message":{"event":%q}}`, event))
	if r.status != http.StatusOK && r.status != http.StatusCreated {
		f.t.Fatalf("create: %d %s", r.status, r.body)
	}
	var out struct{ JobID string }
	decode(f.t, r.body, &out)
	return out.JobID
}

// ingest adds users (raw JSON objects) to a job and expects success.
func (f *fake) ingest(id string, users ...string) {
	f.t.Helper()
	r := f.do("POST", "/bulk/"+id, usersBody(users...))
	if r.status != http.StatusNoContent && r.status != http.StatusOK {
		f.t.Fatalf("ingest: %d %s", r.status, r.body)
	}
}

func usersBody(users ...string) string {
	return `{"users":[` + strings.Join(users, ",") + `]}`
}

func userN(i int) string {
	return fmt.Sprintf(`{"recipient":"user-%d","profile":{"email":"u%d@example.com"}}`, i, i)
}

type jobBody struct {
	Job struct {
		Definition json.RawMessage
		Enqueued   int
		Failures   int
		Received   int
		Status     string
	}
}

func (f *fake) getJob(id string) jobBody {
	f.t.Helper()
	r := f.do("GET", "/bulk/"+id, "")
	if r.status != http.StatusOK {
		f.t.Fatalf("get job: %d %s", r.status, r.body)
	}
	var out jobBody
	decode(f.t, r.body, &out)
	return out
}

type usersPage struct {
	Items []map[string]any
	// Paging.Cursor is a pointer to tell absent from empty.
	Paging struct {
		More   *bool
		Cursor *string
	}
}

func decode(t testing.TB, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// wantError checks status, JSON content type and a {message, type} body.
func wantError(t testing.TB, r response, status int, typ string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d (body %s)", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var e map[string]any
	decode(t, r.body, &e)
	if msg, _ := e["message"].(string); msg == "" {
		t.Errorf("error body %s has no message", r.body)
	}
	if e["type"] != typ || len(e) != 2 {
		t.Errorf("error body %s, want exactly message and type %q", r.body, typ)
	}
}

func wantStatus(t testing.TB, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d (body %s)", r.status, status, r.body)
	}
}
