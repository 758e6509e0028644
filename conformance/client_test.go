package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/oagen/oagen/gen/courier"
	"github.com/oagen/oagen/gen/courier/couriertest"
)

// TestGeneratedClient drives every operation of the generated client
// through Prism, against both status styles, with retries over injected
// faults, and requires no Error violation.
func TestGeneratedClient(t *testing.T) {
	for _, mode := range []struct {
		name string
		opts []couriertest.Option
	}{
		{"newest", nil},
		{"legacy", []couriertest.Option{couriertest.WithLegacyStatuses()}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			fake := couriertest.NewHandler(append([]couriertest.Option{
				couriertest.WithToken(token), couriertest.WithPageSize(2),
			}, mode.opts...)...)
			rec := &Recorder{}
			client := courier.NewClient(
				courier.WithBaseURL(judge(t, fake)),
				courier.WithBearerToken(token),
				courier.WithHTTPClient(&http.Client{Transport: rec}),
				courier.WithHeader("X-Fake", t.Name()),
			)
			driveClient(t, client, fake)
			RequireNoErrors(t, rec)
			logWarnings(t, rec)
		})
	}
}

func driveClient(t *testing.T, client *courier.Client, fake *couriertest.Handler) {
	ctx := context.Background()

	// The seed bodies, decoded into the typed request and sent again, must
	// reach the service unchanged.
	var ids []string
	for _, seed := range []string{seedCurlBody, seedExampleBody} {
		var req courier.BulkCreateJobRequest
		if err := json.Unmarshal([]byte(seed), &req); err != nil {
			t.Fatalf("decode seed: %v", err)
		}
		res, err := client.Bulk.CreateJob(ctx, &req)
		if err != nil {
			t.Fatalf("CreateJob: %v", err)
		}
		job, _ := fake.Job(res.JobID)
		var sent struct{ Message json.RawMessage }
		_ = json.Unmarshal([]byte(seed), &sent)
		if !sameJSON(job.Definition, sent.Message) {
			t.Errorf("seed message changed on the way:\n sent %s\n got  %s", sent.Message, job.Definition)
		}
		ids = append(ids, res.JobID)
	}
	if _, err := client.Bulk.CreateJob(ctx, &courier.BulkCreateJobRequest{Message: courier.InboundBulkMessage{
		Event:   "welcome-series",
		Content: courier.Value(courier.ContentOfElementalContentSugar(courier.ElementalContentSugar{Title: "Welcome", Body: "Hi {{name}}"})),
		Data:    courier.Value(map[string]any{"campaign": "spring"}),
	}}); err != nil {
		t.Fatalf("CreateJob with content: %v", err)
	}

	id := ids[1]
	users := []courier.InboundBulkMessageUser{
		{Recipient: courier.Value("user-001"), Profile: courier.Value(map[string]any{"email": "jane@example.com"}), Data: map[string]any{"name": "Jane"}},
		{To: courier.Value(courier.UserRecipient{UserID: courier.Value("user-002"), Email: courier.Value("sam@example.com")})},
		{},
	}
	for range 2 { // the second call is replayed by its key
		if _, err := client.Bulk.IngestUsers(ctx, id, &courier.BulkIngestUsersRequest{Users: users, IdempotencyKey: "batch-1"}); err != nil {
			t.Fatalf("IngestUsers: %v", err)
		}
	}
	if _, err := client.Bulk.IngestUsers(ctx, id, &courier.BulkIngestUsersRequest{Users: users[:2]}); err != nil {
		t.Fatalf("IngestUsers: %v", err)
	}

	job, err := client.Bulk.GetJob(ctx, id)
	if err != nil || job.Job.Status != courier.BulkJobStatusCreated || job.Job.Received != 5 {
		t.Fatalf("GetJob before run: %+v, %v", job, err)
	}
	page, err := client.Bulk.GetUsers(ctx, id, nil)
	if err != nil || len(page.Items) != 2 || !page.Paging.More {
		t.Fatalf("GetUsers: %+v, %v", page, err)
	}
	if page, err = client.Bulk.GetUsers(ctx, id, &courier.BulkGetUsersRequest{Cursor: page.Paging.Cursor.Value}); err != nil || len(page.Items) != 2 {
		t.Fatalf("GetUsers second page: %+v, %v", page, err)
	}

	// Faults on the way: a 500 after the work was done and a 429 before;
	// the client's retries with its idempotency keys must store each user
	// once.
	fake.SetFaults(couriertest.Faults{Every: 1, Kind: couriertest.FaultServerError, After: true, Limit: 1, RetryAfter: "0"})
	if _, err := client.Bulk.IngestUsers(ctx, ids[0], &courier.BulkIngestUsersRequest{Users: users[:1]}); err != nil {
		t.Fatalf("IngestUsers over a lost response: %v", err)
	}
	fake.SetFaults(couriertest.Faults{Every: 1, Kind: couriertest.FaultRateLimit, Limit: 1, RetryAfter: "0"})
	if err := client.Bulk.RunJob(ctx, ids[0], nil); err != nil {
		t.Fatalf("RunJob over a 429: %v", err)
	}
	if j, _ := fake.Job(ids[0]); j.Received != 1 || j.Status == couriertest.StatusCreated {
		t.Errorf("job after faults: %+v", j)
	}

	if err := client.Bulk.RunJob(ctx, id, &courier.BulkRunJobRequest{IdempotencyKey: "run-1"}); err != nil {
		t.Fatalf("RunJob: %v", err)
	}
	for i := 0; job.Job.Status != courier.BulkJobStatusCompleted; i++ {
		if i == 10 {
			t.Fatalf("not completed after 10 polls: %+v", job.Job)
		}
		if job, err = client.Bulk.GetJob(ctx, id); err != nil {
			t.Fatalf("GetJob: %v", err)
		}
	}
	n := 0
	for item, err := range client.Bulk.GetUsersIter(ctx, id, nil) {
		if err != nil {
			t.Fatalf("GetUsersIter: %v", err)
		}
		if item.Status != courier.BulkJobUserStatusEnqueued || item.MessageID.Value == "" {
			t.Errorf("after completion: %+v", item)
		}
		n++
	}
	if n != 5 {
		t.Errorf("GetUsersIter yielded %d users, want 5", n)
	}

	// Error answers decode into the spec's error type.
	err = client.Bulk.RunJob(ctx, id, nil, courier.WithMaxRetries(0))
	var apiErr *courier.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict {
		t.Fatalf("second RunJob: %v, want a 409 APIError", err)
	}
	if detail, ok := apiErr.Detail.(*courier.Error); !ok || detail.Message == "" || detail.Type.Value != courier.ErrorTypeInvalidRequestError {
		t.Errorf("409 detail: %#v", apiErr.Detail)
	}
	if _, err := client.Bulk.GetJob(ctx, "1-unknown", courier.WithMaxRetries(0)); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		t.Errorf("GetJob of an unknown job: %v, want a 404 APIError", err)
	}

	if s := fake.Stats(); s.UsersStored != 6 || s.DuplicateUsers != 2 || s.Replays != 2 || s.Faults != 2 {
		// 5 in job id (users[0] and users[1] twice, on purpose, without a
		// shared key) and 1 in ids[0]; replays: the repeated batch-1 and
		// the retried ingest.
		t.Errorf("fake stats: %+v", s)
	}
}

// sameJSON reports whether a and b decode to equal values.
func sameJSON(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}
