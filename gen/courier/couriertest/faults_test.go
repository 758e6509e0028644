package couriertest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oagen/oagen/gen/courier/couriertest"
)

func TestFaultBeforeChangesNothing(t *testing.T) {
	for _, kind := range []couriertest.FaultKind{couriertest.FaultServerError, couriertest.FaultRateLimit, couriertest.FaultReset} {
		t.Run(kind.String(), func(t *testing.T) {
			f := start(t)
			id := f.create("e")
			f.SetFaults(couriertest.Faults{Every: 1, Kind: kind, RetryAfter: "7", Limit: 1})
			r, err := f.try("POST", "/bulk/"+id, usersBody(userN(1), userN(2)), "Idempotency-Key", "k")
			checkFault(t, kind, r, err)
			if j, _ := f.Job(id); j.Received != 0 {
				t.Fatalf("a fault before running stored %d users", j.Received)
			}
			// Not stored either: the retry with the same key runs.
			wantStatus(t, f.do("POST", "/bulk/"+id, usersBody(userN(1), userN(2)), "Idempotency-Key", "k"), http.StatusNoContent)
			s := f.Stats()
			want := couriertest.Stats{Requests: 3, Faults: 1, Jobs: 1, UsersSent: 4, UsersStored: 2}
			if s != want {
				t.Errorf("Stats = %+v, want %+v", s, want)
			}
		})
	}
}

// TestFaultAfterReplays is the nasty case: the work is done, the response
// is lost, and a retry with the same key must get the stored success.
func TestFaultAfterReplays(t *testing.T) {
	for _, kind := range []couriertest.FaultKind{couriertest.FaultServerError, couriertest.FaultRateLimit, couriertest.FaultReset} {
		t.Run(kind.String(), func(t *testing.T) {
			f := start(t)
			id := f.create("e")
			f.SetFaults(couriertest.Faults{Every: 1, Kind: kind, After: true, Limit: 1})
			r, err := f.try("POST", "/bulk/"+id, usersBody(userN(1)), "Idempotency-Key", "k")
			checkFault(t, kind, r, err)
			if j, _ := f.Job(id); j.Received != 1 {
				t.Fatalf("after-fault: %d users stored, want 1", j.Received)
			}
			wantStatus(t, f.do("POST", "/bulk/"+id, usersBody(userN(1)), "Idempotency-Key", "k"), http.StatusNoContent)
			// Without a key the retry stores the user again.
			f.SetFaults(couriertest.Faults{Every: 1, Kind: kind, After: true, Limit: 1})
			_, _ = f.try("POST", "/bulk/"+id, usersBody(userN(2)))
			wantStatus(t, f.do("POST", "/bulk/"+id, usersBody(userN(2))), http.StatusNoContent)
			s := f.Stats()
			want := couriertest.Stats{Requests: 5, Replays: 1, Faults: 2, Jobs: 1, UsersSent: 4, UsersStored: 3, DuplicateUsers: 1}
			if s != want {
				t.Errorf("Stats = %+v, want %+v", s, want)
			}
		})
	}
}

func checkFault(t *testing.T, kind couriertest.FaultKind, r response, err error) {
	t.Helper()
	switch kind {
	case couriertest.FaultServerError:
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, r, http.StatusInternalServerError, "api_error")
	case couriertest.FaultRateLimit:
		if err != nil {
			t.Fatal(err)
		}
		wantError(t, r, http.StatusTooManyRequests, "rate_limit_error")
	case couriertest.FaultReset:
		if err == nil {
			t.Fatalf("reset: got a response %d %s", r.status, r.body)
		}
		if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "reset") {
			t.Logf("reset seen as: %v", err)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	f := start(t, couriertest.WithFaults(couriertest.Faults{Every: 1, Kind: couriertest.FaultRateLimit, RetryAfter: "2"}))
	r := f.do("GET", "/bulk/x", "")
	wantError(t, r, http.StatusTooManyRequests, "rate_limit_error")
	if got := r.header.Get("Retry-After"); got != "2" {
		t.Errorf("Retry-After = %q", got)
	}
	f.SetFaults(couriertest.Faults{Every: 1, Kind: couriertest.FaultServerError, RetryAfter: "0"})
	if got := f.do("GET", "/bulk/x", "").header.Get("Retry-After"); got != "0" {
		t.Errorf("500: Retry-After = %q, want 0", got)
	}
	f.SetFaults(couriertest.Faults{Every: 1, Kind: couriertest.FaultRateLimit})
	if got := f.do("GET", "/bulk/x", "").header.Get("Retry-After"); got != "" {
		t.Errorf("Retry-After = %q, want none", got)
	}
}

