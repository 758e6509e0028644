package couriertest

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Error types of Courier's error bodies.
const (
	typeInvalidRequest = "invalid_request_error"
	typeAuthentication = "authentication_error"
	typeRateLimit      = "rate_limit_error"
	typeAPI            = "api_error"
)

// A reply is a finished response: what operations return, what the
// idempotency store keeps and what ServeHTTP writes.
type reply struct {
	status int
	body   []byte // JSON; nil means no body
	allow  string // Allow header of a 405
}

// storable reports whether an idempotency key keeps this reply. Requests
// that failed validation, authentication, lookup or size never ran, so they
// may be retried with the same key.
func (r reply) storable() bool {
	switch r.status {
	case http.StatusBadRequest, http.StatusUnauthorized, http.StatusNotFound,
		http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge:
		return false
	}
	return true
}

func jsonReply(status int, v any) reply {
	b, err := json.Marshal(v)
	if err != nil {
		return errorReply(http.StatusInternalServerError, typeAPI, "encode response: "+err.Error())
	}
	return reply{status: status, body: b}
}

type errorBody struct {
	Message string `json:"message"`
	Type    string `json:"type"`
}

func errorReply(status int, typ, message string) reply {
	b, _ := json.Marshal(errorBody{Message: message, Type: typ})
	return reply{status: status, body: b}
}

func invalid(status int, message string) reply {
	return errorReply(status, typeInvalidRequest, message)
}

func writeReply(w http.ResponseWriter, r reply) {
	h := w.Header()
	if r.allow != "" {
		h.Set("Allow", r.allow)
	}
	if r.body != nil {
		h.Set("Content-Type", "application/json")
		h.Set("Content-Length", strconv.Itoa(len(r.body)))
	}
	w.WriteHeader(r.status)
	if r.body != nil {
		_, _ = w.Write(r.body)
	}
}
