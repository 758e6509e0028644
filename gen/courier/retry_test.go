package courier_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/oagen/oagen/gen/courier"
	"github.com/oagen/oagen/gen/courier/couriertest"
)

// The server creates the job, then the response is lost (a 500 after the
// work). The client retries with the same idempotency key, the server
// replays its stored answer, and there is one job, not two. The same holds
// for adding users.
func TestRetriedPostsDoNotRepeatTheirWork(t *testing.T) {
	for _, kind := range []couriertest.FaultKind{couriertest.FaultServerError, couriertest.FaultReset} {
		t.Run(kind.String(), func(t *testing.T) {
			srv := couriertest.NewServer(couriertest.WithFaults(couriertest.Faults{
				Every: 2, Kind: kind, After: true, RetryAfter: "0",
				Only: []couriertest.Operation{couriertest.OpCreateJob, couriertest.OpIngestUsers},
			}))
			defer srv.Close()
			client := courier.NewClient(courier.WithBaseURL(srv.URL), courier.WithHTTPClient(noKeepAlive()))
			ctx := context.Background()
			for range 3 {
				job, err := client.Bulk.CreateJob(ctx, &courier.BulkCreateJobRequest{Message: courier.InboundBulkMessage{Event: "e"}})
				if err != nil {
					t.Fatal(err)
				}
				users := []courier.InboundBulkMessageUser{{Recipient: courier.Value("a")}, {Recipient: courier.Value("b")}}
				if _, err := client.Bulk.IngestUsers(ctx, job.JobID, &courier.BulkIngestUsersRequest{Users: users}); err != nil {
					t.Fatal(err)
				}
			}
			st := srv.Stats()
			if st.Jobs != 3 {
				t.Errorf("jobs created = %d, want 3", st.Jobs)
			}
			if st.UsersStored != 6 || st.DuplicateUsers != 0 {
				t.Errorf("users stored = %d, duplicates = %d; want 6 and 0", st.UsersStored, st.DuplicateUsers)
			}
			if st.Faults == 0 || st.Replays == 0 {
				t.Errorf("faults = %d, replays = %d: the test exercised no retry", st.Faults, st.Replays)
			}
		})
	}
}

// noKeepAlive returns an HTTP client that opens a connection per request,
// so that a reset connection is seen by the runtime rather than retried
// silently by net/http's transport on a reused connection.
func noKeepAlive() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}
