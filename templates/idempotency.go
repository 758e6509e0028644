package templates

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

// defaultIdempotencyHeader carries a key given by WithIdempotencyKey to an
// operation that declares no idempotency header.
const defaultIdempotencyHeader = "Idempotency-Key"

// ensureIdempotencyKey makes h carry the call's idempotency key when there
// is one, and reports whether it does. The key is, in order: one already in
// h, the WithIdempotencyKey option, or a new random one when the operation
// declares an idempotency header.
func ensureIdempotencyKey(op *operation, cfg *requestConfig, h http.Header) bool {
	name := cmp.Or(op.idempotencyHeader, defaultIdempotencyHeader)
	if h.Get(name) != "" {
		return true
	}
	key := cfg.idempotencyKey
	if key == "" && op.idempotencyHeader != "" {
		key = newIdempotencyKey()
	}
	if key == "" {
		return false
	}
	h.Set(name, key)
	return true
}

// idempotentMethod reports whether repeating a request with this method is
// safe without an idempotency key.
func idempotentMethod(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, "QUERY":
		return true
	}
	return false
}

// newIdempotencyKey returns a random UUID version 4.
func newIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])  // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	hex.Encode(out[9:13], b[4:6])
	hex.Encode(out[14:18], b[6:8])
	hex.Encode(out[19:23], b[8:10])
	hex.Encode(out[24:36], b[10:16])
	out[8], out[13], out[18], out[23] = '-', '-', '-', '-'
	return string(out[:])
}
