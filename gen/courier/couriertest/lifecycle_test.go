package couriertest_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/oagen/oagen/gen/courier/couriertest"
)

func TestLifecycleByPolls(t *testing.T) {
	f := start(t, couriertest.WithCompleteAfterPolls(4))
	id := f.create("e")
	for i := range 10 {
		f.ingest(id, userN(i))
	}
	for range 2 { // polls before the run do not count
		if j := f.getJob(id).Job; j.Status != "CREATED" || j.Received != 10 || j.Enqueued != 0 {
			t.Fatalf("before run: %+v", j)
		}
	}
	wantStatus(t, f.do("POST", "/bulk/"+id+"/run", ""), http.StatusNoContent)
	if s, _ := f.Job(id); s.Status != "PROCESSING" || s.Polls != 0 {
		t.Fatalf("after run: %+v", s)
	}
	var statuses []string
	var enqueued []int
	for range 5 {
		j := f.getJob(id).Job
		statuses = append(statuses, j.Status)
		enqueued = append(enqueued, j.Enqueued)
		if j.Received != 10 || j.Failures != 0 {
			t.Errorf("poll: %+v", j)
		}
	}
	if fmt.Sprint(statuses) != "[PROCESSING PROCESSING PROCESSING COMPLETED COMPLETED]" ||
		fmt.Sprint(enqueued) != "[2 5 7 10 10]" {
		t.Errorf("polls: statuses %v, enqueued %v", statuses, enqueued)
	}
}

func TestLifecycleDefaultAndImmediate(t *testing.T) {
	f := start(t)
	id := f.create("e")
	f.ingest(id, userN(1))
	f.do("POST", "/bulk/"+id+"/run", "")
	first, second := f.getJob(id).Job.Status, f.getJob(id).Job.Status
	if first != "PROCESSING" || second != "COMPLETED" {
		t.Errorf("default schedule: %s then %s, want PROCESSING then COMPLETED", first, second)
	}

	g := start(t, couriertest.WithCompleteAfterPolls(0))
	id = g.create("e")
	g.do("POST", "/bulk/"+id+"/run", "")
	if s, _ := g.Job(id); s.Status != "COMPLETED" {
		t.Errorf("WithCompleteAfterPolls(0): %s after run", s.Status)
	}
}

func TestLifecycleByTime(t *testing.T) {
	const d = 50 * time.Millisecond
	f := start(t, couriertest.WithCompleteAfter(d))
	id := f.create("e")
	f.ingest(id, userN(1), userN(2))
	ran := time.Now()
	f.do("POST", "/bulk/"+id+"/run", "")
	for i := 0; ; i++ {
		j := f.getJob(id).Job
		if j.Status == "COMPLETED" {
			if time.Since(ran) < d || j.Enqueued != 2 {
				t.Errorf("completed too early or incomplete: %+v", j)
			}
			break
		}
		if j.Status != "PROCESSING" || i > 200 {
			t.Fatalf("poll %d: %+v", i, j)
		}
		time.Sleep(d / 10)
	}
}

// walkUsers reads every page of a job's users, checking the paging shape,
// and returns the items.
func walkUsers(t *testing.T, f *fake, id string, pageSize int) []map[string]any {
	t.Helper()
	var all []map[string]any
	cursor := ""
	for pages := 1; ; pages++ {
		if pages > 100000 {
			t.Fatal("paging does not end")
		}
		var p usersPage
		r := f.do("GET", "/bulk/"+id+"/users?cursor="+url.QueryEscape(cursor), "")
		wantStatus(t, r, http.StatusOK)
		decode(t, r.body, &p)
		all = append(all, p.Items...)
		if p.Paging.More == nil {
			t.Fatalf("page %d: no paging.more in %s", pages, r.body)
		}
		if !*p.Paging.More {
			if p.Paging.Cursor != nil {
				t.Errorf("last page has a cursor %q", *p.Paging.Cursor)
			}
			return all
		}
		if p.Paging.Cursor == nil || *p.Paging.Cursor == "" || len(p.Items) != pageSize {
			t.Fatalf("page %d: %d items, cursor %v", pages, len(p.Items), p.Paging.Cursor)
		}
		cursor = *p.Paging.Cursor
	}
}

// TestPaging walks a few thousand users before, during and after a run and
// checks order, statuses and message ids.
func TestPaging(t *testing.T) {
	const n, size = 2500, 64
	f := start(t, couriertest.WithPageSize(size), couriertest.WithCompleteAfterPolls(2))
	id := f.create("e")
	for from := 0; from < n; from += 500 {
		var batch []string
		for i := from; i < from+500; i++ {
			batch = append(batch, userN(i))
		}
		f.ingest(id, batch...)
	}
	walk := func() []map[string]any {
		all := walkUsers(t, f, id, size)
		if len(all) != n {
			t.Fatalf("walked %d users, want %d", len(all), n)
		}
		for i, u := range all {
			if u["recipient"] != fmt.Sprintf("user-%d", i) {
				t.Fatalf("item %d is %v: order lost", i, u)
			}
		}
		return all
	}

	for _, u := range walk() {
		if _, has := u["messageId"]; u["status"] != "PENDING" || has {
			t.Fatalf("before run: %v", u)
		}
	}
	f.do("POST", "/bulk/"+id+"/run", "")
	f.getJob(id) // first of two polls: half enqueued
	counts := map[string]int{}
	for i, u := range walk() {
		st := u["status"].(string)
		counts[st]++
		if _, has := u["messageId"]; has != (st == "ENQUEUED") || (st == "ENQUEUED") != (i < n/2) {
			t.Fatalf("item %d: %v", i, u)
		}
	}
	if counts["ENQUEUED"] != n/2 || counts["PENDING"] != n/2 {
		t.Errorf("halfway: %v", counts)
	}
	f.getJob(id) // completed
	for _, u := range walk() {
		if id, _ := u["messageId"].(string); u["status"] != "ENQUEUED" || id == "" {
			t.Fatalf("after completion: %v", u)
		}
	}
}

func TestPagingEdges(t *testing.T) {
	f := start(t, couriertest.WithPageSize(2))
	id, other := f.create("e"), f.create("e")
	var p usersPage
	decode(t, f.do("GET", "/bulk/"+id+"/users", "").body, &p)
	if p.Items == nil || len(p.Items) != 0 || *p.Paging.More || p.Paging.Cursor != nil {
		t.Errorf("empty job: %+v", p)
	}
	f.ingest(id, userN(1), userN(2), userN(3))
	f.ingest(other, userN(1), userN(2), userN(3))
	if got := walkUsers(t, f, id, 2); len(got) != 3 {
		t.Errorf("walked %d users, want 3", len(got))
	}

	decode(t, f.do("GET", "/bulk/"+other+"/users", "").body, &p)
	for name, c := range map[string]string{
		"garbage":   "%%%",
		"other job": *p.Paging.Cursor,
		// The format is the fake's own business; forged here to go out of range.
		"beyond the end": base64.RawURLEncoding.EncodeToString([]byte(id + "/99")),
		"negative":       base64.RawURLEncoding.EncodeToString([]byte(id + "/-1")),
	} {
		r := f.do("GET", "/bulk/"+id+"/users?cursor="+url.QueryEscape(c), "")
		t.Run(name, func(t *testing.T) { wantError(t, r, http.StatusBadRequest, "invalid_request_error") })
	}
}
