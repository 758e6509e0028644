package templates

import (
	"context"
	"time"
)

// Test hooks: options that replace the clock, the jitter and the waiting
// between attempts, so that the tests run without sleeping.

// withSleep replaces how the client waits between attempts. sleep must
// return ctx's error promptly when ctx is done.
func withSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *requestConfig) { c.sleep = sleep }
}

// withNow replaces the clock used to read HTTP-date Retry-After headers.
func withNow(now func() time.Time) Option {
	return func(c *requestConfig) { c.now = now }
}

// withJitter replaces the source of backoff jitter; it returns a float in
// [0, 1).
func withJitter(jitter func() float64) Option {
	return func(c *requestConfig) { c.jitter = jitter }
}
