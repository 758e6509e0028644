// Package conformance judges HTTP traffic against an OpenAPI description
// with Stoplight Prism (pinned in package.json, installed with
// `npm ci --prefix conformance`).
//
// Start (or StartPrism, in a test) runs `prism proxy` in front of an
// upstream (for example a couriertest server). Prism forwards every request, returns the upstream's
// real response, and lists every mismatch of the request or the response
// against the spec in the sl-violations response header. A Recorder
// collects those headers, as an http.RoundTripper or as a client
// middleware, and RequireNoErrors fails a test on every entry of severity
// "Error".
package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// InstallHint says how to install Prism.
const InstallHint = "run `npm ci --prefix conformance` at the repository root"

// How long Prism may take to accept connections, and to stop. Start-up is
// about 2 s on an idle machine; a loaded one needs more.
const (
	startTimeout = 60 * time.Second
	stopTimeout  = 5 * time.Second
)

// ErrNotInstalled is returned by Start when node_modules/.bin/prism is
// missing.
var ErrNotInstalled = errors.New("prism is not installed (no node_modules/.bin/prism in conformance/)")

// Prism is a running `prism proxy`.
type Prism struct {
	// URL is where it listens, for example "http://127.0.0.1:40123".
	URL string

	cmd    *exec.Cmd
	exited chan struct{}
	out    *syncBuffer
}

// StartPrism starts Prism in front of upstreamURL, judging against
// specPath, and stops it when the test ends; it returns Prism's base URL.
// When Prism cannot start the test ends as Unavailable says.
func StartPrism(t testing.TB, specPath, upstreamURL string) string {
	t.Helper()
	p, err := Start(specPath, upstreamURL)
	if err != nil {
		Unavailable(t, err)
	}
	t.Cleanup(p.Close)
	return p.URL
}

// Unavailable ends t because Start failed with err: a skip that says how to
// install Prism when it is not installed, unless the environment variable
// CI is "true" (CI must not pass without judging anything); a failure
// otherwise.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	switch {
	case errors.Is(err, ErrNotInstalled) && os.Getenv("CI") != "true":
		t.Skipf("conformance: %v; %s", err, InstallHint)
	case errors.Is(err, ErrNotInstalled):
		t.Fatalf("conformance: %v; %s (CI=true: not skipping)", err, InstallHint)
	default:
		t.Fatalf("conformance: %v", err)
	}
}

// Start runs `prism proxy specPath upstreamURL` on a free 127.0.0.1 port
// in its own process group and waits until it accepts connections. Close
// stops it.
func Start(specPath, upstreamURL string) (*Prism, error) {
	bin, err := PrismPath()
	if err != nil {
		return nil, err
	}
	spec, err := filepath.Abs(specPath)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(spec); err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("no free port: %w", err)
	}
	p := &Prism{exited: make(chan struct{}), out: &syncBuffer{}}
	p.cmd = exec.Command(bin, "proxy", spec, upstreamURL,
		"-p", strconv.Itoa(port), "-h", "127.0.0.1", "-v", "error", "--cors=false")
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	ownProcessGroup(p.cmd)
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start prism: %w", err)
	}
	go func() { _ = p.cmd.Wait(); close(p.exited) }()

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := waitListening(addr, p.exited); err != nil {
		p.Close()
		return nil, fmt.Errorf("prism on %s: %w\nprism output:\n%s", addr, err, p.Output())
	}
	p.URL = "http://" + addr
	return p, nil
}

// Output is what Prism printed so far (errors only, at -v error).
func (p *Prism) Output() string { return p.out.String() }

// Close stops Prism's process group: SIGTERM, then SIGKILL after a grace
// period. It waits, bounded, for the process to end.
func (p *Prism) Close() {
	select {
	case <-p.exited: // already gone; its group id may be reused
		return
	default:
	}
	signalGroup(p.cmd, false)
	select {
	case <-p.exited:
		return
	case <-time.After(stopTimeout):
	}
	signalGroup(p.cmd, true)
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
	}
}

// PrismPath finds node_modules/.bin/prism of this folder: next to this
// source file, else in conformance/ of the module that holds the working
// directory.
func PrismPath() (string, error) {
	var dirs []string
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dirs = append(dirs, filepath.Dir(file))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dirs = append(dirs, filepath.Join(d, "conformance"))
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, d := range dirs {
		bin := filepath.Join(d, "node_modules", ".bin", "prism")
		if info, err := os.Stat(bin); err == nil && !info.IsDir() {
			return bin, nil
		}
	}
	return "", ErrNotInstalled
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitListening polls addr until it accepts a connection, the process
// exits or startTimeout passes.
func waitListening(addr string, exited <-chan struct{}) error {
	deadline := time.Now().Add(startTimeout)
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			return conn.Close()
		}
		select {
		case <-exited:
			return errors.New("prism exited before accepting connections")
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not accepting connections after %v: %v", startTimeout, err)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the writers of a process's output.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
