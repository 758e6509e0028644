package templates

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff between attempts: initialBackoff doubled on each retry, capped at
// maxBackoff, minus up to 25 % jitter. A server may ask for another delay
// with retry-after-ms or Retry-After; delays beyond maxRetryAfter are not
// honoured and the backoff applies instead.
const (
	initialBackoff = 500 * time.Millisecond
	maxBackoff     = 8 * time.Second
	maxRetryAfter  = 60 * time.Second
)

// shouldRetry reports whether the failure in res is worth another attempt,
// leaving aside the retry budget and whether the request may be repeated.
// A response below 400 is never retried; for the others an
// "x-should-retry: true|false" header overrides the status.
func shouldRetry(res *attemptResult) bool {
	if res.err != nil {
		return isConnectionError(res.err)
	}
	if res.resp.StatusCode < 400 {
		return false
	}
	switch strings.ToLower(res.resp.Header.Get("X-Should-Retry")) {
	case "true":
		return true
	case "false":
		return false
	}
	code := res.resp.StatusCode // timeouts, conflicts, rate limits, server errors
	return code == http.StatusRequestTimeout || code == http.StatusConflict ||
		code == http.StatusTooManyRequests || code >= 500
}

// mayRepeat reports whether the request that led to res may be sent again:
// an idempotent method or an idempotency key, or a 429, which the server
// refused without doing the work, whatever the method.
func mayRepeat(p *preparedRequest, res *attemptResult) bool {
	return p.retryable || (res.err == nil && res.resp != nil && res.resp.StatusCode == http.StatusTooManyRequests)
}

// isConnectionError reports whether an error that left no complete response
// may go away on the next attempt. Every one does (refused, reset, EOF, an
// attempt timeout, an error from a middleware), except a server certificate
// that failed verification.
func isConnectionError(err error) bool {
	var certErr *tls.CertificateVerificationError
	return !errors.As(err, &certErr)
}

// retryDelay is how long to wait before retry number retry (0 for the first
// retry), given the response of the failed attempt (nil if none).
func retryDelay(cfg *requestConfig, resp *http.Response, retry int) time.Duration {
	if resp != nil {
		if d, ok := retryAfter(resp.Header, cfg.now()); ok {
			return d
		}
	}
	return backoff(retry, cfg.jitter())
}

// backoff returns the exponential delay for retry number retry; jitter in
// [0, 1) takes up to 25 % off.
func backoff(retry int, jitter float64) time.Duration {
	d := maxBackoff
	if retry < 8 { // beyond that the shift only risks overflow
		d = min(initialBackoff<<retry, maxBackoff)
	}
	return d - time.Duration(float64(d)*0.25*jitter)
}

// retryAfter reads the delay a server asked for: retry-after-ms
// (milliseconds), else Retry-After (seconds or an HTTP date). It reports
// false when neither is present and valid or the delay is not within
// [0, maxRetryAfter].
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	var d time.Duration
	if ms, err := strconv.ParseFloat(h.Get("Retry-After-Ms"), 64); err == nil {
		d = floatDuration(ms, time.Millisecond)
	} else if v := h.Get("Retry-After"); v == "" {
		return 0, false
	} else if s, err := strconv.ParseFloat(v, 64); err == nil {
		d = floatDuration(s, time.Second)
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	return d, d >= 0 && d <= maxRetryAfter
}

// floatDuration converts n units to a duration. Values outside
// [0, maxRetryAfter], NaN included, become -1 so that range checks reject
// them without overflowing.
func floatDuration(n float64, unit time.Duration) time.Duration {
	limit := float64(maxRetryAfter / unit)
	if !(n >= 0 && n <= limit) {
		return -1
	}
	return time.Duration(n * float64(unit))
}

// sleepContext waits for d, or until ctx is done and then returns its error.
func sleepContext(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
