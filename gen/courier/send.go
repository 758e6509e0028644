package courier

// Hand-written: the bulk send workflow over the generated Bulk calls.

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// Defaults of SendOptions.
const (
	// DefaultSendBatchSize is the number of users per add-users request.
	// Courier documents no limit. 500 users of a few hundred bytes of JSON
	// each make a body of about 100-200 KB: far below the request size
	// limits common in front of HTTP APIs (a few MB), small enough that a
	// lost response costs little to resend, and large enough that a million
	// users take 2,000 requests.
	DefaultSendBatchSize = 500

	// DefaultSendConcurrency is the number of add-users requests in flight.
	DefaultSendConcurrency = 4

	// DefaultSendPollInterval is the first wait between get-job polls; each
	// wait doubles up to DefaultSendMaxPollInterval.
	DefaultSendPollInterval    = time.Second
	DefaultSendMaxPollInterval = 15 * time.Second

	// DefaultSendMaxWait bounds the total wait between polls.
	DefaultSendMaxWait = time.Hour
)

// Errors that Send wraps; test for them with errors.Is.
var (
	// ErrJobFailed: the job ended with status ERROR.
	ErrJobFailed = errors.New("bulk job ended with status ERROR")

	// ErrJobUnfinished: the job was neither COMPLETED nor ERROR when
	// SendOptions.MaxWait ran out.
	ErrJobUnfinished = errors.New("bulk job did not finish within the maximum wait")
)

// SendOptions configures Send. The zero value uses the defaults.
type SendOptions struct {
	// JobID resumes an existing job instead of creating one; Send's
	// message is then not used. A job that has not run yet gets the users
	// again (batches it already took are answered from Courier's
	// idempotency store and add nothing) and is run; a job that has
	// already run is only watched, and the users are not read.
	JobID string

	// CreateKey, when set, is the idempotency key of the create-job call,
	// so that running Send again with the same CreateKey, within the time
	// Courier keeps keys, finds the job the first run created instead of
	// creating another, and resumes it as if JobID named it (Resumed stays
	// false). Without it each create call has a random key (retries of
	// that call are still safe).
	CreateKey string

	// BatchSize is the number of users per add-users request (default
	// DefaultSendBatchSize). Keep it, and the order of the users, the same
	// across runs of one job: see Send.
	BatchSize int

	// Concurrency is the number of add-users requests in flight (default
	// DefaultSendConcurrency).
	Concurrency int

	// PollInterval is the first wait between get-job polls after the job is
	// run; each wait doubles up to MaxPollInterval. Defaults:
	// DefaultSendPollInterval and DefaultSendMaxPollInterval.
	PollInterval    time.Duration
	MaxPollInterval time.Duration

	// MaxWait bounds the sum of the waits between polls (default
	// DefaultSendMaxWait; negative: no bound but ctx). When it runs out
	// Send returns the job as last seen and an error wrapping
	// ErrJobUnfinished.
	MaxWait time.Duration

	// IdempotencyExpiration, when set, is sent as x-idempotency-expiration
	// with the add-users and run calls, to keep their keys longer than
	// Courier's default (about a day) when a job may be resumed later.
	IdempotencyExpiration string

	// Progress, when set, is told how the send goes: after the job is
	// known, when a batch is sent and when it is done, after the run and
	// after each poll. Calls come from several goroutines but never at the
	// same time, and the counters they carry never decrease (except
	// BatchesInFlight). Keep it quick: batches wait while it runs.
	Progress func(SendProgress)

	// Sleep waits between polls; nil means a timer. It must return ctx's
	// error promptly when ctx is done. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error

	// CallOptions are passed to every API call Send makes.
	CallOptions []RequestOption
}

// SendPhase is where a send stands.
type SendPhase string

// The phases of a send, in order.
const (
	SendPhaseIngest SendPhase = "ingest" // adding users to the job
	SendPhaseRun    SendPhase = "run"    // the job has been run
	SendPhasePoll   SendPhase = "poll"   // watching the job
	SendPhaseDone   SendPhase = "done"   // Send is about to return
)

