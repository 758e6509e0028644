package templates

import (
	"cmp"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// operation describes one API call, as generated code fills it in.
type operation struct {
	method       string // http.MethodGet, http.MethodPost, ...
	pathTemplate string // as in the spec, "/bulk/{job_id}"; used in errors
	path         string // pathTemplate with each value escaped by pathEscape
	query        url.Values
	header       http.Header

	// body is sent JSON-encoded when non-nil, as contentType
	// ("application/json" when empty).
	body        any
	contentType string

	// rawBody, when non-nil, is sent as is (read once, so every attempt
	// sends the same bytes) instead of body.
	rawBody io.Reader

	// accept is the Accept header; "application/json" when empty.
	accept string

	// idempotencyHeader names the idempotency key header the operation
	// declares, such as "Idempotency-Key"; "" when it declares none.
	idempotencyHeader string

	// security lists the alternative sets of credentials the operation
	// accepts, by credential id ("bearer", "basic", "key:<scheme>"); nil
	// when it states no requirement. See credentialsFor.
	security [][]string

	// bodiless lists the success statuses the operation declares without
	// a body, as the spec writes them ("204", "2XX"). A JSON result that
	// arrives empty with any other 2xx status but 204 and 205 is an error.
	bodiless []string

	// errorBody returns a pointer to decode an error response body into;
	// nil when the operation declares no error schema. Operations set it
	// to newErrorBody[T], compiled once per error type, not to a function
	// literal each: Microsoft Graph has 22,000 operations and one error
	// type.
	errorBody func() any
}

// newErrorBody returns a new *T, for operation.errorBody.
func newErrorBody[T any]() any {
	return new(T)
}

// setHeader sets the request header k to v. Like addQuery, it is kept out
// of line.
//
//go:noinline
func (op *operation) setHeader(k, v string) {
	if op.header == nil {
		op.header = make(http.Header)
	}
	op.header.Set(k, v)
}

// addCookie adds the cookie k=v to the request's Cookie header.
func (op *operation) addCookie(k, v string) {
	c := (&http.Cookie{Name: k, Value: v}).String()
	if c == "" { // a name http.Cookie cannot carry
		return
	}
	if op.header == nil {
		op.header = make(http.Header)
	}
	if prev := op.header.Get("Cookie"); prev != "" {
		c = prev + "; " + c
	}
	op.header.Set("Cookie", c)
}

// addQuery adds v to the query parameter k.
//
// It is kept out of line: every operation calls it once per parameter, and
// inlined, the map and slice it grows come to most of an operation's code.
// Microsoft Graph's 11,000 operations build in four fifths of the time and
// memory this way. A call per parameter costs nothing beside the request.
//
//go:noinline
func (op *operation) addQuery(k, v string) {
	if op.query == nil {
		op.query = make(url.Values)
	}
	op.query.Add(k, v)
}

// name is how errors refer to the operation: "POST /bulk/{job_id}". It never
// holds a query string or a credential.
func (op *operation) name() string {
	return op.method + " " + cmp.Or(op.pathTemplate, op.path)
}

// wrap prefixes err with the operation's name, keeping it for errors.Is
// and errors.As.
func (op *operation) wrap(err error) error {
	return fmt.Errorf("%s: %w", op.name(), err)
}

// requestURL joins the base URL and the operation's escaped path and
// query. The path keeps its escaping: a value "a/b" escaped as "a%2Fb"
// stays one segment on the wire.
func (op *operation) requestURL(cfg *requestConfig) (*url.URL, error) {
	var u *url.URL
	if cfg.base != nil {
		base := *cfg.base
		u = &base
	} else {
		var err error
		if u, err = parseBaseURL(cfg.baseURL); err != nil {
			return nil, err
		}
	}
	rawPath := strings.TrimSuffix(u.EscapedPath(), "/") + "/" + strings.TrimPrefix(op.path, "/")
	path, err := url.PathUnescape(rawPath)
	if err != nil {
		return nil, fmt.Errorf("invalid path %q: %w", op.path, err)
	}
	u.Path, u.RawPath = path, rawPath
	u.RawQuery = op.query.Encode()
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// parseBaseURL parses a base URL, which needs a scheme and a host.
func parseBaseURL(base string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("invalid base URL: %w", unwrapURLError(err)) // the URL may hold a password
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("invalid base URL %q: want scheme and host", u.Redacted())
	}
	return u, nil
}

// pathEscape escapes a path parameter value so that it stays one segment.
//
// Operations call it rather than url.PathEscape, which the compiler would
// inline into every one of them with the bookkeeping that goes with an
// inlined call: Microsoft Graph's operations escape 25,000 path values.
//
//go:noinline
func pathEscape(s string) string {
	return url.PathEscape(s)
}

// mayBeEmpty reports whether a 2xx response with this status may come
// without a body: 204 and 205 never have one, and the operation may
// declare others.
func (op *operation) mayBeEmpty(status int) bool {
	if status == http.StatusNoContent || status == http.StatusResetContent {
		return true
	}
	code := strconv.Itoa(status)
	for _, c := range op.bodiless {
		if c == code || len(c) == 3 && c[0] == code[0] && strings.EqualFold(c[1:], "XX") {
			return true
		}
	}
	return false
}
