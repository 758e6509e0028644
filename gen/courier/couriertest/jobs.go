package couriertest

import (
	"fmt"
	"time"
)

// Job statuses (BulkJobStatus) and user statuses (BulkJobUserStatus).
const (
	StatusCreated    = "CREATED"
	StatusProcessing = "PROCESSING"
	StatusCompleted  = "COMPLETED"

	UserPending  = "PENDING"
	UserEnqueued = "ENQUEUED"
)

// job is one bulk job; guarded by Handler.mu. Stored users are never
// changed, so a slice of them may be read after the lock is released.
type job struct {
	id         string
	seq        uint32
	definition []byte
	users      [][]byte            // compact JSON, in arrival order
	seen       map[uint64]struct{} // identities (hashes of canonical JSON)
	duplicates int
	status     string
	ranAt      time.Time
	polls      int
	enqueued   int
}

// jobID and messageID make ids shaped like Courier's
// ("1-" 8 hex "-" 24 hex). They are deterministic; job ids and message ids
// differ in their first part.
func jobID(seq uint32) string {
	return fmt.Sprintf("1-%08x-%024x", seq, uint64(seq)*0x9e3779b97f4a7c15)
}

func messageID(seq uint32, index int) string {
	return fmt.Sprintf("1-%08x-%024x", seq|0x80000000, index+1)
}

// run starts processing; the job must not have run.
func (h *Handler) run(j *job, now time.Time) {
	j.status, j.ranAt = StatusProcessing, now
	h.advance(j, false, now)
}

// advance moves a processing job along the configured schedule; poll says
// whether this look at the job is a get-job request.
func (h *Handler) advance(j *job, poll bool, now time.Time) {
	if j.status != StatusProcessing {
		return
	}
	n := len(j.users)
	switch d, polls := h.cfg.completeAfter, h.cfg.completeAfterPoll; {
	case d > 0:
		if el := now.Sub(j.ranAt); el < d {
			j.enqueued = int(int64(n) * int64(el) / int64(d))
			return
		}
	case polls > 0:
		if poll {
			j.polls++
		}
		if j.polls < polls {
			j.enqueued = n * j.polls / polls
			return
		}
	}
	j.status, j.enqueued = StatusCompleted, n
}

// userStatus is the status and message id of the user at index i.
func (j *job) userStatus(i int) (status, msgID string) {
	if j.status == StatusCreated || i >= j.enqueued {
		return UserPending, ""
	}
	return UserEnqueued, messageID(j.seq, i)
}

// arena hands out copies of small byte slices carved from large chunks, so
// a stored user costs its bytes plus a slice header, not an allocation.
type arena struct{ chunk []byte }

const arenaChunk = 1 << 20

func (a *arena) copy(b []byte) []byte {
	if len(b) > arenaChunk/16 {
		return append([]byte(nil), b...)
	}
	if cap(a.chunk)-len(a.chunk) < len(b) {
		a.chunk = make([]byte, 0, arenaChunk)
	}
	start := len(a.chunk)
	a.chunk = append(a.chunk, b...)
	return a.chunk[start:len(a.chunk):len(a.chunk)]
}
