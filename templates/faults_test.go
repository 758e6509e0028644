package templates

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestRetryServerErrorThenSuccess(t *testing.T) {
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			reply(w, http.StatusInternalServerError, `{"message":"boom"}`)
			return
		}
		reply(w, http.StatusOK, `{"jobId":"j1"}`)
	})
	c, rec := newTestCore(srv.URL)
	var out jobResponse
	ok, err := call(t, c, context.Background(), getOp("/bulk/j1"), &out)
	if err != nil || !ok || out.JobID != "j1" {
		t.Fatalf("call = %v, %v, %+v", ok, err, out)
	}
	if hits.Load() != 2 || !slices.Equal(rec.got(), []time.Duration{500 * time.Millisecond}) {
		t.Errorf("hits = %d, sleeps = %v; want 2, [500ms]", hits.Load(), rec.got())
	}
}

func TestRetryHonoursServerDelay(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header map[string]string
		want   time.Duration
	}{
		{"Retry-After seconds", map[string]string{"Retry-After": "3"}, 3 * time.Second},
		{"Retry-After date", map[string]string{"Retry-After": now.Add(5 * time.Second).Format(http.TimeFormat)}, 5 * time.Second},
		{"retry-after-ms", map[string]string{"retry-after-ms": "1500"}, 1500 * time.Millisecond},
		{"ms before seconds", map[string]string{"retry-after-ms": "250", "Retry-After": "9"}, 250 * time.Millisecond},
		{"beyond cap: backoff", map[string]string{"Retry-After": "120"}, 500 * time.Millisecond},
		{"past date: backoff", map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 500 * time.Millisecond},
		{"garbage: backoff", map[string]string{"Retry-After": "soon"}, 500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) == 1 {
					for k, v := range tt.header {
						w.Header().Set(k, v)
					}
					reply(w, http.StatusTooManyRequests, `{"message":"slow down"}`)
					return
				}
				w.WriteHeader(http.StatusNoContent)
			})
			c, rec := newTestCore(srv.URL, withNow(func() time.Time { return now }))
			if _, err := call(t, c, context.Background(), getOp("/x"), nil); err != nil {
				t.Fatal(err)
			}
			if got := rec.got(); !slices.Equal(got, []time.Duration{tt.want}) {
				t.Errorf("sleeps = %v, want [%v]", got, tt.want)
			}
		})
	}
}

func TestRetryGivesUpWithLastAPIError(t *testing.T) {
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Attempt", fmt.Sprint(hits.Add(1)))
		reply(w, http.StatusServiceUnavailable, `{"message":"down","type":"api_error"}`)
	})
	c, rec := newTestCore(srv.URL, WithMaxRetries(4), withJitter(func() float64 { return 0.5 }))
	_, err := call(t, c, context.Background(), getOp("/bulk/{job_id}"), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want *APIError 503", err)
	}
	if hits.Load() != 5 || apiErr.Header.Get("X-Attempt") != "5" {
		t.Errorf("hits = %d, error from attempt %s; want 5, 5", hits.Load(), apiErr.Header.Get("X-Attempt"))
	}
	// 0.5 s × 2^n, less 12.5 % (jitter 0.5 of the 25 % range).
	want := []time.Duration{437500 * time.Microsecond, 875 * time.Millisecond, 1750 * time.Millisecond, 3500 * time.Millisecond}
	if got := rec.got(); !slices.Equal(got, want) {
		t.Errorf("sleeps = %v, want %v", got, want)
	}
}

func TestRetryByStatus(t *testing.T) {
	tests := []struct {
		status      int
		shouldRetry string // x-should-retry header, "" for none
		wantHits    int32
	}{
		{http.StatusRequestTimeout, "", 2},
		{http.StatusConflict, "", 2},
		{http.StatusTooManyRequests, "", 2},
		{http.StatusInternalServerError, "", 2},
		{http.StatusBadGateway, "", 2},
		{http.StatusGatewayTimeout, "", 2},
		{http.StatusBadRequest, "", 1},
		{http.StatusUnauthorized, "", 1},
		{http.StatusForbidden, "", 1},
		{http.StatusNotFound, "", 1},
		{http.StatusUnprocessableEntity, "", 1},
		{http.StatusInternalServerError, "false", 1},
		{http.StatusBadRequest, "true", 2},
		{http.StatusOK, "true", 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.status, tt.shouldRetry), func(t *testing.T) {
			var hits atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if tt.shouldRetry != "" {
					w.Header().Set("X-Should-Retry", tt.shouldRetry)
				}
				reply(w, tt.status, `{"message":"m"}`)
			})
			c, _ := newTestCore(srv.URL, WithMaxRetries(1))
			_, _ = call(t, c, context.Background(), getOp("/x"), new(jobResponse))
			if hits.Load() != tt.wantHits {
				t.Errorf("hits = %d, want %d", hits.Load(), tt.wantHits)
			}
		})
	}
}

