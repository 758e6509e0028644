package couriertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"net/http"
)

// parseUsers reads an add-users body {"users": [object, ...]}. It returns
// the users it could read even when the body is unusable, so that they
// count as sent.
func parseUsers(body []byte) ([]json.RawMessage, *reply) {
	var in struct {
		Users *[]json.RawMessage `json:"users"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, ptr(invalid(http.StatusBadRequest, "Invalid request body: "+err.Error()))
	}
	if in.Users == nil {
		return nil, ptr(invalid(http.StatusBadRequest, `"users" is required and must be an array`))
	}
	users := *in.Users
	for i, u := range users {
		if u[0] != '{' {
			return users, ptr(invalid(http.StatusBadRequest, fmt.Sprintf("users[%d] must be an object", i)))
		}
	}
	return users, nil
}

// prepared is a user ready to store: compact JSON and identity.
type prepared struct {
	json []byte
	id   uint64
}

// prepare compacts users and computes their identities, outside any lock.
// The compact forms share one buffer.
func (h *Handler) prepare(users []json.RawMessage) []prepared {
	out := make([]prepared, len(users))
	var buf bytes.Buffer
	ends := make([]int, len(users))
	for i, u := range users {
		_ = json.Compact(&buf, u) // valid: it was decoded already
		ends[i] = buf.Len()
		out[i].id = maphash.Bytes(h.seed, canonical(u))
	}
	all, start := buf.Bytes(), 0
	for i, end := range ends {
		out[i].json = all[start:end:end]
		start = end
	}
	return out
}

// listItem is a stored user as get-users lists it: its own fields plus
// status and, once enqueued, messageId.
func listItem(user []byte, status, msgID string) json.RawMessage {
	var m map[string]json.RawMessage
	_ = json.Unmarshal(user, &m) // stored users are objects
	if m == nil {
		m = make(map[string]json.RawMessage, 2)
	}
	m["status"], _ = json.Marshal(status)
	delete(m, "messageId")
	if msgID != "" {
		m["messageId"], _ = json.Marshal(msgID)
	}
	b, _ := json.Marshal(m)
	return b
}
