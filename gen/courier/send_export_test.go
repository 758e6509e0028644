package courier

import (
	"context"
	"time"
)

// WithSleepForTest replaces how the client waits between attempts, for the
// external tests of Send, so that the client's retries do not wait in real
// time.
func WithSleepForTest(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *requestConfig) { c.sleep = sleep }
}
