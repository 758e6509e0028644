package courier_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oagen/oagen/gen/courier"
	"github.com/oagen/oagen/gen/courier/couriertest"
)

// BenchmarkSend sends one job of a million users (and, for comparison, of
// 100,000) per iteration through Send to the in-memory Courier, and
// reports users/s and the peak heap of the sending process. The fake runs in a child process (this test binary
// again, see TestSendBenchServer), so that the million users it stores do
// not count as the sender's memory.
//
//	go test -run '^$' -bench BenchmarkSend -benchtime 1x ./gen/courier/
func BenchmarkSend(b *testing.B) {
	for _, bc := range []struct{ users, batch, conc int }{
		{100_000, 500, 4}, // against the next: the heap does not grow with the users
		{1_000_000, 500, 4},
		{1_000_000, 1000, 8},
	} {
		users := bc.users
		b.Run(fmt.Sprintf("users=%d/batch=%d/conc=%d", users, bc.batch, bc.conc), func(b *testing.B) {
			url, stop := startServerProcess(b)
			client := courier.NewClient(courier.WithBaseURL(url))
			opts := courier.SendOptions{BatchSize: bc.batch, Concurrency: bc.conc,
				PollInterval: time.Millisecond, MaxPollInterval: time.Millisecond}
			peak := watchHeap()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := courier.Send(context.Background(), client, sendMessage, sendUsers(users), opts)
				if err != nil {
					b.Fatal(err)
				}
				if res.UsersIngested != int64(users) {
					b.Fatalf("%d users ingested, want %d", res.UsersIngested, users)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(users*b.N)/b.Elapsed().Seconds(), "users/s")
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
			st := stop()
			if st.UsersStored != int64(users*b.N) || st.DuplicateUsers != 0 {
				b.Errorf("server stored %d users, %d duplicates; want %d, 0", st.UsersStored, st.DuplicateUsers, users*b.N)
			}
		})
	}
}

// watchHeap samples the heap (live and not yet collected objects) every
// millisecond until the returned function is called, which returns the
// largest sample.
func watchHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// serverProcessEnv makes TestSendBenchServer serve instead of skipping.
const serverProcessEnv = "COURIER_SEND_BENCH_SERVER"

// startServerProcess runs couriertest in a child process and returns its
// URL and a function that stops it and returns its final Stats.
func startServerProcess(b *testing.B) (string, func() couriertest.Stats) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSendBenchServer$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), serverProcessEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	line, err := out.ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "URL ")
	if err != nil || !ok {
		cmd.Process.Kill()
		b.Fatalf("server process said %q: %v", line, err)
	}
	var once sync.Once
	var st couriertest.Stats
	stop := func() couriertest.Stats {
		once.Do(func() {
			stdin.Close()
			for {
				line, err := out.ReadString('\n')
				if j, ok := strings.CutPrefix(line, "STATS "); ok {
					_ = json.Unmarshal([]byte(j), &st)
				}
				if err != nil {
					break
				}
			}
			_ = cmd.Wait()
		})
		return st
	}
	b.Cleanup(func() { stop() })
	return url, stop
}

// TestSendBenchServer is the child process of BenchmarkSend: it serves
// couriertest, prints "URL <url>", and when its stdin closes prints
// "STATS <json>" and ends. Run normally, it skips.
func TestSendBenchServer(t *testing.T) {
	if os.Getenv(serverProcessEnv) != "1" {
		t.Skip("the server process of BenchmarkSend")
	}
	srv := couriertest.NewServer(couriertest.WithCompleteAfterPolls(1))
	defer srv.Close()
	fmt.Println("URL " + srv.URL)
	_, _ = io.Copy(io.Discard, os.Stdin)
	st, _ := json.Marshal(srv.Stats())
	fmt.Println("STATS " + string(st))
}
