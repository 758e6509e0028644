package templates

import (
	"context"
	"fmt"
	"io"
)

// callStream sends op like call, but hands back the body of a 2xx response
// unread, for the caller to read and close. Failed attempts are retried as
// call retries them; once a 2xx body is handed back it is not retried.
// WithRequestTimeout does not apply: the context bounds the whole read.
func (c *clientCore) callStream(ctx context.Context, op *operation, opts []RequestOption) (io.ReadCloser, error) {
	cfg := c.cfg.withCallOptions(opts)
	p, err := prepareRequest(op, &cfg)
	if err != nil {
		return nil, op.wrap(err)
	}
	send := chainMiddlewares(cfg.middlewares, guardRedirects(cfg.httpClient, p.secretHeaders).Do)
	for retry := 0; ; retry++ {
		res, body := streamAttempt(ctx, p, send)
		if body != nil {
			if cfg.responseInto != nil {
				*cfg.responseInto = res.resp
			}
			return body, nil
		}
		if retry >= cfg.maxRetries || !mayRepeat(p, &res) || ctx.Err() != nil || !shouldRetry(&res) {
			if cfg.responseInto != nil && res.resp != nil {
				*cfg.responseInto = res.resp
			}
			_, err := decodeResult(op, &res, nil)
			return nil, err
		}
		if err := cfg.sleep(ctx, retryDelay(&cfg, res.resp, retry)); err != nil {
			return nil, op.wrap(fmt.Errorf("waiting to retry after attempt %d: %w", retry+1, err))
		}
	}
}

// streamAttempt sends p once. A 2xx response's body is returned unread;
// any other outcome is read into an attemptResult as call reads it.
func streamAttempt(ctx context.Context, p *preparedRequest, send MiddlewareNext) (attemptResult, io.ReadCloser) {
	req, err := p.newRequest(ctx)
	if err != nil {
		return attemptResult{err: err}, nil
	}
	resp, err := send(req)
	if err != nil || resp == nil {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		if err == nil {
			err = fmt.Errorf("middleware returned neither a response nor an error")
		}
		return attemptResult{err: err}, nil
	}
	if resp.Request == nil {
		resp.Request = req
	}
	if is2xx(resp.StatusCode) {
		return attemptResult{resp: resp}, resp.Body
	}
	body, err := readBody(resp, maxErrorBody)
	if err != nil {
		return attemptResult{resp: resp, err: fmt.Errorf("reading response body: %w", err)}, nil
	}
	return attemptResult{resp: resp, body: body}, nil
}

// callText sends op and returns the 2xx body as a string.
func (c *clientCore) callText(ctx context.Context, op *operation, opts []RequestOption) (string, error) {
	body, err := c.callStream(ctx, op, opts)
	if err != nil {
		return "", err
	}
	defer body.Close()
	b, err := io.ReadAll(body)
	if err != nil {
		return "", op.wrap(fmt.Errorf("reading response body: %w", err))
	}
	return string(b), nil
}