func TestFaultSchedule(t *testing.T) {
	f := start(t, couriertest.WithFaults(couriertest.Faults{Every: 3, Kind: couriertest.FaultServerError}))
	var got []int
	for range 9 {
		got = append(got, f.do("GET", "/bulk/x", "").status)
	}
	if fmt.Sprint(got) != "[404 404 500 404 404 500 404 404 500]" {
		t.Errorf("every 3rd: %v", got)
	}

	// Only counts the listed operations; Limit stops the plan.
	id := f.create("e") // before SetFaults: counted by the old plan (10th, no fault)
	f.SetFaults(couriertest.Faults{Every: 2, Kind: couriertest.FaultServerError, Only: []couriertest.Operation{couriertest.OpIngestUsers}, Limit: 2})
	got = got[:0]
	for range 6 {
		got = append(got, f.do("GET", "/bulk/"+id, "").status, f.do("POST", "/bulk/"+id, usersBody(`{}`)).status)
	}
	if fmt.Sprint(got) != "[200 204 200 500 200 204 200 500 200 204 200 204]" {
		t.Errorf("only ingest, limit 2: %v", got)
	}
	f.SetFaults(couriertest.Faults{})
	if s := f.Stats(); s.Faults != 5 || s.UsersStored != 4 {
		t.Errorf("Stats = %+v", s)
	}
}

func TestLatency(t *testing.T) {
	const d = 30 * time.Millisecond
	f := start(t, couriertest.WithLatency(d))
	begin := time.Now()
	f.do("GET", "/bulk/x", "")
	if el := time.Since(begin); el < d {
		t.Errorf("request took %v, latency is %v", el, d)
	}
	// A client that gives up is not kept waiting, and nothing runs.
	f.SetLatency(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", f.URL+"/bulk", strings.NewReader(`{"message":{"event":"e"}}`))
	if _, err := f.client.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	f.SetLatency(0)
	if f.Stats().Jobs != 0 {
		t.Error("a request abandoned during latency ran")
	}
}

// TestConcurrency drives every operation from many goroutines while the
// fault plan changes, with keyed retries, and checks that nothing was lost
// or duplicated.
func TestConcurrency(t *testing.T) {
	const workers, batches, perBatch = 8, 25, 20
	s := couriertest.NewServer(couriertest.WithPageSize(50))
	defer s.Close()
	f := &fake{Server: s, t: t, client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}}
	id := f.create("e")

	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				users := make([]string, perBatch)
				for i := range users {
					users[i] = userN((w*batches+b)*perBatch + i)
				}
				key := fmt.Sprintf("w%d-b%d", w, b)
				if err := retry(f, "POST", "/bulk/"+id, usersBody(users...), key); err != nil {
					errc <- err
					return
				}
				_, _ = f.try("GET", "/bulk/"+id, "")
				_, _ = f.try("GET", "/bulk/"+id+"/users", "")
			}
		}()
	}
	wg.Add(1)
	go func() { // flip the fault plan while the workers run
		defer wg.Done()
		for i := range 50 {
			f.SetFaults(couriertest.Faults{Every: 2 + i%3, Kind: couriertest.FaultKind(1 + i%3), After: i%2 == 0})
			_ = f.Stats()
			time.Sleep(time.Millisecond)
		}
		f.SetFaults(couriertest.Faults{})
	}()
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	st := f.Stats()
	if st.UsersStored != workers*batches*perBatch || st.DuplicateUsers != 0 {
		t.Errorf("Stats = %+v, want %d users stored, no duplicates", st, workers*batches*perBatch)
	}
	if st.Faults == 0 || st.Replays == 0 {
		t.Logf("Stats = %+v: no fault or no replay happened", st)
	}
	if n := len(walkUsers(t, f, id, 50)); n != workers*batches*perBatch {
		t.Errorf("listed %d users", n)
	}
}

// retry sends a keyed request until it gets a 2xx, as a careful client
// would; bounded.
func retry(f *fake, method, path, body, key string) error {
	var last string
	for range 50 {
		r, err := f.try(method, path, body, "Idempotency-Key", key)
		switch {
		case err != nil:
			last = err.Error()
		case r.status/100 == 2:
			return nil
		default:
			last = fmt.Sprintf("%d %s", r.status, r.body)
		}
	}
	return fmt.Errorf("%s %s: no success after 50 tries; last: %s", method, path, last)
}
