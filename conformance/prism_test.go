package conformance

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/oagen/oagen/gen/courier/couriertest"
)

const token = "sk_test_conformance"

// The two request bodies of Courier's "Create a bulk job" page
// (../shared/seed/create-a-bulk-job.txt): the cURL sample, and the
// "Example" with routing and template next to the event.
const (
	seedCurlBody    = `{"message":{"event":"EXAMPLE_NOTIFICATION","brand":"W50NC77P524K14M5300PGPEK4JMJ","data":{"name":"Jane Doe","age":27}}}`
	seedExampleBody = `{"message":{"event":"abcdefgh12345678","brand":"W50NC77P524K14M5300PGPEK4JMJ","data":{"name":"Jane Doe","age":27},"routing":{"method":"single"},"template":"NOTIFICATION_TEMPLATE"}}`
	// Current model: inline content instead of the event's notification.
	contentBody = `{"message":{"event":"welcome-series","locale":{"fr":{"title":"Bienvenue"}},"content":{"title":"Welcome","body":"Hi {{name}}"},"override":{}}}`
)

// Users in the shapes the spec allows, from bare to full.
var userBatches = [][]string{
	{
		`{"recipient":"user-001","profile":{"email":"jane@example.com"},"data":{"name":"Jane Doe"}}`,
		`{"to":{"user_id":"user-002","email":"sam@example.com","data":{"plan":"pro"}},"profile":{"email":"sam@example.com"}}`,
	},
	{
		`{}`,
		`{"data":"any JSON value","preferences":{"notifications":{"nt_1":{"status":"OPTED_OUT"}}}}`,
		`{"recipient":null,"profile":{"phone_number":"+15555550123"},"to":{"list_id":"list-1","locale":"en"}}`,
	},
}

// TestRawOperations drives every operation with raw requests through Prism,
// once with the statuses of Courier's current reference and once with the
// older documented ones, and requires no Error violation either way.
func TestRawOperations(t *testing.T) {
	for _, mode := range []struct {
		name                 string
		opts                 []couriertest.Option
		create, ingest, run  int
		ingestBody, runEmpty bool
	}{
		{"newest", nil, http.StatusOK, http.StatusNoContent, http.StatusNoContent, false, true},
		{"legacy", []couriertest.Option{couriertest.WithLegacyStatuses()}, http.StatusCreated, http.StatusOK, http.StatusAccepted, true, true},
	} {
		t.Run(mode.name, func(t *testing.T) {
			opts := append([]couriertest.Option{couriertest.WithToken(token), couriertest.WithPageSize(2)}, mode.opts...)
			fake := couriertest.NewHandler(opts...)
			c := newRawClient(t, fake, token)

			var ids []string
			for _, body := range []string{seedCurlBody, seedExampleBody, contentBody} {
				r := c.expect(mode.create, "POST", "/bulk", body)
				var out struct{ JobID string }
				if err := json.Unmarshal(r.body, &out); err != nil || out.JobID == "" {
					t.Fatalf("create: %v", r)
				}
				ids = append(ids, out.JobID)
			}
			id := ids[1]
			key := []string{"Idempotency-Key", "batch-1", "x-idempotency-expiration", "1785312000"}
			first := c.expect(mode.ingest, "POST", "/bulk/"+id, users(userBatches[0]), key...)
			again := c.expect(mode.ingest, "POST", "/bulk/"+id, users(userBatches[0]), key...)
			if string(first.body) != string(again.body) || (len(first.body) > 0) != mode.ingestBody {
				t.Errorf("ingest bodies: %v then %v", first, again)
			}
			c.expect(mode.ingest, "POST", "/bulk/"+id, users(userBatches[1]))

			job := getJob(t, c, id)
			if job.Status != "CREATED" || job.Received != 5 {
				t.Errorf("before run: %+v", job)
			}
			if n := len(walk(t, c, id)); n != 5 {
				t.Errorf("listed %d users, want 5", n)
			}

			c.expect(mode.run, "POST", "/bulk/"+id+"/run", "", "Idempotency-Key", "run-1")
			for i := 0; job.Status != "COMPLETED"; i++ {
				if i == 10 {
					t.Fatalf("not completed after 10 polls: %+v", job)
				}
				job = getJob(t, c, id)
			}
			for _, item := range walk(t, c, id) {
				if item["status"] != "ENQUEUED" || item["messageId"] == nil {
					t.Errorf("after completion: %v", item)
				}
			}
			if s := fake.Stats(); s.UsersStored != 5 || s.Replays != 1 {
				t.Errorf("fake stats: %+v", s)
			}
			RequireNoErrors(t, c.rec)
			logWarnings(t, c.rec)
		})
	}
}

