package templates

import (
	"encoding/base64"
	"strings"
)

// moveConst moves a value whose schema allows only one: encoding, a zero
// value is sent as that value, so a caller cannot forget it.
func moveConst[T comparable](c *jsonCodec, p *T, value T, move func(*T, *jsonCodec)) {
	var zero T
	if !c.decode && *p == zero {
		p = &value
	}
	move(p, c)
}

// base64URL moves a []byte as base64 in the URL-safe alphabet (RFC 4648
// section 5, contentEncoding base64url). Encoding pads, as the RFC asks
// unless a specification says otherwise; decoding accepts the text with
// or without padding.
func (c *jsonCodec) base64URL(p *[]byte) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeBase64(base64.URLEncoding, *p)
		return
	}
	switch c.peek() {
	case '"':
		s, ok := c.text()
		if !ok {
			return
		}
		b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(string(s), "="))
		if err != nil {
			c.fail(err)
			return
		}
		*p = b
	case 'n':
		c.null()
		*p = nil
	default:
		c.mismatch("[]uint8")
	}
}

func base64URLValue(p *[]byte, c *jsonCodec) { c.base64URL(p) }
