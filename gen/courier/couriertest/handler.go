package couriertest

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// An Operation names one of the five bulk operations by its operationId.
type Operation string

// The operations, named as in Courier's spec.
const (
	OpCreateJob   Operation = "bulk_createJob"
	OpIngestUsers Operation = "bulk_ingestUsers"
	OpRunJob      Operation = "bulk_runJob"
	OpGetJob      Operation = "bulk_getJob"
	OpGetUsers    Operation = "bulk_getUsers"
)

// Handler is the fake Bulk API as an http.Handler, to mount anywhere or to
// call directly; NewServer wraps one in a listening server. Its methods are
// safe for concurrent use.
type Handler struct {
	cfg     config
	seed    maphash.Seed
	latency atomic.Int64 // time.Duration

	faultMu sync.Mutex
	faults  faultState

	// Counters that need no lock.
	requests, replays, faultCount, usersSent atomic.Int64

	mu     sync.Mutex
	jobs   map[string]*job
	order  []*job // by creation
	arena  arena
	idem   map[string]*idemEntry
	stored int64 // users stored, all jobs
	dups   int64 // users stored although already in their job
	reject int64 // duplicates skipped under WithRejectDuplicates
}

// NewHandler returns a fake with no jobs, configured by opts.
func NewHandler(opts ...Option) *Handler {
	h := &Handler{
		cfg:  newConfig(opts),
		seed: maphash.MakeSeed(),
		jobs: make(map[string]*job),
		idem: make(map[string]*idemEntry),
	}
	h.faults = faultState{plan: h.cfg.faults}
	h.latency.Store(int64(h.cfg.latency))
	return h
}

// SetLatency changes the delay added to every request; 0 removes it.
func (h *Handler) SetLatency(d time.Duration) { h.latency.Store(int64(d)) }

// request is what ServeHTTP learns about a request before running it.
type request struct {
	op     Operation
	jobID  string
	cursor string
	early  *reply            // answer decided before the operation (404, 405, 413)
	body   []byte            // POST body
	users  []json.RawMessage // add users: the parsed users
	bad    *reply            // add users: why the body is unusable
}

// ServeHTTP answers one request: routing and reading, latency, an injected
// fault before, authentication, idempotency, the operation, an injected fault
// after, and the response.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.requests.Add(1)
	q := h.parse(r)
	if !h.wait(r.Context()) { // after reading the body, so a hang-up is seen
		return
	}
	h.faultMu.Lock()
	f, fail := h.faults.next(q.op)
	h.faultMu.Unlock()
	if fail {
		h.faultCount.Add(1)
	}
	if fail && !f.After {
		inject(w, f)
		return
	}
	rep := h.respond(r, q)
	if fail {
		inject(w, f)
		return
	}
	writeReply(w, rep)
}

