package courier_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oagen/oagen/gen/courier"
	"github.com/oagen/oagen/gen/courier/couriertest"
)

func TestSendUnderFaults(t *testing.T) {
	const n = 2000
	type F = couriertest.Faults
	tests := []struct {
		name   string
		faults F
	}{
		{"no faults", F{}},
		{"500 before", F{Every: 5, Kind: couriertest.FaultServerError}},
		{"500 after", F{Every: 5, Kind: couriertest.FaultServerError, After: true}},
		{"429 before", F{Every: 5, Kind: couriertest.FaultRateLimit, RetryAfter: "0"}},
		{"429 after", F{Every: 5, Kind: couriertest.FaultRateLimit, After: true}},
		{"reset before", F{Every: 5, Kind: couriertest.FaultReset}},
		{"reset after", F{Every: 5, Kind: couriertest.FaultReset, After: true}},
		{"every other add-users response lost", F{Every: 2, Kind: couriertest.FaultReset, After: true,
			Only: []couriertest.Operation{couriertest.OpIngestUsers}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := couriertest.NewServer(couriertest.WithFaults(tt.faults), couriertest.WithCompleteAfterPolls(3))
			t.Cleanup(srv.Close)
			res, err := courier.Send(t.Context(), newSendClient(srv.URL), sendMessage, sendUsers(n), sendOptions())
			if err != nil {
				t.Fatal(err)
			}
			if res.Job.Status != courier.BulkJobStatusCompleted || res.Job.Received != n {
				t.Errorf("final job: status %s, received %d; want COMPLETED, %d", res.Job.Status, res.Job.Received, n)
			}
			if res.UsersSent != n || res.UsersIngested != n || res.Batches != n/50 {
				t.Errorf("result counts sent %d, ingested %d, batches %d; want %d, %d, %d",
					res.UsersSent, res.UsersIngested, res.Batches, n, n, n/50)
			}
			checkExactlyOnce(t, srv.Handler, res.JobID, n)
			st := srv.Stats()
			if st.Jobs != 1 || st.UsersStored != n {
				t.Errorf("server: %d jobs, %d users stored; want 1, %d", st.Jobs, st.UsersStored, n)
			}
			if tt.faults.Every > 0 && st.Faults == 0 {
				t.Error("no fault was injected")
			}
			t.Logf("%+v", st)
		})
	}
}

func TestSendKeys(t *testing.T) {
	const n = 130
	rec := &keyRecorder{h: couriertest.NewHandler(couriertest.WithCompleteAfterPolls(0))}
	res, err := courier.Send(t.Context(), newSendClient(serve(t, rec)), sendMessage, sendUsers(n), sendOptions())
	if err != nil {
		t.Fatal(err)
	}
	id := res.JobID
	var got []string
	rec.mu.Lock()
	for _, k := range rec.keys {
		if !strings.HasPrefix(k, "POST /bulk ") && !slices.Contains(got, k) { // not create's random key
			got = append(got, k)
		}
	}
	rec.mu.Unlock()
	slices.Sort(got)
	want := []string{
		"POST /bulk/" + id + " " + id + "/batch/0/users/0-49",
		"POST /bulk/" + id + " " + id + "/batch/1/users/50-99",
		"POST /bulk/" + id + " " + id + "/batch/2/users/100-129",
		"POST /bulk/" + id + "/run " + id + "/run",
	}
	if !slices.Equal(got, want) {
		t.Errorf("idempotency keys\n got %q\nwant %q", got, want)
	}
}

