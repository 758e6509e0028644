package templates

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"
)

// The value movers encode *p or decode into *p with encoding/json's
// semantics for the same Go type. Decoding, a null leaves a string, number,
// bool or time unchanged and sets a slice, map, pointer or any to nil.

// string moves a string.
func (c *jsonCodec) string(p *string) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeString(*p)
		return
	}
	switch c.peek() {
	case '"':
		if s, ok := c.text(); ok {
			*p = string(s)
		}
	case 'n':
		c.null()
	default:
		c.mismatch("string")
	}
}

// int64 moves an int64.
func (c *jsonCodec) int64(p *int64) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeInt(*p)
	} else if n, ok := c.integer(64, "int64"); ok {
		*p = n
	}
}

// int32 moves an int32.
func (c *jsonCodec) int32(p *int32) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeInt(int64(*p))
	} else if n, ok := c.integer(32, "int32"); ok {
		*p = int32(n)
	}
}

// int moves an int.
func (c *jsonCodec) int(p *int) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeInt(int64(*p))
	} else if n, ok := c.integer(strconv.IntSize, "int"); ok {
		*p = int(n)
	}
}

// integer reads a JSON number that is an integer of the given bit size;
// false after a null or an error.
func (c *jsonCodec) integer(bits int, goType string) (int64, bool) {
	switch b := c.peek(); {
	case b == '-' || b >= '0' && b <= '9':
		start := c.pos
		num := c.number()
		if num == nil {
			return 0, false
		}
		n, ok := parseJSONInt(num)
		if ok && bits < 64 {
			limit := int64(1) << (bits - 1)
			ok = n >= -limit && n < limit
		}
		if !ok {
			c.pos = start
			c.typeError("number "+string(num), goType)
		}
		return n, ok
	case b == 'n':
		c.null()
		return 0, false
	}
	c.mismatch(goType)
	return 0, false
}

// parseJSONInt parses the text of a JSON number as an int64, as
// strconv.ParseInt does: no fraction or exponent, in range.
func parseJSONInt(num []byte) (int64, bool) {
	digits := num
	if num[0] == '-' {
		digits = num[1:]
	}
	if len(digits) > 18 {
		n, err := strconv.ParseInt(string(num), 10, 64)
		return n, err == nil
	}
	var n int64
	for _, d := range digits {
		if d < '0' || d > '9' {
			return 0, false
		}
		n = n*10 + int64(d-'0')
	}
	if num[0] == '-' {
		n = -n
	}
	return n, true
}

// float64 moves a float64.
func (c *jsonCodec) float64(p *float64) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeFloat(*p, 64)
	} else if f, ok := c.float(64, "float64"); ok {
		*p = f
	}
}

// float32 moves a float32.
func (c *jsonCodec) float32(p *float32) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeFloat(float64(*p), 32)
	} else if f, ok := c.float(32, "float32"); ok {
		*p = float32(f)
	}
}

// float reads a JSON number as a float of the given bit size; false after
// a null or an error, such as a number out of range.
func (c *jsonCodec) float(bits int, goType string) (float64, bool) {
	switch b := c.peek(); {
	case b == '-' || b >= '0' && b <= '9':
		start := c.pos
		num := c.number()
		if num == nil {
			return 0, false
		}
		f, err := strconv.ParseFloat(string(num), bits)
		if err != nil {
			c.pos = start
			c.typeError("number "+string(num), goType)
			return 0, false
		}
		return f, true
	case b == 'n':
		c.null()
		return 0, false
	}
	c.mismatch(goType)
	return 0, false
}

// bool moves a bool.
func (c *jsonCodec) bool(p *bool) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeBool(*p)
		return
	}
	switch c.peek() {
	case 't':
		if c.literal("true") {
			*p = true
		}
	case 'f':
		if c.literal("false") {
			*p = false
		}
	case 'n':
		c.null()
	default:
		c.mismatch("bool")
	}
}

// writeBase64 writes b as a string in enc, or null when b is nil.
func (c *jsonCodec) writeBase64(enc *base64.Encoding, b []byte) {
	if b == nil {
		c.writeRaw("null")
		return
	}
	out := c.extend(enc.EncodedLen(len(b)) + 2)
	out[0] = '"'
	enc.Encode(out[1:], b)
	out[len(out)-1] = '"'
}

// bytes moves a []byte, as a base64 string (standard encoding, padded).
// Decoding also accepts an array of numbers, as encoding/json does.
func (c *jsonCodec) bytes(p *[]byte) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeBase64(base64.StdEncoding, *p)
		return
	}
	switch c.peek() {
	case '"':
		s, ok := c.text()
		if !ok {
			return
		}
		b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
		n, err := base64.StdEncoding.Decode(b, s)
		if err != nil {
			c.fail(err)
			return
		}
		*p = b[:n]
	case '[':
		moveSlice(c, p, byteValue)
	case 'n':
		c.null()
		*p = nil
	default:
		c.mismatch("[]uint8")
	}
}

// byteValue moves a byte of a []byte that JSON spells as an array of
// numbers.
func byteValue(p *byte, c *jsonCodec) {
	switch b := c.peek(); {
	case b == '-' || b >= '0' && b <= '9':
		start := c.pos
		if num := c.number(); num != nil {
			if n, ok := parseJSONInt(num); ok && num[0] != '-' && n < 256 {
				*p = byte(n)
			} else {
				c.pos = start
				c.typeError("number "+string(num), "uint8")
			}
		}
	case b == 'n':
		c.null()
	default:
		c.mismatch("uint8")
	}
}

// time moves a time.Time, as an RFC 3339 string with fractional seconds
// when there are any.
func (c *jsonCodec) time(p *time.Time) {
	if c.err != nil {
		return
	}
	if !c.decode {
		var buf [64]byte
		b, err := p.AppendText(append(buf[:0], '"'))
		if err != nil {
			c.fail(err)
			return
		}
		c.write(append(b, '"'))
		return
	}
	if raw := c.rawValue(); raw != nil {
		if err := p.UnmarshalJSON(raw); err != nil {
			c.fail(err)
		}
	}
}

// raw moves a json.RawMessage: encoding, it must hold one JSON value,
// written compacted (nil is null); decoding, it gets the value's text.
func (c *jsonCodec) raw(p *json.RawMessage) {
	if c.err != nil {
		return
	}
	if !c.decode {
		if *p == nil {
			c.writeRaw("null")
			return
		}
		c.writeJSON(*p)
		return
	}
	if raw := c.rawValue(); raw != nil {
		*p = append((*p)[:0], raw...)
	}
}
