package templates

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestConcurrentCalls runs many calls on one client, with per-call options
// and retries, so that the race detector sees any shared mutable state.
func TestConcurrentCalls(t *testing.T) {
	const n = 200
	var hits atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1)%7 == 0 {
			reply(w, http.StatusServiceUnavailable, `{}`)
			return
		}
		id := strings.TrimPrefix(r.URL.Path, "/bulk/")
		if r.Header.Get("X-Call") != id {
			reply(w, http.StatusBadRequest, `{"message":"header from another call"}`)
			return
		}
		reply(w, http.StatusOK, fmt.Sprintf(`{"jobId":%q}`, id))
	})
	c, _ := newTestCore(srv.URL, WithHeader("X-Client", "shared"), WithMaxRetries(5))
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			id := fmt.Sprint(i)
			op := getOp("/bulk/{job_id}")
			op.path = "/bulk/" + pathEscape(id)
			var out jobResponse
			_, err := call(t, c, context.Background(), op, &out, WithHeader("X-Call", id))
			if err == nil && out.JobID != id {
				err = fmt.Errorf("call %s got job %q", id, out.JobID)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