func TestSendResumesAfterCrash(t *testing.T) {
	const n, crashAt = 1000, 6 * 50 // the crash comes as batch 6 is read
	srv := couriertest.NewServer(couriertest.WithFaults(couriertest.Faults{Every: 7, Kind: couriertest.FaultReset, After: true}))
	t.Cleanup(srv.Close)
	client := newSendClient(srv.URL)

	ctx, crash := context.WithCancel(t.Context())
	defer crash()
	crashing := func(yield func(courier.InboundBulkMessageUser) bool) {
		for i := range n {
			if i == crashAt {
				crash()
			}
			if !yield(sendUser(i)) {
				return
			}
		}
	}
	res, err := courier.Send(ctx, client, sendMessage, crashing, sendOptions())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: err = %v, want context.Canceled", err)
	}
	if res == nil || res.JobID == "" {
		t.Fatalf("first run: result %+v has no job id", res)
	}
	first, _ := srv.Job(res.JobID)
	if first.Status != couriertest.StatusCreated || first.Received > crashAt {
		t.Fatalf("after the crash: status %s, %d users; want CREATED, at most %d", first.Status, first.Received, crashAt)
	}
	replays := srv.Stats().Replays

	opts := sendOptions()
	opts.JobID = res.JobID
	res2, err := courier.Send(t.Context(), client, sendMessage, sendUsers(n), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !res2.Resumed || res2.JobID != res.JobID || res2.Job.Status != courier.BulkJobStatusCompleted {
		t.Errorf("resumed run: %+v", res2)
	}
	checkExactlyOnce(t, srv.Handler, res.JobID, n)
	st := srv.Stats()
	if st.Jobs != 1 {
		t.Errorf("%d jobs, want 1", st.Jobs)
	}
	// Every batch the first run stored was answered from the store.
	if min := int64(first.Received / 50); st.Replays-replays < min {
		t.Errorf("resumed run replayed %d responses, want at least %d", st.Replays-replays, min)
	}
	t.Logf("first run stored %d users; the second added %d; %+v", first.Received, n-first.Received, st)
}

func TestSendResumeWithOtherBatchSizeLosesNobody(t *testing.T) {
	const n = 1000
	srv := couriertest.NewServer()
	t.Cleanup(srv.Close)
	client := newSendClient(srv.URL)
	ctx, crash := context.WithCancel(t.Context())
	defer crash()
	crashing := func(yield func(courier.InboundBulkMessageUser) bool) {
		for i := range n {
			if i == 400 {
				crash()
			}
			if !yield(sendUser(i)) {
				return
			}
		}
	}
	res, err := courier.Send(ctx, client, sendMessage, crashing, sendOptions())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: err = %v", err)
	}
	opts := sendOptions()
	opts.JobID, opts.BatchSize = res.JobID, 70
	if _, err := courier.Send(t.Context(), client, sendMessage, sendUsers(n), opts); err != nil {
		t.Fatal(err)
	}
	counts, _ := storedCounts(t, srv.Handler, res.JobID, n)
	for i, c := range counts {
		if c == 0 {
			t.Fatalf("user %d was lost", i)
		}
	}
	t.Logf("duplicates after changing the batch size: %d (documented)", srv.Stats().DuplicateUsers)
}

