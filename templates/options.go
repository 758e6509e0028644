package templates

import (
	"encoding/base64"
	"net/http"
	"time"
)

// Option configures a client, or a single call when passed to a method.
// Client options apply first, then the options of the call, so a call can
// override anything the client set.
type Option func(*requestConfig)

// RequestOption is an Option passed to one method call. It is the same type
// as Option: every client option also works per call.
type RequestOption = Option

// WithBaseURL sends requests to baseURL (scheme, host and an optional path
// prefix) instead of the default server.
func WithBaseURL(baseURL string) Option {
	return func(c *requestConfig) { c.baseURL = baseURL }
}

// WithBearerToken sends "Authorization: Bearer <token>" with the requests
// whose security requirements accept a bearer token (HTTP bearer, OAuth 2 or
// OpenID Connect), and with every request of an operation that states none.
func WithBearerToken(token string) Option {
	return withCredential(credential{id: "bearer", in: "header", name: "Authorization", value: "Bearer " + token})
}

// WithBasicAuth sends HTTP Basic credentials with the requests whose
// security requirements accept them, and with every request of an operation
// that states none.
func WithBasicAuth(user, password string) Option {
	cred := base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	return withCredential(credential{id: "basic", in: "header", name: "Authorization", value: "Basic " + cred})
}

// WithHTTPClient sends requests through hc; nil means http.DefaultClient.
// The client's own Timeout, if any, also applies to each attempt.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *requestConfig) {
		if hc == nil {
			hc = http.DefaultClient
		}
		c.httpClient = hc
	}
}

// WithMaxRetries sets how many times a failed attempt may be retried
// (default 2, so at most 3 attempts). Zero or less disables retries.
func WithMaxRetries(n int) Option {
	return func(c *requestConfig) { c.maxRetries = max(n, 0) }
}

// WithRequestTimeout bounds each attempt, reading the response body
// included. An attempt cut by this timeout is retried like a connection
// error. For the stream methods that yield events it is an idle
// timeout instead: the stream is cut when no data arrives for d, however
// long it runs in all. The context passed to a method still bounds the whole call,
// retries and waits included. Zero or less means no per-attempt limit.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *requestConfig) { c.requestTimeout = max(d, 0) }
}

// WithHeader sets the request header key to value, replacing what the
// client, the operation or an earlier option set.
func WithHeader(key, value string) Option {
	return func(c *requestConfig) { c.headers().Set(key, value) }
}

// WithHeaderAdd adds value to the request header key, keeping the values
// that earlier options added.
func WithHeaderAdd(key, value string) Option {
	return func(c *requestConfig) { c.headers().Add(key, value) }
}

// WithIdempotencyKey sends key as the idempotency key of the call, instead
// of the random one generated for operations that declare an idempotency
// header. On an operation that declares none, the key is sent as
// Idempotency-Key. Either way a key makes POST and PATCH calls retryable.
// A key set on the operation's request value takes precedence.
func WithIdempotencyKey(key string) Option {
	return func(c *requestConfig) { c.idempotencyKey = key }
}

// WithMiddleware adds mw around every attempt. Middlewares run in the order
// they were added, client ones before call ones; each one sees the request
// as the previous one passed it on.
func WithMiddleware(mw Middleware) Option {
	return func(c *requestConfig) {
		if mw != nil {
			c.middlewares = append(c.middlewares, mw)
		}
	}
}

// WithResponseInto stores the last raw HTTP response of the call in *dst,
// also when the call fails with an error status. Its body has already been
// read and closed; Body is replaced by a re-readable copy of what the client
// read: the whole body for a decoded 2xx response, at most 1 MiB otherwise.
// *dst is left alone when no response was received. For a stream method
// that yields events, the body is the live stream, which the loop reads
// and closes.
func WithResponseInto(dst **http.Response) Option {
	return func(c *requestConfig) { c.responseInto = dst }
}

// WithStreamEvents calls fn before each event of a stream method is
// yielded, with the event's name and the last event ID the server sent.
// For server-sent events the name is the event: field ("message" when the
// event has none) and the ID persists across events as the id: field set
// it; for JSON Lines both are "". Use it per call to route union events by
// name or to remember where to resume.
func WithStreamEvents(fn func(name, id string)) Option {
	return func(c *requestConfig) { c.onEvent = fn }
}

// WithMaxEventSize bounds one line and one event of a stream method (16 MiB
// by default); a larger one ends the stream with an error. Zero or less
// restores the default.
func WithMaxEventSize(n int) Option {
	return func(c *requestConfig) { c.maxEventSize = max(n, 0) }
}

// headers returns c.header, creating it on first use.
func (c *requestConfig) headers() http.Header {
	if c.header == nil {
		c.header = make(http.Header)
	}
	return c.header
}
