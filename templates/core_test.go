package templates

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestCallSendsHeadersAndDecodes(t *testing.T) {
	var got http.Header
	var body string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		reply(w, http.StatusCreated, `{"jobId":"job-1"}`)
	})
	c, _ := newTestCore(srv.URL)
	op := postOp("")
	op.body = map[string]string{"html": "<b>hi</b> & bye"}
	var out jobResponse
	ok, err := call(t, c, context.Background(), op, &out)
	if err != nil || !ok || out.JobID != "job-1" {
		t.Fatalf("call = %v, %v, %+v; want true, nil, job-1", ok, err, out)
	}
	want := map[string]string{
		"Authorization": "Bearer " + testToken,
		"Accept":        "application/json",
		"Content-Type":  "application/json",
		"User-Agent":    userAgent,
	}
	for k, v := range want {
		if got.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.Get(k), v)
		}
	}
	if want := `{"html":"<b>hi</b> & bye"}`; body != want {
		t.Errorf("body = %s, want %s (HTML left unescaped)", body, want)
	}
}

func TestCallWithoutBodySendsNoContentType(t *testing.T) {
	var ct []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		ct = r.Header.Values("Content-Type")
		w.WriteHeader(http.StatusNoContent)
	})
	c, _ := newTestCore(srv.URL)
	ok, err := call(t, c, context.Background(), getOp("/x"), new(jobResponse))
	if err != nil || ok {
		t.Fatalf("call = %v, %v; want false, nil for 204", ok, err)
	}
	if len(ct) != 0 {
		t.Errorf("Content-Type = %q without a body", ct)
	}
}

func TestOperationHeadersOverrideDefaults(t *testing.T) {
	var accept []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Values("Accept")
		w.WriteHeader(http.StatusNoContent)
	})
	c, _ := newTestCore(srv.URL)
	op := getOp("/run")
	op.header = http.Header{"accept": {"*/*"}} // not canonical, as a literal may be
	if _, err := call(t, c, context.Background(), op, nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(accept, []string{"*/*"}) {
		t.Errorf("Accept = %q, want [*/*]", accept)
	}
}

func TestCallEmptyBodies(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		bodiless []string
		out      any
		wantErr  bool
	}{
		{"204", http.StatusNoContent, "", nil, new(jobResponse), false},
		{"205", http.StatusResetContent, "", nil, new(jobResponse), false},
		{"200 empty, declared with a body", http.StatusOK, "", nil, new(jobResponse), true},
		{"200 whitespace, declared with a body", http.StatusOK, " \n", nil, new(jobResponse), true},
		{"202 empty, declared without a body", http.StatusAccepted, "", []string{"202"}, new(jobResponse), false},
		{"201 empty, 2XX declared without a body", http.StatusCreated, "", []string{"2XX"}, new(jobResponse), false},
		{"200 empty, 202 declared without a body", http.StatusOK, "", []string{"202"}, new(jobResponse), true},
		{"200 body, nil out", http.StatusOK, `{"jobId":"x"}`, nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				reply(w, tt.status, tt.body)
			})
			c, _ := newTestCore(srv.URL)
			op := getOp("/x")
			op.bodiless = tt.bodiless
			ok, err := call(t, c, context.Background(), op, tt.out)
			if ok {
				t.Fatalf("call = true, %v; want false", err)
			}
			var de *DecodeError
			if got := errors.As(err, &de); got != tt.wantErr {
				t.Fatalf("call error = %v; want a DecodeError: %v", err, tt.wantErr)
			}
		})
	}
}

