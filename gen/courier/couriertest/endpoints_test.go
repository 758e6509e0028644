package couriertest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oagen/oagen/gen/courier/couriertest"
)

func TestCreateJob(t *testing.T) {
	f := start(t)
	msg := `{"event":"EXAMPLE_NOTIFICATION","brand":"W50NC77P524K14M5300PGPEK4JMJ","data":{"name":"Jane Doe","age":27}}`
	r := f.do("POST", "/bulk", `{"message": `+msg+`}`)
	wantStatus(t, r, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	var out map[string]string
	decode(t, r.body, &out)
	id := out["jobId"]
	if len(out) != 1 || !strings.HasPrefix(id, "1-") || len(id) != 35 {
		t.Fatalf("body %s: want {jobId} shaped like 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx", r.body)
	}
	if got := f.getJob(id).Job.Definition; string(got) != msg {
		t.Errorf("definition = %s, want %s", got, msg)
	}
	if other := f.create("x"); other == id {
		t.Errorf("two jobs share id %s", id)
	}
}

func TestCreateJobErrors(t *testing.T) {
	f := start(t)
	for name, body := range map[string]string{
		"no event":        `{"message":{"brand":"b"}}`,
		"empty event":     `{"message":{"event":""}}`,
		"null event":      `{"message":{"event":null}}`,
		"number event":    `{"message":{"event":42}}`,
		"no message":      `{}`,
		"message not obj": `{"message":"hi"}`,
		"not an object":   `[]`,
		"malformed":       `{"message":`,
		"no body":         ``,
	} {
		t.Run(name, func(t *testing.T) {
			wantError(t, f.do("POST", "/bulk", body), http.StatusBadRequest, "invalid_request_error")
		})
	}
	if s := f.Stats(); s.Jobs != 0 {
		t.Errorf("Jobs = %d after only bad requests", s.Jobs)
	}
}

func TestLegacyStatuses(t *testing.T) {
	f := start(t, couriertest.WithLegacyStatuses())
	r := f.do("POST", "/bulk", `{"message":{"event":"e"}}`)
	wantStatus(t, r, http.StatusCreated)
	var out struct{ JobID string }
	decode(t, r.body, &out)

	r = f.do("POST", "/bulk/"+out.JobID, usersBody(userN(1), userN(2)))
	wantStatus(t, r, http.StatusOK)
	if string(r.body) != `{"total":2}` || r.header.Get("Content-Type") != "application/json" {
		t.Errorf("ingest body %s (%s), want {\"total\":2}", r.body, r.header.Get("Content-Type"))
	}
	r = f.do("POST", "/bulk/"+out.JobID+"/run", "")
	wantStatus(t, r, http.StatusAccepted)
	if len(r.body) != 0 {
		t.Errorf("run body %q, want none", r.body)
	}
}

func TestIngestUsers(t *testing.T) {
	f := start(t)
	id := f.create("e")
	r := f.do("POST", "/bulk/"+id, usersBody(userN(1), `{}`))
	wantStatus(t, r, http.StatusNoContent)
	if len(r.body) != 0 || r.header.Get("Content-Type") != "" {
		t.Errorf("204 with body %q / Content-Type %q", r.body, r.header.Get("Content-Type"))
	}
	f.ingest(id, "{ \"to\" : { \"user_id\" : \"u3\" } }")
	f.ingest(id) // an empty batch is fine
	want := []string{userN(1), `{}`, `{"to":{"user_id":"u3"}}`}
	got := f.Users(id)
	if len(got) != len(want) {
		t.Fatalf("Users = %s, want %s", got, want)
	}
	for i := range want {
		if string(got[i]) != want[i] {
			t.Errorf("user %d = %s, want %s (stored compact, in order)", i, got[i], want[i])
		}
	}
	if j := f.getJob(id).Job; j.Received != 3 || j.Status != "CREATED" || j.Enqueued != 0 {
		t.Errorf("job = %+v", j)
	}
}

func TestIngestUsersErrors(t *testing.T) {
	f := start(t)
	id := f.create("e")
	for name, body := range map[string]string{
		"no users":       `{}`,
		"null users":     `{"users":null}`,
		"users object":   `{"users":{}}`,
		"user not obj":   `{"users":[{},"bob"]}`,
		"user null":      `{"users":[null]}`,
		"malformed json": `{"users":[`,
	} {
		t.Run(name, func(t *testing.T) {
			wantError(t, f.do("POST", "/bulk/"+id, body), http.StatusBadRequest, "invalid_request_error")
		})
	}
	if n := len(f.Users(id)); n != 0 {
		t.Errorf("%d users stored from bad bodies", n)
	}
	wantError(t, f.do("POST", "/bulk/1-nope", usersBody(`{}`)), http.StatusNotFound, "invalid_request_error")

	wantStatus(t, f.do("POST", "/bulk/"+id+"/run", ""), http.StatusNoContent)
	wantError(t, f.do("POST", "/bulk/"+id, usersBody(`{}`)), http.StatusConflict, "invalid_request_error")
	if n := len(f.Users(id)); n != 0 {
		t.Errorf("users stored after run: %d", n)
	}
}

func TestRunJob(t *testing.T) {
	f := start(t)
	id := f.create("e")
	r := f.do("POST", "/bulk/"+id+"/run", "")
	wantStatus(t, r, http.StatusNoContent)
	wantError(t, f.do("POST", "/bulk/"+id+"/run", ""), http.StatusConflict, "invalid_request_error")
	wantError(t, f.do("POST", "/bulk/1-nope/run", ""), http.StatusNotFound, "invalid_request_error")
	// A body is tolerated, as older SDKs sent {}.
	wantStatus(t, f.do("POST", "/bulk/"+f.create("e")+"/run", "{}"), http.StatusNoContent)
}

func TestGetJobUnknown(t *testing.T) {
	f := start(t)
	wantError(t, f.do("GET", "/bulk/1-nope", ""), http.StatusNotFound, "invalid_request_error")
	wantError(t, f.do("GET", "/bulk/1-nope/users", ""), http.StatusNotFound, "invalid_request_error")
	if _, ok := f.Job("1-nope"); ok {
		t.Error("Job found an unknown id")
	}
	if f.Users("1-nope") != nil {
		t.Error("Users of an unknown job is not nil")
	}
}

func TestRoutes(t *testing.T) {
	f := start(t)
	id := f.create("e")
	for _, c := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/bulk", 405, "POST"},
		{"DELETE", "/bulk/" + id, 405, "GET, POST"},
		{"GET", "/bulk/" + id + "/run", 405, "POST"},
		{"POST", "/bulk/" + id + "/users", 405, "GET"},
		{"POST", "/bulk/", 404, ""},
		{"GET", "/bulk/" + id + "/", 404, ""},
		{"GET", "/bulk/" + id + "/other", 404, ""},
		{"GET", "/bulk/" + id + "/users/x", 404, ""},
		{"GET", "/send", 404, ""},
	} {
		r := f.do(c.method, c.path, "")
		wantError(t, r, c.status, "invalid_request_error")
		if got := r.header.Get("Allow"); got != c.allow {
			t.Errorf("%s %s: Allow = %q, want %q", c.method, c.path, got, c.allow)
		}
	}
}