func TestRetryByMethod(t *testing.T) {
	tests := []struct {
		method string
		opts   []RequestOption
		want   int32
	}{
		{http.MethodGet, nil, 2},
		{http.MethodHead, nil, 2},
		{http.MethodOptions, nil, 2},
		{http.MethodPut, nil, 2},
		{http.MethodDelete, nil, 2},
		{http.MethodPost, nil, 1},
		{http.MethodPatch, nil, 1},
		{http.MethodPost, []RequestOption{WithIdempotencyKey("k-1")}, 2},
		{http.MethodPatch, []RequestOption{WithHeader("Idempotency-Key", "k-2")}, 2},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.method, len(tt.opts)), func(t *testing.T) {
			var hits atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				reply(w, http.StatusInternalServerError, `{}`)
			})
			c, _ := newTestCore(srv.URL, WithMaxRetries(1))
			op := &operation{method: tt.method, pathTemplate: "/x", path: "/x"}
			_, err := call(t, c, context.Background(), op, nil, tt.opts...)
			if _, ok := errors.AsType[*APIError](err); !ok {
				t.Errorf("err = %v, want *APIError", err)
			}
			if hits.Load() != tt.want {
				t.Errorf("hits = %d, want %d", hits.Load(), tt.want)
			}
		})
	}
}

func TestBadRequestIsNotRetried(t *testing.T) {
	var hits atomic.Int32
	const body = `{"message":"Invalid Request. Either 'content' or 'template' must be defined.","type":"invalid_request_error"}`
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		reply(w, http.StatusBadRequest, body)
	})
	c, rec := newTestCore(srv.URL)
	op := postOp("Idempotency-Key")
	op.addQuery("secret", "hunter2")
	_, err := call(t, c, context.Background(), op, new(jobResponse))
	apiErr, ok := errors.AsType[*APIError](err)
	if !ok {
		t.Fatalf("err = %v, want *APIError", err)
	}
	want := "POST /bulk: 400 Bad Request: Invalid Request. Either 'content' or 'template' must be defined."
	if err.Error() != want {
		t.Errorf("Error() = %q\nwant       %q", err.Error(), want)
	}
	if detail, _ := apiErr.Detail.(*badRequest); detail == nil || detail.Type != "invalid_request_error" {
		t.Errorf("Detail = %#v, want *badRequest with the type", apiErr.Detail)
	}
	if string(apiErr.Body) != body || apiErr.Method != "POST" || strings.Contains(apiErr.URL, "hunter2") ||
		!strings.HasSuffix(apiErr.URL, "/bulk") {
		t.Errorf("APIError = %+v", apiErr)
	}
	if hits.Load() != 1 || len(rec.got()) != 0 {
		t.Errorf("hits = %d, sleeps = %v; want 1, none", hits.Load(), rec.got())
	}
}

func TestTransportErrorIsWrappedAndRetried(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connections are refused
	c, rec := newTestCore("http://" + addr)
	op := getOp("/bulk/{job_id}")
	op.addQuery("token", "query-secret")
	_, err = call(t, c, context.Background(), op, nil)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("err = %v, want connection refused", err)
	}
	if _, ok := errors.AsType[*net.OpError](err); !ok {
		t.Errorf("err = %v, want a *net.OpError inside", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "GET /bulk/{job_id}: ") || strings.Contains(msg, "query-secret") {
		t.Errorf("err = %q, want the operation name and no query string", msg)
	}
	if len(rec.got()) != 2 {
		t.Errorf("sleeps = %v, want 2 (default retries)", rec.got())
	}
}
