package courier

// Hand-written: how Send watches a job after running it.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// poll calls get-job until the job is COMPLETED or ERROR, waiting
// PollInterval, then twice as long each time up to MaxPollInterval, and at
// most MaxWait in all. A status it does not know keeps it polling. A
// get-job call that fails in a way worth retrying (after the client's own
// retries) counts as a poll that saw nothing new; any other error ends it.
func (s *sender) poll(ctx context.Context) error {
	o := &s.opts
	interval := o.PollInterval
	var waited time.Duration
	var lastErr error
	for {
		got, err := s.bulk.GetJob(ctx, s.jobID, o.CallOptions...)
		s.polls++
		switch {
		case err != nil && (ctx.Err() != nil || !transientPollError(err)):
			return fmt.Errorf("courier: polling job %s: %w", s.jobID, err)
		case err != nil:
			lastErr = err
		default:
			lastErr = nil
			job := got.Job
			s.track.update(func(p *SendProgress) { p.Phase, p.Job = SendPhasePoll, job })
			if done, err := s.finished(job); done {
				return err
			}
		}
		if o.MaxWait >= 0 && waited >= o.MaxWait {
			return s.unfinished(waited, lastErr)
		}
		d := interval
		if o.MaxWait >= 0 {
			d = min(d, o.MaxWait-waited)
		}
		if err := o.Sleep(ctx, d); err != nil {
			return fmt.Errorf("courier: polling job %s: %w", s.jobID, err)
		}
		waited += d
		interval = min(interval*2, o.MaxPollInterval)
	}
}

// finished reports whether job has reached a final status, and the error
// for it.
func (s *sender) finished(job JobDetails) (bool, error) {
	switch job.Status {
	case BulkJobStatusCompleted:
		return true, nil
	case BulkJobStatusError:
		return true, fmt.Errorf("courier: job %s: %w (received %d, enqueued %d, failures %d)",
			s.jobID, ErrJobFailed, job.Received, job.Enqueued, job.Failures)
	}
	return false, nil
}

// unfinished is the error of a job still not done after waiting waited.
func (s *sender) unfinished(waited time.Duration, lastErr error) error {
	status := s.track.snapshot().Job.Status
	err := fmt.Errorf("courier: job %s: %w: status %q after waiting %v", s.jobID, ErrJobUnfinished, status, waited)
	if lastErr != nil {
		err = fmt.Errorf("%w; last poll: %w", err, lastErr)
	}
	return err
}

// transientPollError reports whether a failed get-job call may succeed
// later: a connection error, a garbled body, or a status the client would
// retry (408, 409, 429, 5xx). Other statuses (a missing job, bad
// credentials) will not change by waiting.
func transientPollError(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return true
	}
	switch c := apiErr.StatusCode; {
	case c == http.StatusRequestTimeout, c == http.StatusConflict, c == http.StatusTooManyRequests, c >= 500:
		return true
	}
	return false
}
