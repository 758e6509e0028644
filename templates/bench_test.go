package templates

import (
	"context"
	"io"
	"net/http"
	"testing"
)

// BenchmarkCall measures one small JSON round trip over loopback HTTP:
// encode the body, send, read and decode the result.
func BenchmarkCall(b *testing.B) {
	srv := newServer(b, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		reply(w, http.StatusOK, `{"jobId":"1e6b2b2c-5b1f-4a57-9a57-0d6f1c5f1a6b"}`)
	})
	c, _ := newTestCore(srv.URL)
	ctx := context.Background()
	op := postOp("Idempotency-Key")
	b.ReportAllocs()
	for b.Loop() {
		var out jobResponse
		if ok, err := c.call(ctx, op, &out, nil); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkRequestHeader measures the header every call builds: Accept,
// User-Agent, Content-Type and a bearer token.
func BenchmarkRequestHeader(b *testing.B) {
	op := postOp("")
	op.security = [][]string{{"bearer"}}
	cfg := newRequestConfig("http://127.0.0.1", []Option{WithBearerToken(testToken)})
	b.ReportAllocs()
	for b.Loop() {
		h, _ := requestHeader(op, &cfg, true)
		if len(h) != 4 {
			b.Fatal(h)
		}
	}
}
