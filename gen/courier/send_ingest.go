package courier

// Hand-written: the add-users pipeline of Send.

import (
	"context"
	"fmt"
	"iter"
	"sync"
)

// batchKey is the idempotency key of batch n, the users at positions
// first to first+size-1: "<job id>/batch/<n>/users/<first>-<last>".
func batchKey(jobID string, n int, first int64, size int) string {
	return fmt.Sprintf("%s/batch/%d/users/%d-%d", jobID, n, first, first+int64(size)-1)
}

// ingester adds a sequence of users to a job, one batch per request, with
// a bounded number of requests in flight. Buffers are recycled, so at most
// Concurrency+1 batches exist: the one being filled and those in flight.
type ingester struct {
	s      *sender
	ctx    context.Context // cancelled when a batch fails for good
	cancel context.CancelFunc
	slots  chan struct{}                 // one per request in flight
	free   chan []InboundBulkMessageUser // buffers of finished batches
	wg     sync.WaitGroup

	mu  sync.Mutex
	err error // the first batch that failed for good
}

// ingest adds users to the job; it returns when every batch is done.
func (s *sender) ingest(ctx context.Context, users iter.Seq[InboundBulkMessageUser]) error {
	in := &ingester{
		s:     s,
		slots: make(chan struct{}, s.opts.Concurrency),
		free:  make(chan []InboundBulkMessageUser, s.opts.Concurrency+1),
	}
	in.ctx, in.cancel = context.WithCancel(ctx)
	defer in.wg.Wait() // also when the sequence panics, after the cancel
	defer in.cancel()

	in.feed(users)
	in.wg.Wait()
	if err := in.firstError(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		p := s.track.snapshot()
		return fmt.Errorf("courier: job %s: adding users stopped with %d users accepted: %w",
			s.jobID, p.UsersIngested, err)
	}
	return nil
}

// feed reads users into batches and hands each full batch, and the last
// partial one, to a request. It stops early when in.ctx is done.
func (in *ingester) feed(users iter.Seq[InboundBulkMessageUser]) {
	size := in.s.opts.BatchSize
	batch, n, first := in.buffer(), 0, int64(0)
	done := in.ctx.Done()
	for u := range users {
		select {
		case <-done:
			return
		default:
		}
		batch = append(batch, u)
		if len(batch) < size {
			continue
		}
		if !in.dispatch(n, first, batch) {
			return
		}
		batch, n, first = in.buffer(), n+1, first+int64(size)
	}
	if len(batch) > 0 {
		in.dispatch(n, first, batch)
	}
}

// buffer returns an empty batch with room for BatchSize users.
func (in *ingester) buffer() []InboundBulkMessageUser {
	select {
	case b := <-in.free:
		return b
	default:
		return make([]InboundBulkMessageUser, 0, in.s.opts.BatchSize)
	}
}

// dispatch waits for a free slot and sends batch n on its own goroutine;
// false when in.ctx ended first.
func (in *ingester) dispatch(n int, first int64, batch []InboundBulkMessageUser) bool {
	select {
	case in.slots <- struct{}{}:
	case <-in.ctx.Done():
		return false
	}
	if in.ctx.Err() != nil { // both were ready and select chose the slot
		<-in.slots
		return false
	}
	in.s.track.update(func(p *SendProgress) {
		p.UsersSent += int64(len(batch))
		p.BatchesInFlight++
	})
	in.wg.Add(1)
	go in.send(n, first, batch)
	return true
}

// send makes the add-users request of batch n, then records it, recycles
// its buffer and frees its slot, in that order: a new batch starts only
// after the users of this one are counted.
func (in *ingester) send(n int, first int64, batch []InboundBulkMessageUser) {
	defer in.wg.Done()
	s := in.s
	resp, err := s.bulk.IngestUsers(in.ctx, s.jobID, &BulkIngestUsersRequest{
		Users:                 batch,
		IdempotencyKey:        batchKey(s.jobID, n, first, len(batch)),
		IdempotencyExpiration: s.opts.IdempotencyExpiration,
	}, s.opts.CallOptions...)
	if err != nil {
		in.fail(&BatchError{JobID: s.jobID, Batch: n, First: first, Users: len(batch), Err: err})
	}
	s.track.update(func(p *SendProgress) {
		p.BatchesInFlight--
		if err != nil {
			return
		}
		p.BatchesDone++
		p.UsersIngested += int64(len(batch))
		if resp != nil {
			p.UsersRejected += int64(len(resp.Errors))
		}
	})
	clear(batch) // drop the references to the users
	select {
	case in.free <- batch[:0]:
	default:
	}
	<-in.slots
}

// fail records the first batch that failed for good and stops the rest.
// Failures caused by that stop, or by the caller's ctx, are not recorded.
func (in *ingester) fail(err *BatchError) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.err != nil || in.ctx.Err() != nil {
		return
	}
	in.err = err
	in.cancel()
}

func (in *ingester) firstError() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.err == nil {
		return nil // not a typed nil
	}
	return in.err
}

// tracker keeps the progress of a send and reports it to the callback,
// one call at a time.
type tracker struct {
	mu sync.Mutex
	p  SendProgress
	fn func(SendProgress)
}

// update changes the progress with f, then reports it.
func (t *tracker) update(f func(*SendProgress)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f(&t.p)
	if t.fn != nil {
		t.fn(t.p)
	}
}

func (t *tracker) snapshot() SendProgress {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.p
}
