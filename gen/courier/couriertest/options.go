package couriertest

import "time"

// Defaults used when no option says otherwise.
const (
	DefaultPageSize           = 100
	DefaultCompleteAfterPolls = 2
	DefaultMaxBodyBytes       = 16 << 20
)

// An Option configures a Handler (and so a Server) at construction.
type Option func(*config)

type config struct {
	token             string
	pageSize          int
	legacy            bool
	completeAfterPoll int
	completeAfter     time.Duration
	maxBodyBytes      int64
	rejectDuplicates  bool
	faults            Faults
	latency           time.Duration
}

func newConfig(opts []Option) config {
	c := config{
		pageSize:          DefaultPageSize,
		completeAfterPoll: DefaultCompleteAfterPolls,
		maxBodyBytes:      DefaultMaxBodyBytes,
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithToken makes every request carry "Authorization: Bearer <token>";
// a missing or different token is answered 401 authentication_error.
// Without it, requests are not authenticated.
func WithToken(token string) Option {
	return func(c *config) { c.token = token }
}

// WithPageSize sets how many users a get-users page holds (default 100).
// Values below 1 are treated as 1.
func WithPageSize(n int) Option {
	return func(c *config) { c.pageSize = max(n, 1) }
}

// WithLegacyStatuses answers with the statuses of Courier's guides and
// older reference: create 201, add users 200 {"total": n}, run 202. By
// default the current reference's statuses are used: 200, 204 and 204.
func WithLegacyStatuses() Option {
	return func(c *config) { c.legacy = true }
}

// WithCompleteAfterPolls makes a run job COMPLETED on its nth get-job
// request; the polls before it see it PROCESSING with enqueued growing
// linearly (default 2). With n <= 0 a job completes as soon as it is run.
// It replaces WithCompleteAfter.
func WithCompleteAfterPolls(n int) Option {
	return func(c *config) { c.completeAfterPoll, c.completeAfter = max(n, 0), 0 }
}

// WithCompleteAfter makes a run job COMPLETED once d has passed since it
// was run, with enqueued growing linearly in time until then. It replaces
// WithCompleteAfterPolls.
func WithCompleteAfter(d time.Duration) Option {
	return func(c *config) { c.completeAfter, c.completeAfterPoll = d, 0 }
}

// WithMaxBodyBytes sets the largest request body accepted (default 16 MiB);
// larger ones are answered 413 invalid_request_error.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) { c.maxBodyBytes = n }
}

// WithRejectDuplicates makes add-users skip any user whose canonical JSON is
// already in the job, as Courier's older guides describe; in legacy mode the
// skipped users are listed in the 200 body's errors as "Duplicate user". By
// default every user is stored, so that Stats can count duplicates.
func WithRejectDuplicates() Option {
	return func(c *config) { c.rejectDuplicates = true }
}

// WithFaults sets the initial fault plan; SetFaults changes it later.
func WithFaults(f Faults) Option {
	return func(c *config) { c.faults = f }
}

// WithLatency delays every request by d before anything else happens;
// SetLatency changes it later.
func WithLatency(d time.Duration) Option {
	return func(c *config) { c.latency = d }
}
