package conformance

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// These tests need no Prism: a server plays its part.

func TestRecorderDecodesViolations(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/mixed":
			w.Header().Set(ViolationsHeader, `[`+
				`{"location":["request","body","message","event"],"severity":"Error","code":"type","message":"must be string"},`+
				`{"location":["response"],"severity":"Warning","code":404,"message":"undeclared status"},`+
				`{"location":["response","body","jobId"],"severity":"Error","message":"no code at all"}]`)
		case "/garbled":
			w.Header().Set(ViolationsHeader, `[{"location":`)
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	rec := &Recorder{}
	client := &http.Client{Transport: rec}
	for _, p := range []string{"/clean", "/mixed", "/garbled"} {
		res, err := client.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}

	ex := rec.Exchanges()
	if len(ex) != 3 || len(ex[0].Violations) != 0 || len(ex[1].Violations) != 3 || len(ex[2].Violations) != 1 {
		t.Fatalf("exchanges: %+v", ex)
	}
	codes := fmt.Sprint(string(ex[1].Violations[0].Code), " ", string(ex[1].Violations[1].Code), " ", string(ex[1].Violations[2].Code))
	if codes != `"type" 404 ` {
		t.Errorf("codes = %s", codes)
	}
	if errs := ex[1].Errors(); len(errs) != 2 {
		t.Errorf("Errors() = %v, want the two of severity Error", errs)
	}
	if ex[2].Errors()[0].Location[2] != ViolationsHeader {
		t.Errorf("a garbled header must be an Error: %+v", ex[2])
	}
	report := rec.ErrorReport()
	for _, want := range []string{
		"GET " + srv.URL + "/mixed -> 200",
		"Error at request.body.message.event (code \"type\"): must be string",
		"Error at response.body.jobId (code -): no code at all",
		"/garbled -> 200",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "undeclared status") || strings.Contains(report, "/clean") {
		t.Errorf("report lists more than errors:\n%s", report)
	}
	rec.Reset()
	if len(rec.Exchanges()) != 0 {
		t.Error("Reset kept exchanges")
	}
}

func TestRecorderObserveAsMiddleware(t *testing.T) {
	rec := &Recorder{}
	next := func(*http.Request) (*http.Response, error) {
		h := http.Header{}
		h.Set(ViolationsHeader, `[{"location":["response"],"severity":"Error","message":"x"}]`)
		return &http.Response{StatusCode: 500, Header: h}, nil
	}
	req := httptest.NewRequest("POST", "http://127.0.0.1/bulk", nil)
	if _, err := rec.Observe(req, next); err != nil {
		t.Fatal(err)
	}
	failing := func(*http.Request) (*http.Response, error) { return nil, errors.New("refused") }
	if _, err := rec.Observe(req, failing); err == nil {
		t.Fatal("error lost")
	}
	if ex := rec.Exchanges(); len(ex) != 1 || ex[0].Status != 500 || len(ex[0].Errors()) != 1 {
		t.Errorf("exchanges: %+v", ex)
	}
}

// fakeTB records how a test would have ended.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                   {}
func (f *fakeTB) Skipf(s string, a ...any)  { f.skipped = fmt.Sprintf(s, a...) }
func (f *fakeTB) Fatalf(s string, a ...any) { f.failed = fmt.Sprintf(s, a...) }
func (f *fakeTB) Fatal(a ...any)            { f.failed = fmt.Sprint(a...) }
func (f *fakeTB) Errorf(s string, a ...any) { f.failed = fmt.Sprintf(s, a...) }

func TestUnavailable(t *testing.T) {
	for _, c := range []struct {
		ci           string
		err          error
		skip, failed bool
	}{
		{"", ErrNotInstalled, true, false},
		{"false", fmt.Errorf("wrapped: %w", ErrNotInstalled), true, false},
		{"true", ErrNotInstalled, false, true},
		{"", errors.New("prism exited"), false, true},
	} {
		t.Setenv("CI", c.ci)
		tb := &fakeTB{}
		Unavailable(tb, c.err)
		if (tb.skipped != "") != c.skip || (tb.failed != "") != c.failed {
			t.Errorf("CI=%q, %v: skipped %q, failed %q", c.ci, c.err, tb.skipped, tb.failed)
		}
		if c.skip && !strings.Contains(tb.skipped, "npm ci --prefix conformance") {
			t.Errorf("skip message %q does not say how to install", tb.skipped)
		}
	}
}

func TestRequireNoErrorsNeedsExchanges(t *testing.T) {
	tb := &fakeTB{}
	RequireNoErrors(tb, &Recorder{})
	if tb.failed == "" {
		t.Error("an empty recording passed")
	}
}