// wait sleeps for the configured latency; false if the client went away.
func (h *Handler) wait(ctx context.Context) bool {
	d := time.Duration(h.latency.Load())
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// parse routes r and reads its body. Users of an add-users body are counted
// as sent here, whatever happens to the request afterwards.
func (h *Handler) parse(r *http.Request) *request {
	q := &request{cursor: r.URL.Query().Get("cursor")}
	q.op, q.jobID, q.early = route(r.Method, r.URL.Path)
	if r.Method != http.MethodPost {
		return q
	}
	body, err := readBody(r, h.cfg.maxBodyBytes+1)
	switch {
	case err != nil:
		q.early = ptr(invalid(http.StatusBadRequest, "cannot read request body: "+err.Error()))
	case int64(len(body)) > h.cfg.maxBodyBytes:
		if q.early == nil {
			q.early = ptr(invalid(http.StatusRequestEntityTooLarge, "request body is larger than the service accepts"))
		}
	}
	q.body = body
	if q.op == OpIngestUsers && q.early == nil {
		q.users, q.bad = parseUsers(body)
		h.usersSent.Add(int64(len(q.users)))
	}
	return q
}

func ptr[T any](v T) *T { return &v }

// route maps a method and path to an operation and job id, or to a 404 or
// 405 reply.
func route(method, path string) (Operation, string, *reply) {
	id, ep, ok := matchPath(path)
	if !ok {
		return "", "", ptr(invalid(http.StatusNotFound, "Not Found: no route for "+method+" "+path))
	}
	switch {
	case method == http.MethodGet && ep.get != "":
		return ep.get, id, nil
	case method == http.MethodPost && ep.post != "":
		return ep.post, id, nil
	}
	r := invalid(http.StatusMethodNotAllowed, "Method Not Allowed: "+method+" "+path)
	r.allow = ep.allow()
	return "", id, &r
}

// endpoint is what one path offers, by method.
type endpoint struct{ get, post Operation }

func (e endpoint) allow() string {
	var methods []string
	if e.get != "" {
		methods = append(methods, http.MethodGet)
	}
	if e.post != "" {
		methods = append(methods, http.MethodPost)
	}
	return strings.Join(methods, ", ")
}

// matchPath finds the endpoint of path and its job id: /bulk,
// /bulk/{job_id}, /bulk/{job_id}/run or /bulk/{job_id}/users.
func matchPath(path string) (string, endpoint, bool) {
	if path == "/bulk" {
		return "", endpoint{post: OpCreateJob}, true
	}
	rest, ok := strings.CutPrefix(path, "/bulk/")
	id, tail, nested := strings.Cut(rest, "/")
	switch {
	case !ok || id == "":
	case !nested:
		return id, endpoint{get: OpGetJob, post: OpIngestUsers}, true
	case tail == "run":
		return id, endpoint{post: OpRunJob}, true
	case tail == "users":
		return id, endpoint{get: OpGetUsers}, true
	}
	return "", endpoint{}, false
}

// respond authenticates r and runs its operation, through the idempotency
// store when r is a POST with an Idempotency-Key.
func (h *Handler) respond(r *http.Request, q *request) reply {
	if !h.authorized(r.Header.Get("Authorization")) {
		return errorReply(http.StatusUnauthorized, typeAuthentication, "Unauthorized: missing or invalid bearer token")
	}
	key := r.Header.Get("Idempotency-Key")
	if key == "" || r.Method != http.MethodPost {
		return h.execute(q)
	}
	return h.idempotent(r.Method+" "+r.URL.Path+"\n"+key, func() reply { return h.execute(q) })
}

func (h *Handler) authorized(header string) bool {
	if h.cfg.token == "" {
		return true
	}
	scheme, token, ok := strings.Cut(header, " ")
	return ok && strings.EqualFold(scheme, "Bearer") &&
		subtle.ConstantTimeCompare([]byte(token), []byte(h.cfg.token)) == 1
}

// execute runs the operation of q.
func (h *Handler) execute(q *request) reply {
	if q.early != nil {
		return *q.early
	}
	switch q.op {
	case OpCreateJob:
		return h.createJob(q.body)
	case OpIngestUsers:
		if q.bad != nil {
			return *q.bad
		}
		return h.ingestUsers(q.jobID, q.users)
	case OpRunJob:
		return h.runJob(q.jobID)
	case OpGetJob:
		return h.getJob(q.jobID)
	case OpGetUsers:
		return h.getUsers(q.jobID, q.cursor)
	}
	return invalid(http.StatusNotFound, "Not Found")
}

// readBody reads up to limit bytes of r's body. When the client declared
// the body's length, the buffer is allocated once and filled with few
// reads, instead of grown from 512 bytes.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	if n := r.ContentLength; n > 0 && n < limit {
		body := make([]byte, n)
		_, err := io.ReadFull(r.Body, body)
		if err == io.ErrUnexpectedEOF {
			err = fmt.Errorf("the body ended before its Content-Length of %d bytes", n)
		}
		return body, err
	}
	return io.ReadAll(io.LimitReader(r.Body, limit))
}
