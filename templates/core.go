package templates

import (
	"context"
	"fmt"
)

// clientCore is the transport shared by a client's services: the client's
// options and the machinery that sends calls. It is safe for concurrent use
// and never changed after construction.
type clientCore struct {
	cfg requestConfig
}

// newClientCore returns a core that sends to defaultBaseURL unless opts say
// otherwise.
func newClientCore(defaultBaseURL string, opts []Option) *clientCore {
	return &clientCore{cfg: newRequestConfig(defaultBaseURL, opts)}
}

// call sends op, retrying as the options allow, and decodes a 2xx JSON body
// into out. It reports whether a body was decoded: false with a nil error
// means a 2xx response without a body (or out was nil and the body was
// discarded). Any other status returns an *APIError; a 2xx body that cannot
// be decoded returns a *DecodeError.
func (c *clientCore) call(ctx context.Context, op *operation, out any, opts []RequestOption) (bool, error) {
	cfg := c.cfg.withCallOptions(opts)
	p, err := prepareRequest(op, &cfg)
	if err != nil {
		return false, op.wrap(err)
	}
	res, err := sendWithRetries(ctx, &cfg, p, out != nil)
	if cfg.responseInto != nil && res.resp != nil {
		*cfg.responseInto = res.resp
	}
	if err != nil {
		return false, op.wrap(err)
	}
	return decodeResult(op, &res, out)
}

// sendWithRetries sends p until an attempt succeeds, fails for good or the
// retry budget is spent, and returns the last attempt. The error is set only
// when ctx ended a wait between attempts.
func sendWithRetries(ctx context.Context, cfg *requestConfig, p *preparedRequest, decode bool) (attemptResult, error) {
	send := chainMiddlewares(cfg.middlewares, guardRedirects(cfg.httpClient, p.secretHeaders).Do)
	for retry := 0; ; retry++ {
		res := attempt(ctx, cfg, p, send, decode)
		if retry >= cfg.maxRetries || !mayRepeat(p, &res) || ctx.Err() != nil || !shouldRetry(&res) {
			return res, nil
		}
		if err := cfg.sleep(ctx, retryDelay(cfg, res.resp, retry)); err != nil {
			return res, fmt.Errorf("waiting to retry after attempt %d: %w", retry+1, err)
		}
	}
}
