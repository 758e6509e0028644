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
	if users, ok := splitUsers(body); ok {
		return users, nil
	}
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

// splitUsers is parseUsers' fast path for the body clients send: exactly
// {"users":[{...},...]} with no space, every user an object. It cuts the
// users out of body without copying them and reports false for any other
// body, valid or not, which parseUsers then reads with encoding/json.
func splitUsers(body []byte) ([]json.RawMessage, bool) {
	const head, tail = `{"users":[`, `]}`
	if !bytes.HasPrefix(body, []byte(head)) || !bytes.HasSuffix(body, []byte(tail)) || !json.Valid(body) {
		return nil, false
	}
	in := body[len(head) : len(body)-len(tail)]
	var users []json.RawMessage
	for len(in) > 0 {
		if in[0] != '{' {
			return nil, false
		}
		n := valueEnd(in)
		users = append(users, in[:n:n])
		in = in[n:]
		if len(in) > 0 {
			if in[0] != ',' {
				return nil, false
			}
			in = in[1:]
		}
	}
	return users, true
}

// valueEnd returns the length of the object or array that starts in, which
// is valid JSON.
func valueEnd(in []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(in); i++ {
		switch b := in[i]; {
		case inString:
			if b == '\\' {
				i++
			} else if b == '"' {
				inString = false
			}
		case b == '"':
			inString = true
		case b == '{' || b == '[':
			depth++
		case b == '}' || b == ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return len(in)
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
	var c canonicalizer
	var canon []byte
	for i, u := range users {
		if bytes.ContainsAny(u, " \t\r\n") {
			_ = json.Compact(&buf, u) // valid: it was decoded already
		} else {
			buf.Write(u) // compact already, as clients send it
		}
		ends[i] = buf.Len()
		canon = c.canonical(canon[:0], u)
		out[i].id = maphash.Bytes(h.seed, canon)
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
