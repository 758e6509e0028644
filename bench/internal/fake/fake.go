// Package fake answers the two Courier requests the benchmarks make,
// create a job and get a page of users, with fixed bodies, either as an
// http.RoundTripper (no network, no goroutines) or as an http.Handler to
// put behind httptest.NewServer. Every client under test meets the same
// answers.
package fake

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// JobID is the id every created job gets.
const JobID = "1-61e9dd53-b5bb6c863b7ffbe83ad4b28d"

// CreateJobBody is the answer to POST /bulk.
var CreateJobBody = []byte(`{"jobId":"` + JobID + `"}`)

// UsersPage is the answer to GET /bulk/{job_id}/users: 100 users with a
// profile, data, a message id and a status, and a cursor to a next page.
var UsersPage = usersPage(100)

func usersPage(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"recipient":"user-%d","profile":{"email":"user%d@example.com","phone_number":"+1555555%04d"},`+
			`"data":{"name":"User %d","plan":"pro","visits":%d},"to":{"user_id":"user-%d","locale":"en"},`+
			`"messageId":"1-61e9dd7d-13c08339357603322c43%04d","status":"ENQUEUED"}`, i, i, i, i, i, i, i)
	}
	b.WriteString(`],"paging":{"cursor":"MTAw","more":true}}`)
	return b.Bytes()
}

var errorBody = []byte(`{"message":"Not Found","type":"invalid_request_error"}`)

// answer returns the status and body for method and path.
func answer(method, path string) (int, []byte) {
	switch {
	case method == http.MethodPost && path == "/bulk":
		return http.StatusOK, CreateJobBody
	case method == http.MethodGet && strings.HasPrefix(path, "/bulk/") && strings.HasSuffix(path, "/users"):
		return http.StatusOK, UsersPage
	}
	return http.StatusNotFound, errorBody
}

// Transport is an http.RoundTripper that reads and drops the request body
// and answers like Courier.
type Transport struct{}

// RoundTrip implements http.RoundTripper.
func (Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	status, body := answer(req.Method, req.URL.Path)
	return &http.Response{
		Status:        http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// Handler answers like Transport, over a real connection.
type Handler struct{}

// ServeHTTP implements http.Handler.
func (Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	status, body := answer(r.Method, r.URL.Path)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
