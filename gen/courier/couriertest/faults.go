package couriertest

import (
	"net"
	"net/http"
	"slices"
)

// A FaultKind is what an injected fault looks like to the client.
type FaultKind int

const (
	// FaultNone injects nothing.
	FaultNone FaultKind = iota
	// FaultServerError answers 500 {"type":"api_error"}.
	FaultServerError
	// FaultRateLimit answers 429 {"type":"rate_limit_error"}.
	FaultRateLimit
	// FaultReset closes the connection (with an RST where it can) without
	// writing any response.
	FaultReset
)

func (k FaultKind) String() string {
	switch k {
	case FaultNone:
		return "none"
	case FaultServerError:
		return "server-error"
	case FaultRateLimit:
		return "rate-limit"
	case FaultReset:
		return "reset"
	}
	return "FaultKind(?)"
}

// Faults is a plan of injected failures. The zero value injects nothing.
type Faults struct {
	// Every n: the nth, 2nth, 3nth... counted request fails. 0 disables.
	Every int
	// Kind of failure.
	Kind FaultKind
	// After runs the operation (storing its idempotent response) before
	// failing, so the work is done but the response is lost. Otherwise the
	// fault replaces the operation and nothing changes.
	After bool
	// RetryAfter, when not empty, is sent as the Retry-After header of
	// FaultServerError and FaultRateLimit answers: "1", "0" or an HTTP date.
	RetryAfter string
	// Only restricts the plan to these operations; requests for others
	// are neither counted nor failed. Empty means every request, including
	// ones that match no operation.
	Only []Operation
	// Limit stops the plan after that many faults; 0 means no limit.
	Limit int
}

// faultState is the live plan and its counters; guarded by Handler.faultMu.
type faultState struct {
	plan  Faults
	seen  int // requests counted since the plan was set
	fired int // faults injected since the plan was set
}

// next counts a request for op and says whether it must fail.
func (s *faultState) next(op Operation) (Faults, bool) {
	p := s.plan
	if p.Every <= 0 || p.Kind == FaultNone {
		return Faults{}, false
	}
	if len(p.Only) > 0 && !slices.Contains(p.Only, op) {
		return Faults{}, false
	}
	s.seen++
	if s.seen%p.Every != 0 || (p.Limit > 0 && s.fired >= p.Limit) {
		return Faults{}, false
	}
	s.fired++
	return p, true
}

// SetFaults replaces the fault plan and restarts its counting. It is safe to
// call while requests are served.
func (h *Handler) SetFaults(f Faults) {
	h.faultMu.Lock()
	defer h.faultMu.Unlock()
	h.faults = faultState{plan: f}
}

// inject writes the fault f to w.
func inject(w http.ResponseWriter, f Faults) {
	if f.RetryAfter != "" && f.Kind != FaultReset {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	switch f.Kind {
	case FaultServerError:
		writeReply(w, errorReply(http.StatusInternalServerError, typeAPI, "Internal Server Error (injected fault)"))
	case FaultRateLimit:
		writeReply(w, errorReply(http.StatusTooManyRequests, typeRateLimit, "Too Many Requests (injected fault)"))
	case FaultReset:
		resetConn(w)
	}
}

// resetConn drops the connection under w without a response. When w cannot
// be hijacked (HTTP/2, a recorder) it aborts the handler instead, which
// net/http turns into a closed stream or connection.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // close with RST rather than FIN
	}
	_ = conn.Close()
}
