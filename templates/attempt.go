package templates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Bounds on reading response bodies.
const (
	maxErrorBody = 1 << 20  // kept of a body that is not decoded into a result
	maxDrain     = 64 << 10 // discarded after that, so the connection is reused
	maxSizeHint  = 64 << 20 // most preallocated from a Content-Length
)

// attemptResult is the outcome of one attempt. err is set when no complete
// response arrived; resp may then still hold the status and headers of a
// response whose body broke off.
type attemptResult struct {
	resp *http.Response
	body []byte
	err  error
}

// attempt sends p once through send and reads the response body, all within
// the per-attempt timeout.
func attempt(ctx context.Context, cfg *requestConfig, p *preparedRequest, send MiddlewareNext, decode bool) attemptResult {
	attemptCtx := ctx
	if cfg.requestTimeout > 0 {
		var cancel context.CancelFunc
		attemptCtx, cancel = context.WithTimeout(ctx, cfg.requestTimeout)
		defer cancel()
	}
	res := roundTrip(attemptCtx, p, send, decode)
	if res.err != nil && ctx.Err() == nil && attemptCtx.Err() != nil {
		res.err = fmt.Errorf("attempt timed out after %v: %w", cfg.requestTimeout, res.err)
	}
	return res
}

// roundTrip sends p through send and reads the response body: whole for a
// 2xx body to decode, up to maxErrorBody otherwise. The body is then closed
// and replaced by a re-readable copy of what was read.
func roundTrip(ctx context.Context, p *preparedRequest, send MiddlewareNext, decode bool) attemptResult {
	req, err := p.newRequest(ctx)
	if err != nil {
		return attemptResult{err: err}
	}
	resp, err := send(req)
	if err == nil && resp == nil {
		err = errors.New("middleware returned neither a response nor an error")
	}
	if err != nil {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		return attemptResult{err: err}
	}
	if resp.Request == nil { // a middleware made the response up
		resp.Request = req
	}
	limit := int64(maxErrorBody)
	if decode && is2xx(resp.StatusCode) {
		limit = -1
	}
	body, err := readBody(resp, limit)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return attemptResult{resp: resp, err: fmt.Errorf("reading response body: %w", err)}
	}
	return attemptResult{resp: resp, body: body}
}

// readBody reads up to limit bytes of resp's body (all of it when limit is
// negative), then drains a bounded rest and closes it.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.Body == nil {
		return nil, nil
	}
	defer drainAndClose(resp.Body)
	var r io.Reader = resp.Body
	hint := int64(maxSizeHint)
	if limit >= 0 {
		r = io.LimitReader(r, limit)
		hint = limit
	}
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 {
		buf.Grow(int(min(n, hint)) + bytes.MinRead) // room to see EOF without regrowing
	}
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// drainAndClose discards up to maxDrain unread bytes of body, so that its
// connection can serve another request, then closes it.
func drainAndClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, maxDrain)
	_ = body.Close()
}

// is2xx reports whether code is a success status.
func is2xx(code int) bool {
	return code >= 200 && code <= 299
}
