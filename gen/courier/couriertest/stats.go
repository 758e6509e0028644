package couriertest

import (
	"encoding/json"
	"time"
)

// Stats are counters over the life of a Handler.
type Stats struct {
	// Requests is every request that reached the handler, whatever came
	// of it: served, rejected, replayed or failed by a fault.
	Requests int64
	// Replays is the responses served from the idempotency store.
	Replays int64
	// Faults is the faults injected, before and after running.
	Faults int64
	// Jobs is the jobs created.
	Jobs int64
	// UsersSent is the users in add-users bodies that the handler read,
	// counted once per request whatever came of it: stored, rejected (401,
	// 404, 409), replayed from the idempotency store or lost to a fault.
	// Bodies that are not JSON or have no "users" array count 0. Sent minus
	// stored is what clients transmitted without effect.
	UsersSent int64
	// UsersStored is the users added to jobs (the sum of their received).
	UsersStored int64
	// DuplicateUsers is the stored users that were already in their job:
	// same canonical JSON (sorted keys, no spaces, uniform escapes) as an
	// earlier user of the same job. The same user in two jobs is no
	// duplicate. UsersStored - DuplicateUsers users are distinct.
	DuplicateUsers int64
	// RejectedDuplicates is the duplicates skipped, not stored, under
	// WithRejectDuplicates.
	RejectedDuplicates int64
}

// Stats returns the counters as they are now.
func (h *Handler) Stats() Stats {
	s := Stats{
		Requests:  h.requests.Load(),
		Replays:   h.replays.Load(),
		Faults:    h.faultCount.Load(),
		UsersSent: h.usersSent.Load(),
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	s.Jobs = int64(len(h.order))
	s.UsersStored, s.DuplicateUsers, s.RejectedDuplicates = h.stored, h.dups, h.reject
	return s
}

// JobSnapshot is the state of one job.
type JobSnapshot struct {
	ID         string
	Definition json.RawMessage // the message as created, compact
	Status     string          // CREATED, PROCESSING or COMPLETED
	Received   int             // users stored
	Enqueued   int             // users whose message is enqueued
	Failures   int             // always 0: the fake fails no message
	Duplicates int             // stored users that were already in the job
	Polls      int             // get-job requests since the job was run
}

// Job returns the state of job id; looking does not count as a poll.
func (h *Handler) Job(id string) (JobSnapshot, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	j, ok := h.jobs[id]
	if !ok {
		return JobSnapshot{}, false
	}
	return h.snapshot(j), true
}

// Jobs returns the state of every job, oldest first.
func (h *Handler) Jobs() []JobSnapshot {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]JobSnapshot, len(h.order))
	for i, j := range h.order {
		out[i] = h.snapshot(j)
	}
	return out
}

func (h *Handler) snapshot(j *job) JobSnapshot {
	h.advance(j, false, time.Now())
	return JobSnapshot{
		ID:         j.id,
		Definition: append(json.RawMessage(nil), j.definition...),
		Status:     j.status,
		Received:   len(j.users),
		Enqueued:   j.enqueued,
		Duplicates: j.duplicates,
		Polls:      j.polls,
	}
}

// Users returns copies of the users stored in job id, in the order they
// were added, as compact JSON; nil if there is no such job.
func (h *Handler) Users(id string) []json.RawMessage {
	h.mu.Lock()
	defer h.mu.Unlock()
	j, ok := h.jobs[id]
	if !ok {
		return nil
	}
	out := make([]json.RawMessage, len(j.users))
	for i, u := range j.users {
		out[i] = append(json.RawMessage(nil), u...)
	}
	return out
}
