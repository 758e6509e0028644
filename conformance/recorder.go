package conformance

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// ViolationsHeader is the response header in which Prism's proxy lists the
// mismatches of a request and its response against the spec.
const ViolationsHeader = "sl-violations"

// A Violation is one entry of the sl-violations header.
type Violation struct {
	// Location starts with "request" or "response", then the path to the
	// offending part, for example ["request", "body", "message", "event"].
	Location []string `json:"location"`
	// Severity is "Error", "Warning", "Information" or "Hint".
	Severity string `json:"severity"`
	// Code is a string, a number or absent, so it is kept raw.
	Code    json.RawMessage `json:"code,omitempty"`
	Message string          `json:"message"`
}

func (v Violation) String() string {
	code := string(v.Code)
	if code == "" {
		code = "-"
	}
	return fmt.Sprintf("%s at %s (code %s): %s", v.Severity, strings.Join(v.Location, "."), code, v.Message)
}

// An Exchange is one request and the violations reported for it.
type Exchange struct {
	Method, URL string
	Status      int
	Violations  []Violation
}

// Errors returns the violations of severity "Error".
func (e Exchange) Errors() []Violation {
	var out []Violation
	for _, v := range e.Violations {
		if v.Severity == "Error" {
			out = append(out, v)
		}
	}
	return out
}

// Recorder collects the sl-violations of every response it sees. Use it as
// an http.RoundTripper (its Transport, or http.DefaultTransport, does the
// work) or call Observe from a client middleware. It is safe for
// concurrent use.
type Recorder struct {
	Transport http.RoundTripper

	mu        sync.Mutex
	exchanges []Exchange
}

// RoundTrip sends req and records the response's violations.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	next := r.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	return r.Observe(req, next.RoundTrip)
}

// Observe passes req to next and records the response's violations. Its
// shape fits middleware chains such as gen/courier's:
//
//	courier.WithMiddleware(func(req *http.Request, next courier.MiddlewareNext) (*http.Response, error) {
//		return rec.Observe(req, next)
//	})
func (r *Recorder) Observe(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
	res, err := next(req)
	if err == nil {
		r.Record(req, res)
	}
	return res, err
}

// Record adds the exchange of req and res. A header that cannot be
// decoded is recorded as an Error, so that it cannot pass unnoticed.
func (r *Recorder) Record(req *http.Request, res *http.Response) {
	ex := Exchange{Method: req.Method, URL: req.URL.String(), Status: res.StatusCode}
	for _, h := range res.Header.Values(ViolationsHeader) {
		var vs []Violation
		if err := json.Unmarshal([]byte(h), &vs); err != nil {
			vs = []Violation{{
				Location: []string{"response", "header", ViolationsHeader},
				Severity: "Error",
				Message:  fmt.Sprintf("cannot decode %s header %q: %v", ViolationsHeader, h, err),
			}}
		}
		ex.Violations = append(ex.Violations, vs...)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges = append(r.exchanges, ex)
}

// Exchanges returns what was recorded so far, oldest first.
func (r *Recorder) Exchanges() []Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Exchange(nil), r.exchanges...)
}

// Reset forgets what was recorded.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges = nil
}

// ErrorReport lists every violation of severity "Error", one line each,
// under the request it belongs to; empty when there is none.
func (r *Recorder) ErrorReport() string {
	var b strings.Builder
	for _, ex := range r.Exchanges() {
		errs := ex.Errors()
		if len(errs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s %s -> %d\n", ex.Method, ex.URL, ex.Status)
		for _, v := range errs {
			fmt.Fprintf(&b, "    %s\n", v)
		}
	}
	return b.String()
}

// RequireNoErrors fails t, listing them all, if any recorded request or
// response has a violation of severity "Error". It also fails when nothing
// was recorded: a judge that saw nothing proves nothing.
func RequireNoErrors(t testing.TB, r *Recorder) {
	t.Helper()
	if len(r.Exchanges()) == 0 {
		t.Fatal("conformance: no exchange was recorded")
	}
	if rep := r.ErrorReport(); rep != "" {
		t.Errorf("conformance: Prism reported errors against the spec:\n%s", rep)
	}
}
