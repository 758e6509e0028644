package templates

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Lengths of the body excerpts that errors carry.
const (
	maxSnippet = 256  // DecodeError.Snippet
	maxMessage = 1024 // the message shown by APIError.Error
)

// APIError is returned for every response whose status is not 2xx, once
// retries are spent. Use errors.As to get it.
type APIError struct {
	StatusCode   int         // 404
	Status       string      // "404 Not Found"
	Method       string      // "GET"
	PathTemplate string      // "/bulk/{job_id}", as in the API description
	URL          string      // the request URL without query string or user info
	Header       http.Header // response headers
	Body         []byte      // raw response body, at most 1 MiB

	// Message is the error text the body carried, from its "message" field,
	// else "detail", "title" or "error"; "" when there was none.
	Message string

	// Detail is the body decoded into the operation's error type (a
	// pointer), or nil when the operation declares none or the body did
	// not decode into it.
	Detail any
}

// Error returns "<method> <path template>: <status>[: <message>]". It never
// includes the query string or the request's credentials.
func (e *APIError) Error() string {
	s := e.Method + " " + e.PathTemplate + ": " + e.Status
	if e.Message != "" {
		s += ": " + snippet([]byte(e.Message), maxMessage)
	}
	return s
}

// newAPIError describes the error response in res.
func newAPIError(op *operation, res *attemptResult) *APIError {
	resp := res.resp
	u := *resp.Request.URL
	u.User, u.RawQuery, u.ForceQuery = nil, "", false
	e := &APIError{
		StatusCode:   resp.StatusCode,
		Status:       resp.Status,
		Method:       op.method,
		PathTemplate: op.pathTemplate,
		URL:          u.String(),
		Header:       resp.Header,
		Body:         res.body,
		Message:      errorMessage(res.body),
	}
	if e.Status == "" { // a response made up by a middleware
		e.Status = strings.TrimSpace(strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode))
	}
	if op.errorBody != nil {
		if v := op.errorBody(); decodeJSON(res.body, v) == nil {
			e.Detail = v
		}
	}
	return e
}

// errorMessage finds the human-readable message of a JSON error body: the
// first string among "message", "detail", "title" and "error", or the
// "message" of an "error" object.
func errorMessage(body []byte) string {
	fields, ok := scanMembers(body)
	if !ok {
		return ""
	}
	for _, key := range [...]string{"message", "detail", "title", "error"} {
		if s, ok := stringField(fields, key); ok && s != "" {
			return s
		}
	}
	if nested, ok := scanMembers(memberValue(fields, "error")); ok {
		if s, ok := stringField(nested, "message"); ok {
			return s
		}
	}
	return ""
}

// snippet returns the start of b as text: at most n bytes, cut on a rune
// boundary, invalid UTF-8 replaced, and "…" appended when cut.
func snippet(b []byte, n int) string {
	if len(b) <= n {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	cut := n
	for cut > n-utf8.UTFMax && cut > 0 && !utf8.RuneStart(b[cut]) {
		cut-- // b[cut] continues a rune: do not split it
	}
	return strings.ToValidUTF8(string(b[:cut]), "\uFFFD") + "…"
}

// DecodeError is returned when a 2xx response body cannot be decoded into
// the result: malformed or truncated JSON, or a content type that is not
// JSON. The response was received in full, so the call is not retried.
type DecodeError struct {
	Method       string // "GET"
	PathTemplate string // "/bulk/{job_id}"
	StatusCode   int    // 200
	ContentType  string // the response's Content-Type header
	Snippet      string // the start of the body, at most 256 bytes
	Err          error  // the decoding error
}

// Error describes the failure with the status and the start of the body.
func (e *DecodeError) Error() string {
	return e.Method + " " + e.PathTemplate + ": decoding " + strconv.Itoa(e.StatusCode) +
		" response (" + e.ContentType + "): " + e.Err.Error() + "; body starts " + strconv.Quote(e.Snippet)
}

// Unwrap returns the decoding error.
func (e *DecodeError) Unwrap() error {
	return e.Err
}
