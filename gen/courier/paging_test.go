package courier_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oagen/oagen/gen/courier"
	"github.com/oagen/oagen/gen/courier/couriertest"
)

// GetUsersIter follows the cursor over 10,000 users of the in-memory
// Courier, 100 a page, and yields each once, in order.
func TestGetUsersIterOverTenThousandUsers(t *testing.T) {
	srv := couriertest.NewServer(couriertest.WithToken("tok"), couriertest.WithPageSize(100))
	defer srv.Close()
	client := courier.NewClient(courier.WithBaseURL(srv.URL), courier.WithBearerToken("tok"))
	ctx := context.Background()
	job, err := client.Bulk.CreateJob(ctx, &courier.BulkCreateJobRequest{Message: courier.InboundBulkMessage{Event: "welcome"}})
	if err != nil {
		t.Fatal(err)
	}
	const total = 10_000
	for batch := range total / 1000 {
		users := make([]courier.InboundBulkMessageUser, 1000)
		for i := range users {
			users[i].Recipient = courier.Value(fmt.Sprintf("user-%05d", batch*1000+i))
		}
		if _, err := client.Bulk.IngestUsers(ctx, job.JobID, &courier.BulkIngestUsersRequest{Users: users}); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for user, err := range client.Bulk.GetUsersIter(ctx, job.JobID, nil) {
		if err != nil {
			t.Fatalf("after %d users: %v", n, err)
		}
		if got := user.Recipient.Value; got != fmt.Sprintf("user-%05d", n) {
			t.Fatalf("user %d is %q", n, got)
		}
		n++
	}
	if n != total {
		t.Errorf("iterated %d users, want %d", n, total)
	}
}

// A server that hands back a cursor it already gave ends the iteration
// with an error instead of looping for ever.
func TestGetUsersIterStopsOnARepeatedCursor(t *testing.T) {
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		if requests > 10 {
			t.Error("the client kept paging")
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"items":[{"status":"PENDING"}],"paging":{"more":true,"cursor":"same"}}`)
	}))
	defer srv.Close()
	client := courier.NewClient(courier.WithBaseURL(srv.URL))
	var items int
	var last error
	for _, err := range client.Bulk.GetUsersIter(context.Background(), "job", nil) {
		if err != nil {
			last = err
			break
		}
		items++
	}
	if last == nil || !strings.Contains(last.Error(), "same") && !strings.Contains(last.Error(), "cursor") {
		t.Fatalf("error = %v, want one about the repeated cursor", last)
	}
	if items != 2 || requests != 2 {
		t.Errorf("items = %d, requests = %d; want 2 and 2", items, requests)
	}
}

// Breaking out of the loop stops the paging.
func TestGetUsersIterStopsOnBreak(t *testing.T) {
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"items":[{"status":"PENDING"},{"status":"ENQUEUED"}],"paging":{"more":true,"cursor":"c%d"}}`, requests)
	}))
	defer srv.Close()
	client := courier.NewClient(courier.WithBaseURL(srv.URL))
	for range client.Bulk.GetUsersIter(context.Background(), "job", nil) {
		break
	}
	if requests != 1 {
		t.Errorf("requests = %d, want 1", requests)
	}
}
