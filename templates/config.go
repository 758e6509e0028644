package templates

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// defaultMaxRetries is how many times a failed attempt is retried unless
// WithMaxRetries says otherwise.
const defaultMaxRetries = 2

// requestConfig is everything the options decide for one call. A client
// keeps one built from its options and each call works on its own copy, so
// calls share no mutable state.
type requestConfig struct {
	baseURL        string
	base           *url.URL // baseURL parsed once, or nil: parse it at each call
	httpClient     *http.Client
	maxRetries     int
	requestTimeout time.Duration // per attempt; 0 means none
	header         http.Header   // set by WithHeader and WithHeaderAdd
	credentials    []credential  // in the order they were set
	idempotencyKey string
	middlewares    []Middleware
	responseInto   **http.Response
	onEvent        func(name, id string) // set by WithStreamEvents
	maxEventSize   int                   // 0 means defaultMaxEventSize

	// Seams for tests: how to wait, what time it is and the jitter source
	// (a float in [0, 1)).
	sleep  func(ctx context.Context, d time.Duration) error
	now    func() time.Time
	jitter func() float64
}

// newRequestConfig returns the defaults with opts applied in order.
func newRequestConfig(baseURL string, opts []Option) requestConfig {
	cfg := requestConfig{
		baseURL:    baseURL,
		httpClient: http.DefaultClient,
		maxRetries: defaultMaxRetries,
		sleep:      sleepContext,
		now:        time.Now,
		jitter:     rand.Float64,
	}
	cfg.apply(opts)
	cfg.base, _ = parseBaseURL(cfg.baseURL) // an invalid one fails each call
	return cfg
}

// apply runs opts in order, skipping nil ones.
func (c *requestConfig) apply(opts []Option) {
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
}

// withCallOptions returns a copy of c that per-call options can change
// without touching c.
func (c *requestConfig) withCallOptions(opts []RequestOption) requestConfig {
	call := *c
	if len(opts) == 0 {
		return call
	}
	call.header = c.header.Clone()
	call.middlewares = slices.Clip(c.middlewares)
	call.apply(opts)
	if call.baseURL != c.baseURL {
		call.base = nil
	}
	return call
}