func users(list []string) string { return `{"users":[` + strings.Join(list, ",") + `]}` }

type jobDetails struct {
	Status   string
	Received int
}

func getJob(t *testing.T, c *rawClient, id string) jobDetails {
	t.Helper()
	r := c.expect(http.StatusOK, "GET", "/bulk/"+id, "")
	var out struct{ Job jobDetails }
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatalf("get job: %v: %v", r, err)
	}
	return out.Job
}

// walk lists a job's users page by page (bounded).
func walk(t *testing.T, c *rawClient, id string) []map[string]any {
	t.Helper()
	var items []map[string]any
	path := "/bulk/" + id + "/users"
	for range 100 {
		r := c.expect(http.StatusOK, "GET", path, "")
		var page struct {
			Items  []map[string]any
			Paging struct {
				More   bool
				Cursor string
			}
		}
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatalf("users page: %v: %v", r, err)
		}
		items = append(items, page.Items...)
		if !page.Paging.More {
			return items
		}
		path = "/bulk/" + id + "/users?cursor=" + url.QueryEscape(page.Paging.Cursor)
	}
	t.Fatal("more than 100 pages")
	return nil
}

func logWarnings(t *testing.T, rec *Recorder) {
	t.Helper()
	for _, ex := range rec.Exchanges() {
		for _, v := range ex.Violations {
			if v.Severity != "Error" {
				t.Logf("%s %s -> %d: %s", ex.Method, ex.URL, ex.Status, v)
			}
		}
	}
}

// TestRawErrorResponses checks that the fake's error answers, which valid
// requests can get, match the spec's error responses too.
func TestRawErrorResponses(t *testing.T) {
	fake := couriertest.NewHandler(couriertest.WithToken(token), couriertest.WithMaxBodyBytes(4096))
	c := newRawClient(t, fake, token)
	r := c.expect(http.StatusOK, "POST", "/bulk", seedCurlBody)
	var out struct{ JobID string }
	_ = json.Unmarshal(r.body, &out)
	id := out.JobID

	wrong := []string{"Authorization", "Bearer sk_wrong"}
	c.expect(http.StatusUnauthorized, "POST", "/bulk", seedCurlBody, wrong...)
	c.expect(http.StatusUnauthorized, "GET", "/bulk/"+id+"/users", "", wrong...)
	for _, op := range [][2]string{{"POST", ""}, {"GET", ""}, {"POST", "/run"}, {"GET", "/users"}} {
		body := ""
		if op == [2]string{"POST", ""} {
			body = users(userBatches[0])
		}
		c.expect(http.StatusNotFound, op[0], "/bulk/1-unknown"+op[1], body)
	}
	c.expect(http.StatusBadRequest, "GET", "/bulk/"+id+"/users?cursor=not-a-cursor", "")
	big := users(slices.Repeat(userBatches[0], 30))
	c.expect(http.StatusRequestEntityTooLarge, "POST", "/bulk/"+id, big)

	fake.SetFaults(couriertest.Faults{Every: 1, Kind: couriertest.FaultRateLimit, RetryAfter: "1", Limit: 1})
	if r := c.expect(http.StatusTooManyRequests, "GET", "/bulk/"+id, ""); r.header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After lost through Prism: %v", r.header)
	}
	fake.SetFaults(couriertest.Faults{Every: 1, Kind: couriertest.FaultServerError, After: true, Limit: 1})
	c.expect(http.StatusInternalServerError, "POST", "/bulk/"+id, users(userBatches[0]), "Idempotency-Key", "k")
	c.expect(http.StatusNoContent, "POST", "/bulk/"+id, users(userBatches[0]), "Idempotency-Key", "k")

	c.expect(http.StatusNoContent, "POST", "/bulk/"+id+"/run", "")
	c.expect(http.StatusConflict, "POST", "/bulk/"+id+"/run", "")
	c.expect(http.StatusConflict, "POST", "/bulk/"+id, users(userBatches[1]))

	if s := fake.Stats(); s.UsersStored != 2 || s.Replays != 1 || s.Faults != 2 {
		t.Errorf("fake stats: %+v", s)
	}
	RequireNoErrors(t, c.rec)
	logWarnings(t, c.rec)
}

