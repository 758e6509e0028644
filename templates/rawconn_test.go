package templates

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
)

// rawServer accepts TCP connections on 127.0.0.1 and hands each one, with
// its number from 1, to handle; it misbehaves where an httptest server
// cannot.
type rawServer struct {
	ln    net.Listener
	conns atomic.Int32
	wg    sync.WaitGroup
}

func newRawServer(t *testing.T, handle func(n int32, conn net.Conn, req *http.Request)) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{ln: ln}
	s.wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			n := s.conns.Add(1)
			s.wg.Go(func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				io.Copy(io.Discard, req.Body)
				handle(n, conn, req)
			})
		}
	})
	t.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

func (s *rawServer) url() string { return "http://" + s.ln.Addr().String() }

// writeJSON writes a complete JSON response and asks to close the connection.
func writeJSON(conn net.Conn, body string) {
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
}

// reset closes conn with a TCP RST instead of a FIN.
func reset(conn net.Conn) {
	conn.(*net.TCPConn).SetLinger(0)
	conn.Close()
}

func TestConnectionFaultsAreRetried(t *testing.T) {
	const partialBody = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"jobId\":"
	faults := []struct {
		name  string
		fault func(conn net.Conn)
	}{
		{"reset before response", reset},
		{"EOF before response", func(conn net.Conn) { conn.Close() }},
		{"reset in headers", func(conn net.Conn) {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Ty")
			reset(conn)
		}},
		{"reset in body", func(conn net.Conn) {
			io.WriteString(conn, partialBody)
			reset(conn)
		}},
		{"EOF in body", func(conn net.Conn) {
			io.WriteString(conn, partialBody)
			conn.Close()
		}},
	}
	for _, tt := range faults {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRawServer(t, func(n int32, conn net.Conn, _ *http.Request) {
				if n == 1 {
					tt.fault(conn)
					return
				}
				writeJSON(conn, `{"jobId":"after-fault"}`)
			})
			c, rec := newTestCore(srv.url())
			var out jobResponse
			ok, err := call(t, c, context.Background(), getOp("/bulk/j"), &out)
			if err != nil || !ok || out.JobID != "after-fault" {
				t.Fatalf("call = %v, %v, %+v; want the second attempt's result", ok, err, out)
			}
			if srv.conns.Load() != 2 || len(rec.got()) != 1 {
				t.Errorf("connections = %d, sleeps = %v; want 2, one", srv.conns.Load(), rec.got())
			}
		})
	}
}

func TestConnectionFaultOnPostWithoutKeyIsNotRetried(t *testing.T) {
	srv := newRawServer(t, func(n int32, conn net.Conn, _ *http.Request) { reset(conn) })
	c, _ := newTestCore(srv.url())
	if _, err := call(t, c, context.Background(), postOp(""), nil); err == nil {
		t.Fatal("no error from a reset connection")
	}
	if srv.conns.Load() != 1 {
		t.Errorf("connections = %d, want 1: a POST without key is not repeated", srv.conns.Load())
	}
}

func TestConnectionFaultOnPostWithKeyIsRetried(t *testing.T) {
	keys := make(chan string, 2)
	srv := newRawServer(t, func(n int32, conn net.Conn, req *http.Request) {
		keys <- req.Header.Get("Idempotency-Key")
		if n == 1 {
			reset(conn)
			return
		}
		writeJSON(conn, `{"jobId":"j"}`)
	})
	c, _ := newTestCore(srv.url())
	if _, err := call(t, c, context.Background(), postOp("Idempotency-Key"), new(jobResponse)); err != nil {
		t.Fatal(err)
	}
	if k1, k2 := <-keys, <-keys; k1 == "" || k1 != k2 {
		t.Errorf("keys = %q, %q; want the same key twice", k1, k2)
	}
}
