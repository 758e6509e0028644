// Command courier-demo sends one bulk job through the generated Courier
// client (courier.Send) to the in-memory Courier of couriertest, with faults
// switched on, and checks that every user arrived exactly once.
//
//	courier-demo [-users 100000] [-batch 500] [-concurrency 4] [-faults 0.05] [-bench]
//
// Progress goes to stderr: one updating line on a terminal, else a line
// every 10 %. The last line, on stdout, counts the users sent, stored,
// duplicated and lost; the exit status is 1 unless every user was stored
// once. With -bench it also prints users/s and the sender's peak heap and
// peak RSS; the fake then runs in a child process, so that the users it
// stores do not count as the sender's memory, and faults are off unless
// -faults is given.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/oagen/oagen/gen/courier"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	users, batch, concurrency int
	faults                    float64
	bench, serve              bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("courier-demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.users, "users", 100_000, "number of users to send")
	fs.IntVar(&c.batch, "batch", courier.DefaultSendBatchSize, "users per add-users request")
	fs.IntVar(&c.concurrency, "concurrency", courier.DefaultSendConcurrency, "add-users requests in flight")
	fs.Float64Var(&c.faults, "faults", 0.05, "fraction of requests that fail: 500, 429 or a reset connection, before or after the server did the work")
	fs.BoolVar(&c.bench, "bench", false, "print users/s and the sender's peak heap and RSS (the fake runs in a child process; faults off unless -faults is given)")
	fs.BoolVar(&c.serve, "serve", false, "only serve the fake Courier (used by -bench): print its URL, and its stats when stdin closes")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.bench && !flagSet(fs, "faults") {
		c.faults = 0
	}
	if c.users < 0 || c.faults < 0 || c.faults >= 1 {
		return c, fmt.Errorf("-users must be >= 0 and -faults in [0, 1)")
	}
	return c, nil
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return 2
	}
	if c.serve {
		return serveFake(c.faults, os.Stdin, stdout)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var fake fakeCourier
	if c.bench {
		fake, err = startFakeProcess(c.faults)
	} else {
		fake = startFake(c.faults)
	}
	if err != nil {
		fmt.Fprintln(stderr, "courier-demo:", err)
		return 1
	}
	defer fake.Close()

	var heap *heapWatch
	if c.bench {
		heap = watchHeap()
	}
	start := time.Now()
	res, err := send(ctx, c, fake.URL(), newProgressBar(stderr, int64(c.users)))
	elapsed := time.Since(start)
	peakHeap := heap.Stop()
	st, serr := fake.Stats()
	if err != nil || serr != nil {
		fmt.Fprintln(stderr, "courier-demo:", firstErr(err, serr))
	}
	distinct := st.UsersStored - st.DuplicateUsers
	lost := int64(c.users) - distinct
	job := "no job"
	if res != nil {
		job = fmt.Sprintf("job %s %s", res.JobID, res.Job.Status)
	}
	fmt.Fprintf(stdout, "sent %d users: stored %d, duplicates %d, lost %d (%s in %v; %d requests, %d faults injected, %d replays)\n",
		c.users, st.UsersStored, st.DuplicateUsers, lost, job, elapsed.Round(time.Millisecond), st.Requests, st.Faults, st.Replays)
	if c.bench {
		fmt.Fprintf(stdout, "bench: %s users/s; sender peak heap %.1f MB, peak RSS %s (batch %d, concurrency %d)\n",
			thousands(int64(float64(c.users)/elapsed.Seconds())), float64(peakHeap)/(1<<20), peakRSS(), c.batch, c.concurrency)
	}
	if err != nil || serr != nil || lost != 0 || st.DuplicateUsers != 0 {
		return 1
	}
	return 0
}

// send delivers a notification to c.users users through courier.Send.
func send(ctx context.Context, c config, url string, bar *progressBar) (*courier.SendResult, error) {
	client := courier.NewClient(
		courier.WithBaseURL(url),
		courier.WithBearerToken(fakeToken),
		courier.WithMaxRetries(10), // a fault rate of a few % needs more than the default 2
	)
	message := courier.InboundBulkMessage{
		Event: "welcome",
		Data:  courier.Value(map[string]any{"campaign": "demo"}),
	}
	opts := courier.SendOptions{
		BatchSize:       c.batch,
		Concurrency:     c.concurrency,
		PollInterval:    100 * time.Millisecond,
		MaxPollInterval: time.Second,
		Progress:        bar.Update,
	}
	if c.bench { // measure the sending, not the fake's processing schedule
		opts.PollInterval, opts.MaxPollInterval = time.Millisecond, time.Millisecond
	}
	defer bar.Finish()
	return courier.Send(ctx, client, message, demoUsers(c.users), opts)
}

// demoUsers yields n distinct users, made as they are read.
func demoUsers(n int) iter.Seq[courier.InboundBulkMessageUser] {
	return func(yield func(courier.InboundBulkMessageUser) bool) {
		for i := range n {
			id := strconv.Itoa(i)
			u := courier.InboundBulkMessageUser{
				To:      courier.Value(courier.UserRecipient{UserID: courier.Value("user-" + id)}),
				Profile: courier.Value(map[string]any{"email": "user" + id + "@example.com"}),
			}
			if !yield(u) {
				return
			}
		}
	}
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
