package templates

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// userAgent identifies the client runtime to servers.
const userAgent = "oagen-go"

// preparedRequest is what every attempt of one call sends. It is built once
// per call, so the body bytes and the idempotency key are identical on
// every attempt.
type preparedRequest struct {
	method    string
	url       *url.URL // never changed: each attempt sends a copy
	header    http.Header
	body      []byte // nil when the request has no body
	retryable bool   // the method is idempotent or an idempotency key is sent
	// shareHeader lets every attempt send header itself rather than a
	// copy: nothing that sees the request may change it (no middleware,
	// and no cookie jar, which adds its cookies to the request it is
	// given; a RoundTripper must not change a request).
	shareHeader bool

	// secretHeaders name the headers other than Authorization that carry
	// a credential; see guardRedirects.
	secretHeaders []string
}

// prepareRequest encodes op under cfg.
func prepareRequest(op *operation, cfg *requestConfig) (*preparedRequest, error) {
	body, err := encodeBody(op.body)
	if op.rawBody != nil {
		body, err = io.ReadAll(op.rawBody)
		if err == nil && body == nil {
			body = []byte{}
		}
	}
	if err != nil {
		return nil, err
	}
	header, secret := requestHeader(op, cfg, body != nil)
	u, err := op.requestURL(cfg)
	if err != nil {
		return nil, err
	}
	keyed := ensureIdempotencyKey(op, cfg, header)
	return &preparedRequest{
		method:        op.method,
		url:           u,
		header:        header,
		body:          body,
		retryable:     idempotentMethod(op.method) || keyed,
		shareHeader:   len(cfg.middlewares) == 0 && cfg.httpClient.Jar == nil,
		secretHeaders: secret,
	}, nil
}

// newRequest returns a fresh request for one attempt, bound to ctx.
func (p *preparedRequest) newRequest(ctx context.Context) (*http.Request, error) {
	var body io.Reader // a nil interface when there is no body
	if p.body != nil {
		body = bytes.NewReader(p.body) // also sets GetBody and ContentLength
	}
	// The URL is built already: the request gets a copy of it rather than
	// printing it for http.NewRequestWithContext to parse back.
	req, err := http.NewRequestWithContext(ctx, p.method, "", body)
	if err != nil {
		return nil, err
	}
	*req.URL = *p.url
	req.Host = withoutEmptyPort(p.url.Host)
	if p.shareHeader {
		req.Header = p.header
	} else {
		req.Header = p.header.Clone()
	}
	return req, nil
}

// withoutEmptyPort drops the colon of a host that ends in one with no port
// after it, as http.NewRequest does.
func withoutEmptyPort(host string) string {
	if strings.LastIndexByte(host, ':') > strings.LastIndexByte(host, ']') {
		return strings.TrimSuffix(host, ":")
	}
	return host
}

// encodeBody returns v as JSON, or nil when v is nil. HTML characters are
// left as they are: bodies may carry HTML on purpose.
func encodeBody(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	if m, ok := v.(jsonMover); ok {
		body, err := marshalJSON(m)
		if err != nil {
			return nil, fmt.Errorf("encoding request body: %w", err)
		}
		return body, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding request body: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// requestHeader merges, in increasing precedence, the runtime defaults, the
// credentials the operation's security requirements ask for, the
// operation's headers and the options' headers. Query and cookie
// credentials go into op. It also returns the names of the headers that
// carry an API key.
func requestHeader(op *operation, cfg *requestConfig, hasBody bool) (http.Header, []string) {
	h := make(http.Header, 4+len(op.header)+len(cfg.header))
	// The headers every request carries take one allocation: each is a
	// slice of one array, capped so that adding a value copies it. Their
	// names are canonical already.
	fixed := []string{cmp.Or(op.accept, "application/json"), userAgent, cmp.Or(op.contentType, "application/json")}
	h["Accept"] = fixed[0:1:1]
	h["User-Agent"] = fixed[1:2:2]
	if hasBody {
		h["Content-Type"] = fixed[2:3:3]
	}
	secret := applyCredentials(op, h, credentialsFor(op, cfg.credentials))
	for _, layer := range [...]http.Header{op.header, cfg.header} {
		for k, vs := range layer {
			h[http.CanonicalHeaderKey(k)] = slices.Clone(vs)
		}
	}
	return h, secret
}
