package templates

import (
	"context"
	"net/http"
	"regexp"
	"sync"
	"testing"
)

// keyServer fails every odd request with 500 and records the idempotency
// key header of every request.
func keyServer(t *testing.T, header string) (string, func() []string) {
	var mu sync.Mutex
	var keys []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys = append(keys, r.Header.Get(header))
		n := len(keys)
		mu.Unlock()
		if n%2 == 1 {
			reply(w, http.StatusInternalServerError, `{}`)
			return
		}
		reply(w, http.StatusOK, `{"jobId":"j"}`)
	})
	return srv.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), keys...)
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestGeneratedIdempotencyKeys(t *testing.T) {
	url, keys := keyServer(t, "Idempotency-Key")
	c, _ := newTestCore(url)
	for range 2 {
		if _, err := call(t, c, context.Background(), postOp("Idempotency-Key"), new(jobResponse)); err != nil {
			t.Fatal(err)
		}
	}
	k := keys()
	if len(k) != 4 {
		t.Fatalf("keys = %q, want 4 requests", k)
	}
	if k[0] != k[1] || k[2] != k[3] {
		t.Errorf("keys = %q: want one key for both attempts of a call", k)
	}
	if k[0] == k[2] {
		t.Errorf("keys = %q: want a new key for each call", k)
	}
	for _, key := range k {
		if !uuidV4.MatchString(key) {
			t.Errorf("key %q is not a UUID v4", key)
		}
	}
}

func TestCallerIdempotencyKeys(t *testing.T) {
	tests := []struct {
		name   string
		header string // the operation's declared header
		setOp  bool   // the request value carries the key
		opts   []RequestOption
		want   string
	}{
		{"request field", "Idempotency-Key", true, nil, "from-request"},
		{"request field beats option", "Idempotency-Key", true, []RequestOption{WithIdempotencyKey("from-option")}, "from-request"},
		{"option", "Idempotency-Key", false, []RequestOption{WithIdempotencyKey("from-option")}, "from-option"},
		{"option, custom header", "X-Request-Key", false, []RequestOption{WithIdempotencyKey("from-option")}, "from-option"},
		{"option, undeclared", "", false, []RequestOption{WithIdempotencyKey("from-option")}, "from-option"},
		{"header option", "Idempotency-Key", true, []RequestOption{WithHeader("Idempotency-Key", "from-header")}, "from-header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := tt.header
			if sent == "" {
				sent = defaultIdempotencyHeader
			}
			url, keys := keyServer(t, sent)
			c, _ := newTestCore(url)
			op := postOp(tt.header)
			if tt.setOp {
				op.setHeader(tt.header, "from-request")
			}
			if _, err := call(t, c, context.Background(), op, new(jobResponse), tt.opts...); err != nil {
				t.Fatal(err)
			}
			if k := keys(); len(k) != 2 || k[0] != tt.want || k[1] != tt.want {
				t.Errorf("keys = %q, want 2 × %q", k, tt.want)
			}
		})
	}
}

func TestNewIdempotencyKeyIsAUUIDv4(t *testing.T) {
	form := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 1000 {
		k := newIdempotencyKey()
		if !form.MatchString(k) {
			t.Fatalf("key %q is not a UUID v4", k)
		}
		if seen[k] {
			t.Fatalf("key %q came twice", k)
		}
		seen[k] = true
	}
}

func BenchmarkNewIdempotencyKey(b *testing.B) {
	for b.Loop() {
		_ = newIdempotencyKey()
	}
}