// TestJudgeCatchesBadRequests proves the judge works on requests: each
// invalid body must be reported as an Error at the request.
func TestJudgeCatchesBadRequests(t *testing.T) {
	fake := couriertest.NewHandler(couriertest.WithToken(token))
	c := newRawClient(t, fake, token)
	var out struct{ JobID string }
	_ = json.Unmarshal(c.expect(http.StatusOK, "POST", "/bulk", seedCurlBody).body, &out)

	for _, bad := range []struct {
		name, path, body string
		at               string // expected location, dot-joined
	}{
		{"event is a number", "/bulk", `{"message":{"event":42}}`, "request.body.message.event"},
		{"event missing", "/bulk", `{"message":{"brand":"b"}}`, "request.body.message"},
		{"users not an array", "/bulk/" + out.JobID, `{"users":{"recipient":"x"}}`, "request.body.users"},
		{"user not an object", "/bulk/" + out.JobID, `{"users":["bob"]}`, "request.body.users.0"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			c.rec.Reset()
			r := c.send("POST", bad.path, bad.body)
			if r.status != http.StatusBadRequest {
				t.Errorf("fake answered %v, want 400", r)
			}
			errs := c.rec.Exchanges()[0].Errors()
			if !slices.ContainsFunc(errs, func(v Violation) bool { return strings.Join(v.Location, ".") == bad.at }) {
				t.Errorf("no Error at %s; report:\n%s", bad.at, c.rec.ErrorReport())
			}
		})
	}
}

// TestJudgeCatchesBadResponses proves the judge works on responses: an
// upstream that answers off-spec must be reported.
func TestJudgeCatchesBadResponses(t *testing.T) {
	bad := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == "POST" && r.URL.Path == "/bulk":
			_, _ = w.Write([]byte(`{"jobId":5}`))
		case strings.HasSuffix(r.URL.Path, "/users"):
			_, _ = w.Write([]byte(`{"items":[{"status":"SENT"}]}`))
		default:
			_, _ = w.Write([]byte(`{"job":{"definition":{"event":"e"},"enqueued":"1","failures":0,"received":1,"status":"DONE"}}`))
		}
	})
	c := newRawClient(t, bad, token)
	c.send("POST", "/bulk", seedCurlBody)
	c.send("GET", "/bulk/1-x", "")
	c.send("GET", "/bulk/1-x/users", "")

	want := []string{
		"response.body.jobId",
		"response.body.job.enqueued",
		"response.body.job.status",
		"response.body.items.0.status",
		"response.body", // paging is required
	}
	var got []string
	for _, ex := range c.rec.Exchanges() {
		for _, v := range ex.Errors() {
			got = append(got, strings.Join(v.Location, "."))
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("no Error at %s; got %q", w, got)
		}
	}
}