func TestSendResumeOfAJobThatRan(t *testing.T) {
	srv := couriertest.NewServer()
	t.Cleanup(srv.Close)
	client := newSendClient(srv.URL)
	ctx := t.Context()
	created, err := client.Bulk.CreateJob(ctx, &courier.BulkCreateJobRequest{Message: sendMessage})
	if err != nil {
		t.Fatal(err)
	}
	users := slices.Collect(sendUsers(10))
	if _, err := client.Bulk.IngestUsers(ctx, created.JobID, &courier.BulkIngestUsersRequest{Users: users}); err != nil {
		t.Fatal(err)
	}
	if err := client.Bulk.RunJob(ctx, created.JobID, nil); err != nil {
		t.Fatal(err)
	}
	unread := func(func(courier.InboundBulkMessageUser) bool) { t.Error("the users of a job that ran were read") }
	opts := sendOptions()
	opts.JobID = created.JobID
	res, err := courier.Send(ctx, client, sendMessage, unread, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !res.AlreadyRun || res.UsersSent != 0 || res.Job.Status != courier.BulkJobStatusCompleted || res.Job.Received != 10 {
		t.Errorf("result %+v", res)
	}
}

func TestSendCreateKeyFindsTheJobAgain(t *testing.T) {
	const n = 300
	srv := couriertest.NewServer()
	t.Cleanup(srv.Close)
	client := newSendClient(srv.URL)
	ctx, crash := context.WithCancel(t.Context())
	defer crash()
	opts := sendOptions()
	opts.CreateKey = "spring-campaign"
	opts.Progress = func(p courier.SendProgress) {
		if p.UsersIngested >= 100 {
			crash()
		}
	}
	if _, err := courier.Send(ctx, client, sendMessage, sendUsers(n), opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: err = %v", err)
	}
	opts.Progress = nil
	res, err := courier.Send(t.Context(), client, sendMessage, sendUsers(n), opts)
	if err != nil {
		t.Fatal(err)
	}
	if st := srv.Stats(); st.Jobs != 1 {
		t.Errorf("%d jobs, want 1", st.Jobs)
	}
	checkExactlyOnce(t, srv.Handler, res.JobID, n)
}

func TestSendReadsUsersLazily(t *testing.T) {
	const n, size, conc = 2000, 20, 3
	srv := couriertest.NewServer(couriertest.WithLatency(time.Millisecond)) // ingestion slower than reading
	t.Cleanup(srv.Close)
	var ingested atomic.Int64
	var pulled, maxAhead int64
	lazy := func(yield func(courier.InboundBulkMessageUser) bool) {
		for i := range n {
			pulled++
			maxAhead = max(maxAhead, pulled-ingested.Load())
			if !yield(sendUser(i)) {
				return
			}
		}
	}
	opts := courier.SendOptions{BatchSize: size, Concurrency: conc, Sleep: noSleep,
		Progress: func(p courier.SendProgress) { ingested.Store(p.UsersIngested) }}
	if _, err := courier.Send(t.Context(), newSendClient(srv.URL), sendMessage, lazy, opts); err != nil {
		t.Fatal(err)
	}
	if limit := int64(size * (conc + 1)); maxAhead > limit {
		t.Errorf("%d users were read ahead of ingestion, want at most %d", maxAhead, limit)
	}
	t.Logf("at most %d users read ahead of ingestion", maxAhead)
}

func TestSendProgress(t *testing.T) {
	const n, conc = 1000, 4
	srv := couriertest.NewServer(couriertest.WithFaults(couriertest.Faults{Every: 4, Kind: couriertest.FaultServerError, After: true}),
		couriertest.WithCompleteAfterPolls(4))
	t.Cleanup(srv.Close)
	var inside atomic.Int32
	var seen []courier.SendProgress // appended to by one call at a time
	opts := sendOptions()
	opts.Concurrency = conc
	opts.Progress = func(p courier.SendProgress) {
		if inside.Add(1) != 1 {
			t.Error("Progress called concurrently")
		}
		seen = append(seen, p)
		inside.Add(-1)
	}
	if _, err := courier.Send(t.Context(), newSendClient(srv.URL), sendMessage, sendUsers(n), opts); err != nil {
		t.Fatal(err)
	}
	phases := []courier.SendPhase{courier.SendPhaseIngest, courier.SendPhaseRun, courier.SendPhasePoll, courier.SendPhaseDone}
	for i, p := range seen {
		if p.BatchesInFlight < 0 || p.BatchesInFlight > conc {
			t.Errorf("call %d: %d batches in flight", i, p.BatchesInFlight)
		}
		if i == 0 {
			continue
		}
		q := seen[i-1]
		if p.UsersSent < q.UsersSent || p.UsersIngested < q.UsersIngested || p.BatchesDone < q.BatchesDone ||
			p.Job.Enqueued < q.Job.Enqueued || slices.Index(phases, p.Phase) < slices.Index(phases, q.Phase) {
			t.Errorf("call %d went back: %+v after %+v", i, p, q)
		}
	}
	last := seen[len(seen)-1]
	if last.Phase != courier.SendPhaseDone || last.UsersIngested != n || last.BatchesInFlight != 0 ||
		last.Job.Status != courier.BulkJobStatusCompleted || last.Job.Enqueued != n {
		t.Errorf("last progress %+v", last)
	}
}

func TestSendBatchFailsForGood(t *testing.T) {
	const n = 10000 // 1000 batches: far more than are read before the failure stops the send
	for _, status := range []int{http.StatusBadRequest, http.StatusInternalServerError} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			h := couriertest.NewHandler()
			client := newSendClient(serve(t, failBatch(h, 3, status)), courier.WithMaxRetries(2))
			var pulled int
			counted := func(yield func(courier.InboundBulkMessageUser) bool) {
				for u := range sendUsers(n) {
					pulled++
					if !yield(u) {
						return
					}
				}
			}
			opts := sendOptions()
			opts.BatchSize = 10
			res, err := courier.Send(t.Context(), client, sendMessage, counted, opts)
			var batchErr *courier.BatchError
			var apiErr *courier.APIError
			if !errors.As(err, &batchErr) || batchErr.Batch != 3 || batchErr.First != 30 || batchErr.Users != 10 {
				t.Fatalf("err = %v, want a BatchError for batch 3", err)
			}
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Errorf("err = %v, want it to wrap an APIError %d", err, status)
			}
			if job, _ := h.Job(res.JobID); job.Status != couriertest.StatusCreated {
				t.Errorf("job status %s: a job with a failed batch must not run", job.Status)
			}
			if pulled == n {
				t.Error("every user was read although batch 3 failed")
			}
			t.Logf("%v; %d users read", err, pulled)
		})
	}
}

