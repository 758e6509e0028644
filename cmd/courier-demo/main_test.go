package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestDemoDeliversEveryUserOnce(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"-users", "3000", "-batch", "100", "-faults", "0.1"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, &stdout, &stderr)
	}
	if want := "sent 3000 users: stored 3000, duplicates 0, lost 0 "; !strings.HasPrefix(stdout.String(), want) {
		t.Errorf("stdout = %q, want it to start %q", &stdout, want)
	}
	// stderr is no terminal: a line per 10 % step of each phase.
	if !strings.Contains(stderr.String(), "100% adding users 3,000/3,000") || !strings.Contains(stderr.String(), "job COMPLETED") {
		t.Errorf("stderr = %s", &stderr)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1000000: "1,000,000", -12345: "-12,345"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
