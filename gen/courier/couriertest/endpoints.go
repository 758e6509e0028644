package couriertest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// createJob: POST /bulk {"message": {"event": ..., ...}} -> {"jobId": ...}.
func (h *Handler) createJob(body []byte) reply {
	var in struct {
		Message json.RawMessage `json:"message"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return invalid(http.StatusBadRequest, "Invalid request body: "+err.Error())
	}
	if len(in.Message) == 0 || in.Message[0] != '{' {
		return invalid(http.StatusBadRequest, `"message" is required and must be an object`)
	}
	var msg struct {
		Event json.RawMessage `json:"event"`
	}
	_ = json.Unmarshal(in.Message, &msg) // an object, known to decode
	var event string
	if len(msg.Event) == 0 || string(msg.Event) == "null" {
		return invalid(http.StatusBadRequest, `"message.event" is required`)
	}
	if err := json.Unmarshal(msg.Event, &event); err != nil {
		return invalid(http.StatusBadRequest, `"message.event" must be a string`)
	}
	if event == "" {
		return invalid(http.StatusBadRequest, `"message.event" must not be empty`)
	}
	var def bytes.Buffer
	_ = json.Compact(&def, in.Message)

	h.mu.Lock()
	seq := uint32(len(h.order) + 1)
	j := &job{id: jobID(seq), seq: seq, definition: def.Bytes(), status: StatusCreated, seen: make(map[uint64]struct{})}
	h.jobs[j.id] = j
	h.order = append(h.order, j)
	h.mu.Unlock()

	status := http.StatusOK
	if h.cfg.legacy {
		status = http.StatusCreated
	}
	return jsonReply(status, map[string]string{"jobId": j.id})
}

// ingestError is one entry of the legacy add-users body's errors.
type ingestError struct {
	User  json.RawMessage `json:"user"`
	Error string          `json:"error"`
}

// ingestUsers: POST /bulk/{job_id} {"users": [...]} -> 204 (legacy 200
// {"total": n, "errors": [...]}). Users are stored in order; a job that
// has run takes no more.
func (h *Handler) ingestUsers(id string, users []json.RawMessage) reply {
	if rep := h.checkOpen(id); rep != nil {
		return *rep
	}
	ready := h.prepare(users)

	h.mu.Lock()
	j := h.jobs[id]                // jobs are never removed
	if j.status != StatusCreated { // run while the users were prepared
		h.mu.Unlock()
		return closed(id)
	}
	var skipped []ingestError
	for i, u := range ready {
		if _, dup := j.seen[u.id]; dup {
			if h.cfg.rejectDuplicates {
				h.reject++
				skipped = append(skipped, ingestError{User: users[i], Error: "Duplicate user"})
				continue
			}
			j.duplicates++
			h.dups++
		}
		j.seen[u.id] = struct{}{}
		j.users = append(j.users, h.arena.copy(u.json))
		h.stored++
	}
	h.mu.Unlock()

	if !h.cfg.legacy {
		return reply{status: http.StatusNoContent}
	}
	return jsonReply(http.StatusOK, struct {
		Total  int           `json:"total"`
		Errors []ingestError `json:"errors,omitempty"`
	}{len(ready) - len(skipped), skipped})
}

// checkOpen says why users cannot be added to job id, if they cannot.
func (h *Handler) checkOpen(id string) *reply {
	h.mu.Lock()
	defer h.mu.Unlock()
	j, ok := h.jobs[id]
	switch {
	case !ok:
		return ptr(jobNotFound(id))
	case j.status != StatusCreated:
		return ptr(closed(id))
	}
	return nil
}

func closed(id string) reply {
	return invalid(http.StatusConflict, "Conflict: job "+id+" has already been run and takes no more users")
}

func jobNotFound(id string) reply {
	return invalid(http.StatusNotFound, "Not Found: no bulk job with id "+strconv.Quote(id))
}

// runJob: POST /bulk/{job_id}/run -> 204 (legacy 202), once per job.
func (h *Handler) runJob(id string) reply {
	h.mu.Lock()
	defer h.mu.Unlock()
	j, ok := h.jobs[id]
	switch {
	case !ok:
		return jobNotFound(id)
	case j.status != StatusCreated:
		return invalid(http.StatusConflict, "Conflict: job "+id+" has already been run; create a new job to send again")
	}
	h.run(j, time.Now())
	if h.cfg.legacy {
		return reply{status: http.StatusAccepted}
	}
	return reply{status: http.StatusNoContent}
}

type jobDetails struct {
	Definition json.RawMessage `json:"definition"`
	Enqueued   int             `json:"enqueued"`
	Failures   int             `json:"failures"`
	Received   int             `json:"received"`
	Status     string          `json:"status"`
}

// getJob: GET /bulk/{job_id} -> {"job": {...}}. Each call is a poll that
// moves a processing job along.
func (h *Handler) getJob(id string) reply {
	h.mu.Lock()
	defer h.mu.Unlock()
	j, ok := h.jobs[id]
	if !ok {
		return jobNotFound(id)
	}
	h.advance(j, true, time.Now())
	return jsonReply(http.StatusOK, map[string]jobDetails{"job": {
		Definition: j.definition,
		Enqueued:   j.enqueued,
		Received:   len(j.users),
		Status:     j.status,
	}})
}

type paging struct {
	More   bool   `json:"more"`
	Cursor string `json:"cursor,omitempty"`
}

// getUsers: GET /bulk/{job_id}/users?cursor= -> {"items": [...], "paging":
// {"more", "cursor"}}, a page of users in the order they were added.
func (h *Handler) getUsers(id, cursor string) reply {
	h.mu.Lock()
	j, ok := h.jobs[id]
	if !ok {
		h.mu.Unlock()
		return jobNotFound(id)
	}
	h.advance(j, false, time.Now())
	total := len(j.users)
	from, ok := decodeCursor(cursor, id, total)
	if !ok {
		h.mu.Unlock()
		return invalid(http.StatusBadRequest, "Invalid cursor "+strconv.Quote(cursor))
	}
	to := min(from+h.cfg.pageSize, total)
	items := make([]json.RawMessage, 0, to-from)
	type row struct {
		user          []byte
		status, msgID string
	}
	rows := make([]row, 0, to-from)
	for i := from; i < to; i++ {
		status, msgID := j.userStatus(i)
		rows = append(rows, row{j.users[i], status, msgID})
	}
	h.mu.Unlock()

	for _, r := range rows {
		items = append(items, listItem(r.user, r.status, r.msgID))
	}
	page := paging{More: to < total}
	if page.More {
		page.Cursor = encodeCursor(id, to)
	}
	return jsonReply(http.StatusOK, struct {
		Items  []json.RawMessage `json:"items"`
		Paging paging            `json:"paging"`
	}{items, page})
}

// Cursors are opaque to clients: base64url of "<job id>/<offset>".
func encodeCursor(id string, offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(id + "/" + strconv.Itoa(offset)))
}

// decodeCursor returns the offset a cursor of job id points at; the empty
// cursor is the first page.
func decodeCursor(c, id string, total int) (int, bool) {
	if c == "" {
		return 0, true
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	cid, num, ok := strings.Cut(string(raw), "/")
	n, err := strconv.Atoi(num)
	if !ok || cid != id || err != nil || n < 0 || n > total {
		return 0, false
	}
	return n, true
}
