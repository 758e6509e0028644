package couriertest_test

import (
	"net/http"
	"testing"

	"github.com/oagen/oagen/gen/courier/couriertest"
)

func TestIdempotentCreate(t *testing.T) {
	f := start(t)
	body := `{"message":{"event":"e"}}`
	a := f.do("POST", "/bulk", body, "Idempotency-Key", "k1")
	b := f.do("POST", "/bulk", `{"message":{"event":"other"}}`, "Idempotency-Key", "k1")
	wantStatus(t, b, http.StatusOK)
	if string(a.body) != string(b.body) {
		t.Errorf("replay body %s, first %s", b.body, a.body)
	}
	if s := f.Stats(); s.Jobs != 1 || s.Replays != 1 {
		t.Errorf("after a replay: %+v", s)
	}
	c := f.do("POST", "/bulk", body, "Idempotency-Key", "k2")
	if string(c.body) == string(a.body) {
		t.Error("another key replayed the first response")
	}
	f.do("POST", "/bulk", body) // no key: runs
	if s := f.Stats(); s.Jobs != 3 {
		t.Errorf("Jobs = %d, want 3", s.Jobs)
	}
}

func TestIdempotentIngestAndRun(t *testing.T) {
	f := start(t, couriertest.WithLegacyStatuses())
	id := f.create("e")
	body := usersBody(userN(1), userN(2))
	for range 3 {
		r := f.do("POST", "/bulk/"+id, body, "Idempotency-Key", "batch-1")
		wantStatus(t, r, http.StatusOK)
		if string(r.body) != `{"total":2}` {
			t.Errorf("replayed body %s", r.body)
		}
	}
	// The same key on another endpoint is another key.
	wantStatus(t, f.do("POST", "/bulk/"+id+"/run", "", "Idempotency-Key", "batch-1"), http.StatusAccepted)
	wantStatus(t, f.do("POST", "/bulk/"+id+"/run", "", "Idempotency-Key", "batch-1"), http.StatusAccepted)
	// A second run with a new key is a real second run.
	wantError(t, f.do("POST", "/bulk/"+id+"/run", "", "Idempotency-Key", "run-2"), http.StatusConflict, "invalid_request_error")
	// ... and the stored 409 is replayed as such.
	wantError(t, f.do("POST", "/bulk/"+id+"/run", "", "Idempotency-Key", "run-2"), http.StatusConflict, "invalid_request_error")
	// Replays of an ingest after the run still answer the stored 200.
	wantStatus(t, f.do("POST", "/bulk/"+id, body, "Idempotency-Key", "batch-1"), http.StatusOK)

	s := f.Stats()
	want := couriertest.Stats{Requests: 9, Replays: 5, Jobs: 1, UsersSent: 8, UsersStored: 2}
	if s != want {
		t.Errorf("Stats = %+v, want %+v", s, want)
	}
}

func TestIdempotencyNotStored(t *testing.T) {
	f := start(t, couriertest.WithToken("tok"))
	auth := []string{"Authorization", "Bearer tok", "Idempotency-Key", "k"}
	// Failed validation, authentication and lookup are not stored: the key
	// stays free for a corrected request.
	wantStatus(t, f.do("POST", "/bulk", `{"message":{}}`, auth...), http.StatusBadRequest)
	wantStatus(t, f.do("POST", "/bulk", `{"message":{"event":"e"}}`, "Idempotency-Key", "k"), http.StatusUnauthorized)
	wantStatus(t, f.do("POST", "/bulk/1-nope/run", "", auth...), http.StatusNotFound)
	wantStatus(t, f.do("POST", "/bulk", `{"message":{"event":"e"}}`, auth...), http.StatusOK)
	if s := f.Stats(); s.Jobs != 1 || s.Replays != 0 {
		t.Errorf("Stats = %+v", s)
	}
	// GET ignores the header.
	r1 := f.do("GET", "/bulk/"+"1-nope", "", auth...)
	r2 := f.do("GET", "/bulk/"+"1-nope", "", auth...)
	if r1.status != 404 || r2.status != 404 || f.Stats().Replays != 0 {
		t.Errorf("GET with a key: %d, %d, %+v", r1.status, r2.status, f.Stats())
	}
}

func TestDuplicateAccounting(t *testing.T) {
	f := start(t)
	a, b := f.create("e"), f.create("e")
	f.ingest(a, `{"profile":{"email":"x@example.com"},"recipient":"x"}`, `{"recipient":"y"}`)
	// Same user: other key order, spaces and escapes.
	f.ingest(a, `{ "recipient" : "\u0078", "profile": {"email": "x@example.com"} }`)
	f.ingest(a, `{"recipient":"y","data":null}`) // a different user
	f.ingest(b, `{"recipient":"y"}`)             // same user, other job: no duplicate
	s := f.Stats()
	want := couriertest.Stats{Requests: 6, Jobs: 2, UsersSent: 5, UsersStored: 5, DuplicateUsers: 1}
	if s != want {
		t.Errorf("Stats = %+v, want %+v", s, want)
	}
	if j, _ := f.Job(a); j.Duplicates != 1 || j.Received != 4 {
		t.Errorf("job a: %+v", j)
	}
}

func TestRejectDuplicates(t *testing.T) {
	f := start(t, couriertest.WithRejectDuplicates(), couriertest.WithLegacyStatuses())
	id := f.create("e")
	f.ingest(id, userN(1))
	r := f.do("POST", "/bulk/"+id, usersBody(userN(2), userN(1), userN(2)))
	wantStatus(t, r, http.StatusOK)
	want := `{"total":1,"errors":[{"user":` + userN(1) + `,"error":"Duplicate user"},{"user":` + userN(2) + `,"error":"Duplicate user"}]}`
	if string(r.body) != want {
		t.Errorf("body %s\nwant %s", r.body, want)
	}
	if s := f.Stats(); s.UsersStored != 2 || s.RejectedDuplicates != 2 || s.DuplicateUsers != 0 || s.UsersSent != 4 {
		t.Errorf("Stats = %+v", s)
	}
}