// SendProgress is a snapshot of a send, given to SendOptions.Progress.
type SendProgress struct {
	JobID string
	Phase SendPhase

	// UsersSent is the users in batches handed to an add-users request;
	// UsersIngested the users in batches Courier accepted (a batch
	// answered from the idempotency store counts: it was accepted
	// before); UsersRejected the users Courier reported it did not add
	// (older API only, for example duplicates).
	UsersSent, UsersIngested, UsersRejected int64

	// BatchesInFlight is the add-users requests under way, BatchesDone
	// those accepted.
	BatchesInFlight, BatchesDone int

	// Job is the job as the last get-job call returned it; zero before
	// the first one.
	Job JobDetails
}

// SendResult is what Send did. Send returns it, with what is known so
// far, whenever it learned the job id, also when it returns an error.
type SendResult struct {
	// JobID is the job's id: pass it as SendOptions.JobID to resume.
	JobID string

	// Job is the job as the last get-job call returned it: COMPLETED,
	// ERROR, or where it stood when Send gave up.
	Job JobDetails

	// Resumed: SendOptions.JobID named the job. AlreadyRun: the resumed
	// job had already run, so no users were read or added.
	Resumed, AlreadyRun bool

	// Counters as in SendProgress.
	UsersSent, UsersIngested, UsersRejected int64
	Batches                                 int

	// Polls is the number of get-job calls after the run.
	Polls int
}

// BatchError reports an add-users request that failed for good: its
// retries are spent or its error is not worth a retry. Send then stops
// reading users, cancels the other batches and does not run the job.
type BatchError struct {
	JobID string
	Batch int   // batch number, from 0
	First int64 // position of its first user in the sequence, from 0
	Users int   // number of users in the batch
	Err   error // the call's error, often wrapping an *APIError
}

// Error names the batch, its users and the cause.
func (e *BatchError) Error() string {
	return fmt.Sprintf("courier: job %s: batch %d (users %d-%d): %v",
		e.JobID, e.Batch, e.First, e.First+int64(e.Users)-1, e.Err)
}

// Unwrap returns the call's error.
func (e *BatchError) Unwrap() error { return e.Err }

// Send delivers message to every user of users through one bulk job: it
// creates the job (or resumes SendOptions.JobID), adds the users in
// batches of BatchSize with up to Concurrency requests in flight, runs the
// job, and polls it until it is COMPLETED or ERROR.
//
// Users are read lazily: at most BatchSize*(Concurrency+1) users are held
// at a time, however many the sequence yields. The sequence is read from
// the calling goroutine and is not read again once Send stops.
//
// Exactly once. Batch n, holding the users at positions first..last of
// the sequence, is sent with the idempotency key
// "<job id>/batch/<n>/users/<first>-<last>", and the run with
// "<job id>/run". A retry, by the client's runtime or by a new Send for
// the same job, repeats the same key with the same users, and Courier
// answers it from its idempotency store without adding anyone again. So a
// send that stopped half way (a crash, a cancelled ctx, a batch that
// failed for good) is finished by calling Send again with SendOptions.JobID
// and the same users in the same order: only the batches that never
// reached Courier add users. This needs the same BatchSize as before:
// since each key names its users' positions, a changed size, or a last
// batch that grew because users were appended, gives new keys and sends
// those users again (duplicates), but never skips a user. It also needs
// Courier to honour Idempotency-Key on the bulk POSTs (its bulk guide says
// it does; its API reference does not list the header there) and to still
// hold the keys: about a day, unless IdempotencyExpiration says longer.
//
// Errors: a batch that fails for good returns a *BatchError; the job
// ending with status ERROR returns an error wrapping ErrJobFailed, and
// MaxWait running out one wrapping ErrJobUnfinished, both with the job in
// the result. A status Send does not know keeps it polling.
func Send(ctx context.Context, client *Client, message InboundBulkMessage, users iter.Seq[InboundBulkMessageUser], opts SendOptions) (*SendResult, error) {
	if client == nil || client.Bulk == nil {
		return nil, errors.New("courier: Send: nil client")
	}
	s := &sender{bulk: client.Bulk, opts: opts.withDefaults()}
	s.track.fn = opts.Progress
	if err := s.open(ctx, message); err != nil {
		return s.result(), err
	}
	if !s.alreadyRun {
		if err := s.ingest(ctx, users); err != nil {
			return s.result(), err
		}
		if err := s.run(ctx); err != nil {
			return s.result(), err
		}
	}
	err := s.poll(ctx)
	s.track.update(func(p *SendProgress) { p.Phase = SendPhaseDone })
	return s.result(), err
}