func TestCallKeepsPathEscaping(t *testing.T) {
	tests := []struct {
		name, base, want string
	}{
		{"root", "", "/bulk/a%2Fb/users?cursor=x+y%26z&limit=2"},
		{"prefix", "/v1/", "/v1/bulk/a%2Fb/users?cursor=x+y%26z&limit=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var uri string
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				uri = r.RequestURI
				w.WriteHeader(http.StatusNoContent)
			})
			c, _ := newTestCore(srv.URL + tt.base)
			op := getOp("/bulk/{job_id}/users")
			op.path = "/bulk/" + pathEscape("a/b") + "/users"
			op.addQuery("limit", "2")
			op.addQuery("cursor", "x y&z")
			if _, err := call(t, c, context.Background(), op, nil); err != nil {
				t.Fatal(err)
			}
			if uri != tt.want {
				t.Errorf("server saw %q, want %q", uri, tt.want)
			}
		})
	}
}

// The client parses its base URL once; each call builds its own URL from a
// copy, so one call's path and query never reach the next.
func TestCallsShareNoURL(t *testing.T) {
	var uris []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		uris = append(uris, r.Host+" "+r.RequestURI)
		w.WriteHeader(http.StatusNoContent)
	})
	c, _ := newTestCore(srv.URL + "/v1/")
	first := getOp("/a")
	first.addQuery("x", "1")
	for _, op := range []*operation{first, getOp("/b"), first} {
		if _, err := call(t, c, context.Background(), op, nil); err != nil {
			t.Fatal(err)
		}
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	want := []string{host + " /v1/a?x=1", host + " /v1/b", host + " /v1/a?x=1"}
	if !slices.Equal(uris, want) {
		t.Errorf("server saw %q, want %q", uris, want)
	}
}

func TestWithoutEmptyPort(t *testing.T) {
	for host, want := range map[string]string{
		"example.com":      "example.com",
		"example.com:":     "example.com",
		"example.com:8080": "example.com:8080",
		"[::1]":            "[::1]",
		"[::1]:":           "[::1]",
		"[::1]:80":         "[::1]:80",
	} {
		if got := withoutEmptyPort(host); got != want {
			t.Errorf("withoutEmptyPort(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestCallRejectsBadBaseURL(t *testing.T) {
	for _, base := range []string{"://nope", "/relative", "", "http://user:hunter2@[::1"} {
		c, _ := newTestCore(base)
		_, err := call(t, c, context.Background(), getOp("/x"), nil)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("base %q: err = %v, want an error without the password", base, err)
		}
	}
}

func TestCallOptionsDoNotLeakBetweenCalls(t *testing.T) {
	var seen [][]string
	var auth []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Values("X-A"))
		auth = append(auth, r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusNoContent)
	})
	c, _ := newTestCore(srv.URL, WithHeader("X-A", "client"))
	ctx := context.Background()
	calls := [][]RequestOption{
		{WithHeaderAdd("X-A", "call")},
		{WithHeader("X-A", "replaced"), WithBasicAuth("me", "pw")},
		nil,
	}
	for _, opts := range calls {
		if _, err := call(t, c, ctx, getOp("/x"), nil, opts...); err != nil {
			t.Fatal(err)
		}
	}
	wantSeen := [][]string{{"client", "call"}, {"replaced"}, {"client"}}
	if !slices.EqualFunc(seen, wantSeen, slices.Equal) {
		t.Errorf("X-A per call = %q, want %q", seen, wantSeen)
	}
	wantAuth := []string{"Bearer " + testToken, "Basic bWU6cHc=", "Bearer " + testToken}
	if !slices.Equal(auth, wantAuth) {
		t.Errorf("Authorization per call = %q, want %q", auth, wantAuth)
	}
}

func TestCallPerCallBaseURL(t *testing.T) {
	hit := make(chan string, 2)
	a := newServer(t, func(w http.ResponseWriter, r *http.Request) { hit <- "a"; w.WriteHeader(http.StatusNoContent) })
	b := newServer(t, func(w http.ResponseWriter, r *http.Request) { hit <- "b"; w.WriteHeader(http.StatusNoContent) })
	c, _ := newTestCore(a.URL)
	for _, opts := range [][]RequestOption{{WithBaseURL(b.URL)}, nil} {
		if _, err := call(t, c, context.Background(), getOp("/x"), nil, opts...); err != nil {
			t.Fatal(err)
		}
	}
	if got := []string{<-hit, <-hit}; !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("servers hit = %v, want [b a]", got)
	}
}

