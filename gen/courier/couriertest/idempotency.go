package couriertest

import "net/http"

// idemEntry is the state of one idempotency key on one endpoint: in flight
// until done, then the stored reply.
type idemEntry struct {
	done bool
	rep  reply
}

// idempotent runs op at most once per scope (endpoint and key). A repeat
// after a stored reply gets that reply again; a repeat while the first is in
// flight gets a 409 that is not stored; a reply that is not storable (the
// request never ran) frees the key for another try.
func (h *Handler) idempotent(scope string, op func() reply) reply {
	h.mu.Lock()
	if e, ok := h.idem[scope]; ok {
		done, rep := e.done, e.rep
		h.mu.Unlock()
		if !done {
			return invalid(http.StatusConflict, "Conflict: a request with this Idempotency-Key is still in progress")
		}
		h.replays.Add(1)
		return rep
	}
	e := &idemEntry{}
	h.idem[scope] = e
	h.mu.Unlock()

	rep := op()

	h.mu.Lock()
	defer h.mu.Unlock()
	if rep.storable() {
		e.done, e.rep = true, rep
	} else {
		delete(h.idem, scope)
	}
	return rep
}
