package templates

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

func TestBadSuccessBodyIsDecodeError(t *testing.T) {
	tests := []struct {
		name, contentType, body, wantErr string
	}{
		{"truncated JSON", "application/json", `{"jobId":"ab`, "unexpected end of JSON input"},
		{"malformed JSON", "application/json", `{"jobId":}`, "invalid character"},
		{"wrong type", "application/json", `{"jobId":42}`, "cannot unmarshal number"},
		{"HTML", "text/html; charset=utf-8", `<html>oops</html>`, `unexpected content type "text/html; charset=utf-8"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Content-Type", tt.contentType)
				w.Write([]byte(tt.body))
			})
			c, _ := newTestCore(srv.URL)
			ok, err := call(t, c, context.Background(), getOp("/bulk/{job_id}"), new(jobResponse))
			decErr, isDec := errors.AsType[*DecodeError](err)
			if ok || !isDec {
				t.Fatalf("call = %v, %v; want a *DecodeError", ok, err)
			}
			if decErr.StatusCode != 200 || decErr.Snippet != tt.body || decErr.ContentType != tt.contentType {
				t.Errorf("DecodeError = %+v", decErr)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "GET /bulk/{job_id}: decoding 200 response") || !strings.Contains(msg, tt.wantErr) ||
				!strings.Contains(msg, strconv.Quote(tt.body)) {
				t.Errorf("Error() = %s", msg)
			}
			if _, isAPI := errors.AsType[*APIError](err); isAPI || hits.Load() != 1 {
				t.Errorf("hits = %d, *APIError = %v; want 1 attempt, no *APIError for a 2xx", hits.Load(), isAPI)
			}
		})
	}
}

func TestSuccessContentTypes(t *testing.T) {
	for _, ct := range []string{"", "application/json", "application/json; charset=utf-8", "application/problem+json", "APPLICATION/JSON"} {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = []string{ct} // "" stays empty: no sniffing
			w.Write([]byte(`{"jobId":"j"}`))
		})
		c, _ := newTestCore(srv.URL)
		var out jobResponse
		if ok, err := call(t, c, context.Background(), getOp("/x"), &out); !ok || err != nil || out.JobID != "j" {
			t.Errorf("Content-Type %q: call = %v, %v, %+v", ct, ok, err, out)
		}
	}
}

func TestLargeSuccessBody(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB body in -short mode")
	}
	const size = 50 << 20
	body := make([]byte, 0, size+16)
	body = append(body, `{"jobId":"`...)
	body = append(body, bytes.Repeat([]byte("x"), size)...)
	body = append(body, `"}`...)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	c, _ := newTestCore(srv.URL)
	var out jobResponse
	ok, err := call(t, c, context.Background(), getOp("/big"), &out)
	if err != nil || !ok || len(out.JobID) != size {
		t.Fatalf("call = %v, %v, %d bytes; want %d", ok, err, len(out.JobID), size)
	}
}

func TestLargeErrorBodyIsCapped(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusBadRequest, `{"message":"`+strings.Repeat("y", 3<<20)+`"}`)
	})
	c, _ := newTestCore(srv.URL)
	_, err := call(t, c, context.Background(), getOp("/x"), nil)
	apiErr, ok := errors.AsType[*APIError](err)
	if !ok || len(apiErr.Body) != maxErrorBody || apiErr.Message != "" || apiErr.Detail != nil {
		t.Fatalf("err = %T; want *APIError with a %d-byte body and nothing decoded", err, maxErrorBody)
	}
	if len(err.Error()) > 100 {
		t.Errorf("Error() is %d bytes long", len(err.Error()))
	}
}
