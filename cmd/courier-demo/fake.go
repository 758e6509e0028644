package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"

	"github.com/oagen/oagen/gen/courier/couriertest"
)

// fakeToken is the bearer token the fake Courier asks for.
const fakeToken = "demo-token"

// fakeCourier is the in-memory Courier, in this process or a child one.
type fakeCourier interface {
	URL() string
	Stats() (couriertest.Stats, error) // final once the send is over
	Close()
}

// faultMix fails a fraction rate of the requests, each with a fault drawn
// at random: a 500, a 429 (Retry-After: 0) or a reset connection, half of
// them after the handler did the work and stored its response. couriertest
// injects one kind on every nth request, so the mix arms a one-shot plan
// before some requests; under concurrency another request may take it.
type faultMix struct {
	h    *couriertest.Handler
	rate float64
}

var faultKinds = [...]couriertest.FaultKind{couriertest.FaultServerError, couriertest.FaultRateLimit, couriertest.FaultReset}

func (m faultMix) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m.rate > 0 && rand.Float64() < m.rate {
		m.h.SetFaults(couriertest.Faults{
			Every:      1,
			Limit:      1,
			Kind:       faultKinds[rand.IntN(len(faultKinds))],
			After:      rand.IntN(2) == 0,
			RetryAfter: "0",
		})
	}
	m.h.ServeHTTP(w, r)
}

// localFake is the fake served from this process.
type localFake struct {
	h   *couriertest.Handler
	srv *httptest.Server
}

// startFake serves the fake on 127.0.0.1 with faults at rate.
func startFake(rate float64) *localFake {
	h := couriertest.NewHandler(couriertest.WithToken(fakeToken), couriertest.WithCompleteAfterPolls(5))
	return &localFake{h: h, srv: httptest.NewServer(faultMix{h, rate})}
}

func (f *localFake) URL() string                       { return f.srv.URL }
func (f *localFake) Stats() (couriertest.Stats, error) { return f.h.Stats(), nil }
func (f *localFake) Close()                            { f.srv.Close() }

// serveFake is the child process: it serves the fake, prints "URL <url>",
// and when stdin closes prints "STATS <json>".
func serveFake(rate float64, stdin io.Reader, stdout io.Writer) int {
	f := startFake(rate)
	defer f.Close()
	fmt.Fprintln(stdout, "URL "+f.URL())
	_, _ = io.Copy(io.Discard, stdin)
	st, _ := json.Marshal(f.h.Stats())
	fmt.Fprintln(stdout, "STATS "+string(st))
	return 0
}

// childFake is the fake served by a child process: this program again,
// with -serve.
type childFake struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Reader
	url   string
	stats *couriertest.Stats
	err   error
}

// startFakeProcess starts the child and reads its URL.
func startFakeProcess(rate float64) (*childFake, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-serve", "-faults", fmt.Sprint(rate))
	cmd.Stderr = os.Stderr
	f := &childFake{cmd: cmd}
	if f.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	f.out = bufio.NewReader(stdout)
	line, err := f.out.ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "URL ")
	if err != nil || !ok {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("fake Courier process said %q: %v", line, err)
	}
	f.url = url
	return f, nil
}

func (f *childFake) URL() string { return f.url }

// Stats stops the child and returns its final counters.
func (f *childFake) Stats() (couriertest.Stats, error) {
	if f.stats == nil && f.err == nil {
		f.stats = new(couriertest.Stats)
		f.err = f.stop()
	}
	if f.err != nil {
		return couriertest.Stats{}, f.err
	}
	return *f.stats, nil
}

func (f *childFake) stop() error {
	f.stdin.Close()
	var got bool
	for {
		line, err := f.out.ReadString('\n')
		if j, ok := strings.CutPrefix(line, "STATS "); ok {
			got = json.Unmarshal([]byte(j), f.stats) == nil
		}
		if err != nil {
			break
		}
	}
	if err := f.cmd.Wait(); err != nil {
		return fmt.Errorf("fake Courier process: %w", err)
	}
	if !got {
		return fmt.Errorf("fake Courier process printed no stats")
	}
	return nil
}

func (f *childFake) Close() { _, _ = f.Stats() }
