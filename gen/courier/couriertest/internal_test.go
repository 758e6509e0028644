package couriertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

// raceEnabled is set by race_test.go under -race.
var raceEnabled bool

func TestIdempotentInFlight(t *testing.T) {
	h := NewHandler()
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan reply)
	go func() {
		done <- h.idempotent("POST /bulk\nk", func() reply {
			close(started)
			<-release
			return reply{status: http.StatusOK, body: []byte(`{"jobId":"a"}`)}
		})
	}()
	<-started
	ran := false
	r := h.idempotent("POST /bulk\nk", func() reply { ran = true; return reply{} })
	if r.status != http.StatusConflict || ran {
		t.Fatalf("concurrent repeat: %d %s, ran %v", r.status, r.body, ran)
	}
	close(release)
	if first := <-done; first.status != http.StatusOK {
		t.Fatalf("first: %d", first.status)
	}
	r = h.idempotent("POST /bulk\nk", func() reply { ran = true; return reply{} })
	if string(r.body) != `{"jobId":"a"}` || ran {
		t.Fatalf("repeat after: %d %s, ran %v", r.status, r.body, ran)
	}
}

// TestMillionUsers stores a million users in one job through the handler
// and bounds the memory each costs beyond its JSON.
func TestMillionUsers(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow under -short and -race; run: go test -run TestMillionUsers -v ./gen/courier/couriertest/")
	}
	const n, batch = 1_000_000, 10_000
	h := NewHandler(WithCompleteAfterPolls(0))
	id := h.createJob([]byte(`{"message":{"event":"e"}}`))
	var jobID string
	fmt.Sscanf(string(id.body), `{"jobId":%q}`, &jobID)

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	begin := time.Now()
	jsonBytes := 0
	var body strings.Builder
	for from := 0; from < n; from += batch {
		body.Reset()
		body.WriteString(`{"users":[`)
		for i := from; i < from+batch; i++ {
			if i > from {
				body.WriteByte(',')
			}
			u := fmt.Sprintf(`{"to":{"user_id":"u%07d"},"profile":{"email":"u%07d@example.com"}}`, i, i)
			jsonBytes += len(u)
			body.WriteString(u)
		}
		body.WriteString(`]}`)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", "/bulk/"+jobID, strings.NewReader(body.String())))
		if w.Code != http.StatusNoContent {
			t.Fatalf("batch at %d: %d %s", from, w.Code, w.Body)
		}
	}
	elapsed := time.Since(begin)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	perUser := (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / n
	overhead := perUser - float64(jsonBytes)/n
	t.Logf("%d users in %v; heap %.0f B/user, %.0f B/user beyond the JSON", n, elapsed.Round(time.Millisecond), perUser, overhead)
	if s := h.Stats(); s.UsersStored != n || s.DuplicateUsers != 0 {
		t.Fatalf("Stats = %+v", s)
	}
	if overhead > 96 {
		t.Errorf("%.0f bytes per user beyond the JSON, want at most 96", overhead)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/bulk/"+jobID+"/users?cursor="+encodeCursor(jobID, n-1), nil))
	if !strings.Contains(w.Body.String(), `u0999999@example.com`) || !strings.Contains(w.Body.String(), `"more":false`) {
		t.Errorf("last page: %s", w.Body)
	}
}

// splitUsers either reads a body exactly as encoding/json does or leaves
// it to parseUsers' encoding/json path.
func TestSplitUsers(t *testing.T) {
	for _, tc := range []struct {
		body string
		fast bool
	}{
		{`{"users":[{"user_id":"a"},{"user_id":"b","data":{"s":"]},{\"x"}}]}`, true},
		{`{"users":[]}`, true},
		{`{"users":[{"user_id":"a"}],"users":[{"user_id":"b"}]}`, false}, // the last wins
		{`{"users":[{"user_id":"a"}],"x":[1]}`, false},
		{`{"users":[{"user_id":"a"},1]}`, false},
		{`{"users":[{"user_id":"a"}`, false},
		{`{"users": [{"user_id":"a"}]}`, false},
	} {
		got, ok := splitUsers([]byte(tc.body))
		if ok != tc.fast {
			t.Errorf("%s: fast path %v, want %v", tc.body, ok, tc.fast)
			continue
		}
		if !ok {
			continue
		}
		var want struct{ Users []json.RawMessage }
		if err := json.Unmarshal([]byte(tc.body), &want); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want.Users) {
			t.Errorf("%s: %d users, want %d", tc.body, len(got), len(want.Users))
			continue
		}
		for i := range got {
			if string(got[i]) != string(want.Users[i]) {
				t.Errorf("%s: user %d is %s, want %s", tc.body, i, got[i], want.Users[i])
			}
		}
	}
}
