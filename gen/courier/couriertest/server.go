package couriertest

import (
	"net/http"
	"net/http/httptest"
)

// Server is a Handler listening on a 127.0.0.1 port. The Handler's methods
// (Stats, Job, Users, SetFaults, ...) are available on it directly.
type Server struct {
	*Handler
	// URL is the base URL, "http://127.0.0.1:port", with no trailing slash.
	URL string
	srv *httptest.Server
}

// NewServer starts a fake Courier configured by opts. Close it when done.
func NewServer(opts ...Option) *Server {
	h := NewHandler(opts...)
	srv := httptest.NewServer(h)
	return &Server{Handler: h, URL: srv.URL, srv: srv}
}

// Client returns an HTTP client for the server; any client works.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close stops the server and waits for requests in progress.
func (s *Server) Close() { s.srv.Close() }