func TestMiddlewareOrderAndPerAttempt(t *testing.T) {
	var mu sync.Mutex
	var order []string
	mw := func(name string) Middleware {
		return func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			req.Header.Add("X-Chain", name)
			return next(req)
		}
	}
	var chains []string
	hits := 0
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		chains = append(chains, strings.Join(r.Header.Values("X-Chain"), ","))
		if hits++; hits == 1 {
			reply(w, http.StatusServiceUnavailable, `{}`)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	c, _ := newTestCore(srv.URL, WithMiddleware(mw("c1")), WithMiddleware(mw("c2")))
	if _, err := call(t, c, context.Background(), getOp("/x"), nil, WithMiddleware(mw("r1"))); err != nil {
		t.Fatal(err)
	}
	if want := []string{"c1", "c2", "r1", "c1", "c2", "r1"}; !slices.Equal(order, want) {
		t.Errorf("middleware order = %v, want %v", order, want)
	}
	if want := []string{"c1,c2,r1", "c1,c2,r1"}; !slices.Equal(chains, want) {
		t.Errorf("server saw chains %q, want %q (each attempt starts from a clean request)", chains, want)
	}
}

func TestMiddlewareMadeUpResponse(t *testing.T) {
	fake := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		return &http.Response{
			StatusCode: http.StatusTeapot,
			Header:     http.Header{"Content-Type": {"application/json"}},
			Body:       io.NopCloser(strings.NewReader(`{"message":"short and stout"}`)),
		}, nil
	}
	c, _ := newTestCore("http://127.0.0.1:1", WithMiddleware(fake))
	_, err := call(t, c, context.Background(), getOp("/tea"), nil)
	if want := "GET /tea: 418 I'm a teapot: short and stout"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestWithResponseInto(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			reply(w, http.StatusBadRequest, `{"message":"no"}`)
			return
		}
		w.Header().Set("X-Request-Id", "r-1")
		reply(w, http.StatusOK, `{"jobId":"j"}`)
	})
	c, _ := newTestCore(srv.URL)
	for path, want := range map[string]string{"/ok": `{"jobId":"j"}`, "/bad": `{"message":"no"}`} {
		var resp *http.Response
		_, _ = call(t, c, context.Background(), getOp(path), new(jobResponse), WithResponseInto(&resp))
		if resp == nil {
			t.Fatalf("%s: no response stored", path)
		}
		for range 2 { // the copy can be read, and is the same when read through resp
			got, err := io.ReadAll(resp.Body)
			if err != nil || string(got) != want {
				t.Errorf("%s: body = %q, %v; want %q", path, got, err, want)
			}
			resp.Body = io.NopCloser(strings.NewReader(string(got)))
		}
	}
}

func TestRequestBodyReplayedOnEveryAttempt(t *testing.T) {
	var bodies []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		if len(bodies) < 3 {
			reply(w, http.StatusBadGateway, `{}`)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	checkReplayable := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		if req.GetBody == nil || req.ContentLength <= 0 {
			t.Errorf("attempt without GetBody (%v) or ContentLength (%d)", req.GetBody != nil, req.ContentLength)
		}
		return next(req)
	}
	c, _ := newTestCore(srv.URL, WithMiddleware(checkReplayable))
	op := &operation{method: http.MethodPut, pathTemplate: "/p", path: "/p", body: map[string]any{"n": 1, "s": "é<>"}}
	if _, err := call(t, c, context.Background(), op, nil); err != nil {
		t.Fatal(err)
	}
	want := `{"n":1,"s":"é<>"}`
	if len(bodies) != 3 || bodies[0] != want || bodies[1] != want || bodies[2] != want {
		t.Errorf("bodies = %q, want 3 × %s", bodies, want)
	}
}