// withDefaults fills in the zero fields of o.
func (o SendOptions) withDefaults() SendOptions {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultSendBatchSize
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultSendConcurrency
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultSendPollInterval
	}
	if o.MaxPollInterval <= 0 {
		o.MaxPollInterval = DefaultSendMaxPollInterval
	}
	o.MaxPollInterval = max(o.MaxPollInterval, o.PollInterval)
	if o.MaxWait == 0 {
		o.MaxWait = DefaultSendMaxWait
	}
	if o.Sleep == nil {
		o.Sleep = sleepFor
	}
	return o
}

// sender is one call of Send.
type sender struct {
	bulk       *BulkService
	opts       SendOptions
	jobID      string
	resumed    bool
	alreadyRun bool
	polls      int
	track      tracker
}

// open creates the job, or looks up the job to resume: one made by an
// earlier Send, named by JobID or found again through CreateKey.
func (s *sender) open(ctx context.Context, message InboundBulkMessage) error {
	s.jobID, s.resumed = s.opts.JobID, s.opts.JobID != ""
	if !s.resumed {
		created, err := s.bulk.CreateJob(ctx, &BulkCreateJobRequest{
			Message:        message,
			IdempotencyKey: s.opts.CreateKey,
		}, s.opts.CallOptions...)
		if err != nil {
			return fmt.Errorf("courier: creating bulk job: %w", err)
		}
		s.jobID = created.JobID
		if s.opts.CreateKey == "" { // a new job: nothing to look at
			s.setJob(nil)
			return nil
		}
	}
	got, err := s.bulk.GetJob(ctx, s.jobID, s.opts.CallOptions...)
	if err != nil {
		return fmt.Errorf("courier: looking up job %s: %w", s.jobID, err)
	}
	s.alreadyRun = got.Job.Status != BulkJobStatusCreated
	s.setJob(&got.Job)
	return nil
}

// setJob reports the job id, and the job when it was read.
func (s *sender) setJob(job *JobDetails) {
	s.track.update(func(p *SendProgress) {
		p.JobID, p.Phase = s.jobID, SendPhaseIngest
		if job != nil {
			p.Job = *job
		}
	})
}

// run runs the job. A 409 from a job that is no longer CREATED means an
// earlier run went through whose key Courier has since forgotten.
func (s *sender) run(ctx context.Context) error {
	err := s.bulk.RunJob(ctx, s.jobID, &BulkRunJobRequest{
		IdempotencyKey:        s.jobID + "/run",
		IdempotencyExpiration: s.opts.IdempotencyExpiration,
	}, s.opts.CallOptions...)
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusConflict {
		if got, gerr := s.bulk.GetJob(ctx, s.jobID, s.opts.CallOptions...); gerr == nil && got.Job.Status != BulkJobStatusCreated {
			err = nil
		}
	}
	if err != nil {
		return fmt.Errorf("courier: running job %s: %w", s.jobID, err)
	}
	s.track.update(func(p *SendProgress) { p.Phase = SendPhaseRun })
	return nil
}

// result returns what the send did so far, or nil before the job is known.
func (s *sender) result() *SendResult {
	if s.jobID == "" {
		return nil
	}
	p := s.track.snapshot()
	return &SendResult{
		JobID:         s.jobID,
		Job:           p.Job,
		Resumed:       s.resumed,
		AlreadyRun:    s.alreadyRun,
		UsersSent:     p.UsersSent,
		UsersIngested: p.UsersIngested,
		UsersRejected: p.UsersRejected,
		Batches:       p.BatchesDone,
		Polls:         s.polls,
	}
}

// sleepFor waits for d, or until ctx is done and then returns its error.
func sleepFor(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
