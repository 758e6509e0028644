package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A run is what one watched child process cost.
type run struct {
	Wall    time.Duration
	CPU     time.Duration // user + system time of the child and its children
	MaxRSS  int64         // bytes: the largest resident set of the child or of any of its children (rusage)
	TreeRSS int64         // bytes: the largest sum of resident sets of its process group, sampled
	Err     error
	Killed  string // why the watchdog killed it, or ""
	Output  string // the tail of stdout and stderr
}

func (r run) ok() bool { return r.Err == nil }

// failure is a one-line reason for a failed run: the generator's own
// message or the compiler's first error, not a stack trace.
func (r run) failure() string {
	if r.Killed != "" {
		return r.Killed
	}
	var lines []string
	for _, l := range strings.Split(r.Output, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "/") || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "- at") ||
			strings.HasPrefix(l, "go: downloading") || strings.HasPrefix(l, "main.") || strings.HasPrefix(l, "github.com/") ||
			strings.Contains(l, "too many errors") {
			continue
		}
		lines = append(lines, l)
	}
	pick := ""
	for _, want := range []func(string) bool{
		func(l string) bool { return strings.Contains(l, "not implemented") },
		func(l string) bool { return goError.MatchString(l) },
		func(l string) bool { return strings.Contains(strings.ToLower(l), "error") },
	} {
		for _, l := range lines {
			if want(l) {
				pick = l
				break
			}
		}
		if pick != "" {
			break
		}
	}
	if pick == "" && len(lines) > 0 {
		pick = lines[len(lines)-1]
	}
	n := 0
	for _, l := range lines {
		if goError.MatchString(l) {
			n++
		}
	}
	if n > 1 && goError.MatchString(pick) {
		pick += fmt.Sprintf(" (and %d more errors)", n-1)
	}
	if len(pick) > 300 {
		pick = pick[:300] + "…"
	}
	if pick == "" && r.Err != nil {
		pick = r.Err.Error()
	}
	return pick
}

// goError matches a compiler error line.
var goError = regexp.MustCompile(`(?m)\.go:\d+:\d+: `)

// watched runs cmd in its own process group. A watchdog samples the
// group's resident memory four times a second and kills the whole group
// past memLimit bytes, or when timeout has passed.
func watched(cmd *exec.Cmd, memLimit int64, timeout time.Duration) run {
	var out tailBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return run{Err: err}
	}
	pgid := cmd.Process.Pid
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type verdict struct {
		peak   int64
		killed string
	}
	done := make(chan verdict, 1)
	go func() {
		var v verdict
		defer func() { done <- v }()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		deadline := time.After(timeout)
		for {
			select {
			case <-ctx.Done():
				return
			case <-deadline:
				v.killed = fmt.Sprintf("killed by the watchdog after the time limit of %s", timeout)
				_ = syscall.Kill(-pgid, syscall.SIGKILL)
				return
			case <-tick.C:
				rss := groupRSS(pgid)
				v.peak = max(v.peak, rss)
				if rss > memLimit {
					v.killed = fmt.Sprintf("killed by the watchdog at %.1f GB resident (limit %.0f GB)", float64(rss)/1e9, float64(memLimit)/1e9)
					_ = syscall.Kill(-pgid, syscall.SIGKILL)
					return
				}
			}
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	cancel()
	v := <-done
	r := run{Wall: wall, TreeRSS: v.peak, Err: err, Killed: v.killed, Output: out.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.MaxRSS = ru.Maxrss * 1024
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if r.Killed != "" && r.Err == nil {
		r.Err = errors.New(r.Killed)
	}
	// Whatever the group left behind goes too.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	return r
}

// groupRSS adds up the resident memory of every process in group pgid.
func groupRSS(pgid int) int64 {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	page := int64(os.Getpagesize())
	var total int64
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces.
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 3 {
			continue
		}
		if g, _ := strconv.Atoi(f[2]); g != pgid {
			continue
		}
		statm, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
		if err != nil {
			continue
		}
		sf := strings.Fields(string(statm))
		if len(sf) < 2 {
			continue
		}
		pages, _ := strconv.ParseInt(sf[1], 10, 64)
		total += pages * page
	}
	return total
}

// tailBuffer keeps the last 64 KiB written to it.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 64<<10 {
		t.b = append([]byte(nil), t.b[len(t.b)-64<<10:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return string(t.b) }
