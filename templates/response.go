package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
)

// decodeResult turns the last attempt of a call into call's results.
func decodeResult(op *operation, res *attemptResult, out any) (bool, error) {
	if res.err != nil {
		return false, op.wrap(unwrapURLError(res.err))
	}
	if !is2xx(res.resp.StatusCode) {
		return false, newAPIError(op, res)
	}
	if out == nil {
		return false, nil
	}
	ct := res.resp.Header.Get("Content-Type")
	var err error
	switch {
	case len(bytes.TrimSpace(res.body)) == 0:
		if op.mayBeEmpty(res.resp.StatusCode) {
			return false, nil
		}
		err = errEmptyBody
	default:
		err = checkJSONContentType(ct)
	}
	if err == nil {
		err = decodeJSON(res.body, out)
	}
	if err != nil {
		return false, &DecodeError{
			Method:       op.method,
			PathTemplate: op.pathTemplate,
			StatusCode:   res.resp.StatusCode,
			ContentType:  ct,
			Snippet:      snippet(res.body, maxSnippet),
			Err:          err,
		}
	}
	return true, nil
}

// errEmptyBody is the cause of a DecodeError for a 2xx response that
// arrives without the JSON body the operation declares.
var errEmptyBody = errors.New("empty body; the API description declares a JSON body for this status")

// decodeJSON decodes data into out, a pointer, with its moveJSON method
// when it has one.
func decodeJSON(data []byte, out any) error {
	if m, ok := out.(jsonMover); ok {
		return unmarshalJSON(data, m)
	}
	return json.Unmarshal(data, out)
}

// checkJSONContentType accepts application/json, any +json type, and a
// missing Content-Type (decoded as JSON).
func checkJSONContentType(ct string) error {
	if ct == "" || ct == "application/json" || ct == "application/json; charset=utf-8" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		return nil
	}
	return fmt.Errorf("unexpected content type %q, want JSON", ct)
}

// unwrapURLError drops the *url.Error that http.Client wraps transport
// errors in: its message repeats the full URL, query string included, which
// may hold secrets. The cause is kept, so errors.Is(err,
// context.DeadlineExceeded) and similar checks still hold.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok { // only the outermost: keep wrappers' context
		return ue.Err
	}
	return err
}
