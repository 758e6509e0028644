package couriertest

import (
	"bytes"
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// canonicalizer turns values into their canonical form. One canonicalizer
// can be used for many values, reusing its scratch space.
type canonicalizer struct {
	in      []byte
	pos     int
	scratch []byte // the members of an object being sorted
}

// canonical appends to out a form of the valid JSON value raw in which equal
// values are equal bytes: no insignificant space, object members sorted by
// key, strings with escapes resolved (only `"` and `\` are escaped) and
// invalid UTF-8 replaced as encoding/json does. Numbers
// keep their text, so 1 and 1.0 differ. The result is for comparing and
// hashing only; it need not be JSON.
//
// It is a small hand-written walk because decoding into any and
// re-marshalling costs several times more, and a million users are hashed.
// When raw is not valid JSON, raw itself is appended.
func (c *canonicalizer) canonical(out, raw []byte) []byte {
	c.in, c.pos = raw, 0
	start := len(out)
	out, ok := c.value(out)
	if !ok {
		return append(out[:start], raw...)
	}
	return out
}

func isDelim(b byte) bool {
	switch b {
	case ',', ']', '}', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

func (c *canonicalizer) skipSpace() {
	for c.pos < len(c.in) {
		if b := c.in[c.pos]; b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			return
		}
		c.pos++
	}
}

// value appends the canonical form of the value at c.pos to out.
func (c *canonicalizer) value(out []byte) ([]byte, bool) {
	c.skipSpace()
	if c.pos >= len(c.in) {
		return out, false
	}
	switch c.in[c.pos] {
	case '{':
		return c.object(out)
	case '[':
		return c.array(out)
	case '"':
		return c.str(out)
	}
	start := c.pos // number, true, false or null
	for c.pos < len(c.in) && !isDelim(c.in[c.pos]) {
		c.pos++
	}
	return append(out, c.in[start:c.pos]...), c.pos > start
}

// str appends a string with its escapes resolved.
func (c *canonicalizer) str(out []byte) ([]byte, bool) {
	start, escaped := c.pos, false
	for c.pos++; c.pos < len(c.in) && c.in[c.pos] != '"'; c.pos++ {
		if c.in[c.pos] == '\\' {
			escaped = true
			c.pos++
		}
	}
	if c.pos >= len(c.in) {
		return out, false
	}
	c.pos++
	span := c.in[start:c.pos]
	if !escaped && utf8.Valid(span) {
		return append(out, span...), true
	}
	var s string
	if json.Unmarshal(span, &s) != nil {
		return out, false
	}
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return append(out, '"'), true
}

func (c *canonicalizer) array(out []byte) ([]byte, bool) {
	c.pos++
	out = append(out, '[')
	for first := true; ; first = false {
		c.skipSpace()
		if c.pos < len(c.in) && c.in[c.pos] == ']' {
			c.pos++
			return append(out, ']'), true
		}
		if !first {
			if c.pos >= len(c.in) || c.in[c.pos] != ',' {
				return out, false
			}
			c.pos++
			out = append(out, ',')
		}
		var ok bool
		if out, ok = c.value(out); !ok {
			return out, false
		}
	}
}

// object writes its members in order, then, unless they are already in
// order, rewrites them sorted by key. Of members with equal keys only the
// last counts, as when decoding.
func (c *canonicalizer) object(out []byte) ([]byte, bool) {
	c.pos++
	out = append(out, '{')
	start := len(out)
	type member struct{ key, colon, end int } // offsets in out
	var room [16]member
	members := room[:0]
	for first := true; ; first = false {
		c.skipSpace()
		if c.pos < len(c.in) && c.in[c.pos] == '}' {
			c.pos++
			break
		}
		if !first {
			if c.pos >= len(c.in) || c.in[c.pos] != ',' {
				return out, false
			}
			c.pos++
			c.skipSpace()
			out = append(out, ',')
		}
		if c.pos >= len(c.in) || c.in[c.pos] != '"' {
			return out, false
		}
		m := member{key: len(out)}
		var ok bool
		if out, ok = c.str(out); !ok {
			return out, false
		}
		c.skipSpace()
		if c.pos >= len(c.in) || c.in[c.pos] != ':' {
			return out, false
		}
		c.pos++
		m.colon = len(out)
		out = append(out, ':')
		if out, ok = c.value(out); !ok {
			return out, false
		}
		m.end = len(out)
		members = append(members, m)
	}
	inOrder := true
	for i := 1; i < len(members) && inOrder; i++ {
		inOrder = bytes.Compare(out[members[i-1].key:members[i-1].colon], out[members[i].key:members[i].colon]) < 0
	}
	if inOrder { // strictly increasing keys: sorted, and no key repeats
		return append(out, '}'), true
	}
	c.scratch = append(c.scratch[:0], out[start:]...)
	body := c.scratch
	key := func(m member) []byte { return body[m.key-start : m.colon-start] }
	slices.SortStableFunc(members, func(a, b member) int { return bytes.Compare(key(a), key(b)) })
	out = out[:start]
	for i, m := range members {
		if i+1 < len(members) && bytes.Equal(key(m), key(members[i+1])) {
			continue // a later member has the same key
		}
		if len(out) > start {
			out = append(out, ',')
		}
		out = append(out, body[m.key-start:m.end-start]...)
	}
	return append(out, '}'), true
}
