package templates

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The writer grows out only through grow and otherwise reslices it in
// place, so that writing a value stores no pointer into the codec, which
// the garbage collector would have to track.

// grow makes room for n more bytes in out.
func (c *jsonCodec) grow(n int) {
	if cap(c.out)-len(c.out) < n {
		c.out = slices.Grow(c.out, n)
	}
}

// extend lengthens out by n bytes and returns them, to be filled.
func (c *jsonCodec) extend(n int) []byte {
	c.grow(n)
	i := len(c.out)
	c.out = c.out[:i+n]
	return c.out[i:]
}

// writeByte writes b.
func (c *jsonCodec) writeByte(b byte) {
	c.extend(1)[0] = b
}

// write writes text.
func (c *jsonCodec) write(text []byte) {
	copy(c.extend(len(text)), text)
}

// writeRaw writes text, which is JSON, as the next value.
func (c *jsonCodec) writeRaw(text string) {
	copy(c.extend(len(text)), text)
}

// open starts writing an array or an object ('[' or '{'). Encoding nests
// no deeper than decoding may, which also stops a cycle of pointers.
func (c *jsonCodec) open(b byte) bool {
	if c.depth++; c.depth > maxJSONDepth {
		c.fail(errors.New("json: unsupported value: nested deeper than " + strconv.Itoa(maxJSONDepth) + " levels (a cycle?)"))
		return false
	}
	c.writeByte(b)
	return true
}

// closeObject ends the object that beginObject opened.
func (c *jsonCodec) closeObject() {
	f := c.frames[len(c.frames)-1]
	c.marks = c.marks[:f.marks]
	c.frames = c.frames[:len(c.frames)-1]
	c.depth--
}

// endContainer writes the ] or } that ends an array or a map.
func (c *jsonCodec) endContainer(b byte) {
	c.writeByte(b)
	c.depth--
}

// writeKey writes the key of a member that moveExtra or a map moves: a
// comma when needed, the key and a colon.
func (c *jsonCodec) writeKey(key string, first bool) {
	if !first {
		c.writeByte(',')
	}
	c.quote(key)
	c.writeByte(':')
}

// writeString writes s as a JSON string.
func (c *jsonCodec) writeString(s string) {
	c.quote(s)
}

// quote writes s as a JSON string.
func (c *jsonCodec) quote(s string) {
	for i := 0; i < len(s); i++ {
		if !plainJSON[s[i]] {
			c.out = appendJSONString(c.out, s)
			return
		}
	}
	out := c.extend(len(s) + 2)
	out[0] = '"'
	copy(out[1:], s)
	out[len(out)-1] = '"'
}

// appendJSONString appends s quoted as encoding/json quotes strings with
// HTML escaping off: invalid UTF-8 becomes \ufffd, and U+2028 and U+2029
// are escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= ' ' && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

// plainJSON marks the bytes a JSON string holds as they are: ASCII but
// control characters, '"' and '\\'.
var plainJSON = func() (t [256]bool) {
	for b := ' '; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// writeInt writes n.
func (c *jsonCodec) writeInt(n int64) {
	var buf [20]byte
	c.write(strconv.AppendInt(buf[:0], n, 10))
}

// writeFloat writes f as encoding/json does for a float of the given bit
// size: the shortest form that reads back the same, in exponent form
// below 1e-6 and from 1e21, and with a one-digit negative exponent
// written without its leading zero. NaN and infinities are an error.
func (c *jsonCodec) writeFloat(f float64, bits int) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		c.fail(&json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, bits)})
		return
	}
	var buf [32]byte
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(buf[:0], f, format, -1, bits)
	if format == 'e' {
		// e-09 becomes e-9.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	c.write(b)
}

// writeBool writes b.
func (c *jsonCodec) writeBool(b bool) {
	if b {
		c.writeRaw("true")
	} else {
		c.writeRaw("false")
	}
}