func TestSendJobError(t *testing.T) {
	h := couriertest.NewHandler(couriertest.WithCompleteAfterPolls(0))
	client := newSendClient(serve(t, forceJobStatus(h, "ERROR")))
	res, err := courier.Send(t.Context(), client, sendMessage, sendUsers(120), sendOptions())
	if !errors.Is(err, courier.ErrJobFailed) {
		t.Fatalf("err = %v, want ErrJobFailed", err)
	}
	if res == nil || res.Job.Status != courier.BulkJobStatusError || res.Job.Received != 120 {
		t.Errorf("result %+v, want the final job", res)
	}
}

func TestSendUnknownStatusPollsUntilMaxWait(t *testing.T) {
	h := couriertest.NewHandler()
	client := newSendClient(serve(t, forceJobStatus(h, "PAUSED")))
	var mu sync.Mutex
	var slept []time.Duration
	opts := sendOptions()
	opts.PollInterval, opts.MaxPollInterval, opts.MaxWait = time.Second, 4*time.Second, 10*time.Second
	opts.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		slept = append(slept, d)
		mu.Unlock()
		return nil
	}
	res, err := courier.Send(t.Context(), client, sendMessage, sendUsers(10), opts)
	if !errors.Is(err, courier.ErrJobUnfinished) {
		t.Fatalf("err = %v, want ErrJobUnfinished", err)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 3 * time.Second}
	if !slices.Equal(slept, want) {
		t.Errorf("waits %v, want %v", slept, want)
	}
	if res.Job.Status != "PAUSED" || courier.IsKnown(res.Job.Status) || res.Polls != 5 {
		t.Errorf("result: status %q, %d polls; want PAUSED, 5", res.Job.Status, res.Polls)
	}
}

func TestSendRejectedUsersOfTheOlderAPI(t *testing.T) {
	srv := couriertest.NewServer(couriertest.WithLegacyStatuses(), couriertest.WithRejectDuplicates())
	t.Cleanup(srv.Close)
	twice := func(yield func(courier.InboundBulkMessageUser) bool) {
		for i := range 110 {
			if !yield(sendUser(i % 100)) {
				return
			}
		}
	}
	res, err := courier.Send(t.Context(), newSendClient(srv.URL), sendMessage, twice, sendOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.UsersIngested != 110 || res.UsersRejected != 10 || res.Job.Received != 100 {
		t.Errorf("ingested %d, rejected %d, received %d; want 110, 10, 100", res.UsersIngested, res.UsersRejected, res.Job.Received)
	}
}

func TestSendNoUsers(t *testing.T) {
	srv := couriertest.NewServer()
	t.Cleanup(srv.Close)
	var none iter.Seq[courier.InboundBulkMessageUser] = func(func(courier.InboundBulkMessageUser) bool) {}
	res, err := courier.Send(t.Context(), newSendClient(srv.URL), sendMessage, none, sendOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.Batches != 0 || res.Job.Status != courier.BulkJobStatusCompleted {
		t.Errorf("result %+v", res)
	}
}