func TestAuth(t *testing.T) {
	f := start(t, couriertest.WithToken("sk_test"))
	for name, h := range map[string][]string{
		"missing":   nil,
		"wrong":     {"Authorization", "Bearer sk_other"},
		"no scheme": {"Authorization", "sk_test"},
		"basic":     {"Authorization", "Basic sk_test"},
	} {
		t.Run(name, func(t *testing.T) {
			wantError(t, f.do("POST", "/bulk", `{"message":{"event":"e"}}`, h...), http.StatusUnauthorized, "authentication_error")
			wantError(t, f.do("GET", "/bulk/1-x/users", "", h...), http.StatusUnauthorized, "authentication_error")
		})
	}
	if s := f.Stats(); s.Jobs != 0 {
		t.Fatalf("unauthenticated create made %d jobs", s.Jobs)
	}
	wantStatus(t, f.do("POST", "/bulk", `{"message":{"event":"e"}}`, "Authorization", "Bearer sk_test"), http.StatusOK)
}

func TestMaxBodyBytes(t *testing.T) {
	f := start(t, couriertest.WithMaxBodyBytes(64))
	id := f.create("e")
	big := usersBody(userN(1), userN(2), userN(3))
	wantError(t, f.do("POST", "/bulk/"+id, big), http.StatusRequestEntityTooLarge, "invalid_request_error")
	if s := f.Stats(); s.UsersStored != 0 || s.UsersSent != 0 {
		t.Errorf("stats after 413: %+v", s)
	}
}

// TestNewHandler mounts the fake under a prefix of another mux and calls
// it without a listener.
func TestNewHandler(t *testing.T) {
	h := couriertest.NewHandler(couriertest.WithCompleteAfterPolls(0))
	mux := http.NewServeMux()
	mux.Handle("/courier/", http.StripPrefix("/courier", h))
	call := func(method, path, body string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(method, path, strings.NewReader(body)))
		return w
	}
	w := call("POST", "/courier/bulk", `{"message":{"event":"e"}}`)
	var out struct{ JobID string }
	decode(t, w.Body.Bytes(), &out)
	call("POST", "/courier/bulk/"+out.JobID, usersBody(`{}`))
	if w := call("POST", "/courier/bulk/"+out.JobID+"/run", ""); w.Code != http.StatusNoContent {
		t.Fatalf("run: %d", w.Code)
	}
	w = call("GET", "/courier/bulk/"+out.JobID, "")
	if !strings.Contains(w.Body.String(), `"status":"COMPLETED"`) {
		t.Errorf("get job: %s", w.Body)
	}
	if j, _ := h.Job(out.JobID); j.Received != 1 || j.Status != "COMPLETED" {
		t.Errorf("Job = %+v", j)
	}
}

func TestIDsDiffer(t *testing.T) {
	f := start(t, couriertest.WithCompleteAfterPolls(0), couriertest.WithPageSize(1000))
	seen := map[string]bool{}
	for i := range 20 {
		id := f.create(fmt.Sprint("e", i))
		f.ingest(id, userN(1), userN(2))
		f.do("POST", "/bulk/"+id+"/run", "")
		var p usersPage
		decode(t, f.do("GET", "/bulk/"+id+"/users", "").body, &p)
		ids := []string{id}
		for _, it := range p.Items {
			ids = append(ids, it["messageId"].(string))
		}
		for _, x := range ids {
			if seen[x] {
				t.Fatalf("id %s used twice", x)
			}
			seen[x] = true
		}
	}
}

func TestDefinitionKeepsFields(t *testing.T) {
	f := start(t)
	msg := `{"event":"abcdefgh12345678","brand":"W50NC77P524K14M5300PGPEK4JMJ","data":{"name":"Jane Doe","age":27},"routing":{"method":"single"},"template":"NOTIFICATION_TEMPLATE"}`
	r := f.do("POST", "/bulk", `{"message":`+msg+`}`)
	var out struct{ JobID string }
	decode(t, r.body, &out)
	j, _ := f.Job(out.JobID)
	if !json.Valid(j.Definition) || string(j.Definition) != msg {
		t.Errorf("definition %s, want %s", j.Definition, msg)
	}
}
