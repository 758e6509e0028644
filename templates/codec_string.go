package templates

import (
	"unicode/utf16"
	"unicode/utf8"
)

// scanString consumes the JSON string at the current offset (its opening
// quote) and returns the offsets of its contents and whether they need
// unquoting: escapes, or bytes that are not ASCII.
func (c *jsonCodec) scanString() (start, end int, plain, ok bool) {
	in := c.in
	start = c.pos + 1
	plain = true
	for i := start; i < len(in); {
		b := in[i]
		switch {
		case b == '"':
			c.pos = i + 1
			return start, i, plain, true
		case b == '\\':
			plain = false
			i++
			if i >= len(in) {
				c.pos = i
				c.invalidChar("in string escape code")
				return 0, 0, false, false
			}
			switch in[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				i++
				for range 4 {
					if i >= len(in) || !isHex(in[i]) {
						c.pos = i
						c.invalidChar(`in \u hexadecimal character escape`)
						return 0, 0, false, false
					}
					i++
				}
			default:
				c.pos = i
				c.invalidChar("in string escape code")
				return 0, 0, false, false
			}
		case b < ' ':
			c.pos = i
			c.invalidChar("in string literal")
			return 0, 0, false, false
		case b >= utf8.RuneSelf:
			plain = false
			i++
		default:
			i++
		}
	}
	c.pos = len(in)
	c.invalidChar("in string literal")
	return 0, 0, false, false
}

func isHex(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
}

// text consumes a JSON string and returns its decoded contents, which
// alias the input or the codec's scratch buffer: copy them to keep them.
// Invalid UTF-8 and lone surrogates become U+FFFD, as in encoding/json.
func (c *jsonCodec) text() ([]byte, bool) {
	start, end, plain, ok := c.scanString()
	if !ok {
		return nil, false
	}
	s := c.in[start:end]
	c.textStart, c.textEnd = start, end
	c.textUnquoted = !plain && plainPrefix(s) < len(s)
	if !c.textUnquoted {
		return s, true
	}
	c.scratch = unquoteJSON(c.scratch[:0], s)
	return c.scratch, true
}

// plainPrefix returns the length of the start of the contents of a
// scanned JSON string that decoding leaves as it is: no escapes, valid
// UTF-8.
func plainPrefix(s []byte) int {
	i := 0
	for i < len(s) {
		b := s[i]
		if b == '\\' {
			break
		}
		if b < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return i
}

// unquoteJSON appends the decoded contents of a scanned JSON string.
func unquoteJSON(dst, s []byte) []byte {
	i := plainPrefix(s)
	dst = append(dst, s[:i]...)
	for i < len(s) {
		switch b := s[i]; {
		case b == '\\':
			switch e := s[i+1]; e {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r := hexRune(s[i+2:])
				i += 6
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if len(s)-i >= 6 && s[i] == '\\' && s[i+1] == 'u' {
						r2 = hexRune(s[i+2:])
					}
					if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
						r = pair
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				dst = utf8.AppendRune(dst, r)
				continue
			default: // '"', '\\', '/'
				dst = append(dst, e)
			}
			i += 2
		case b < utf8.RuneSelf:
			dst = append(dst, b)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			dst = utf8.AppendRune(dst, r)
			i += size
		}
	}
	return dst
}

// hexRune returns the value of the four hex digits s starts with, which
// scanString has checked.
func hexRune(s []byte) rune {
	var r rune
	for _, b := range s[:4] {
		switch {
		case b <= '9':
			b -= '0'
		case b >= 'a':
			b -= 'a' - 10
		default:
			b -= 'A' - 10
		}
		r = r<<4 | rune(b)
	}
	return r
}
