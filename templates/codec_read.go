package templates

import (
	"reflect"
	"strconv"
)

// maxJSONDepth is how deeply arrays and objects may nest, as in
// encoding/json: deeper input is an error, not a stack overflow.
const maxJSONDepth = 10000

// jsonError is a decoding error at a byte offset of the input.
type jsonError struct {
	offset int64
	msg    string
}

// Error returns the message and the offset.
func (e *jsonError) Error() string {
	return e.msg + " (at offset " + strconv.FormatInt(e.offset, 10) + ")"
}

// syntaxError records a malformed-input error at the current offset.
func (c *jsonCodec) syntaxError(msg string) {
	c.fail(&jsonError{offset: int64(c.pos), msg: msg})
}

// invalidChar records that the byte at the current offset cannot appear
// where it does; context is encoding/json's wording ("after array
// element"). At the end of the input it records that the input ended.
func (c *jsonCodec) invalidChar(context string) {
	if c.pos >= len(c.in) {
		c.syntaxError("unexpected end of JSON input")
		return
	}
	var q string
	switch b := c.in[c.pos]; b {
	case '\'':
		q = `'\''`
	case '"':
		q = `'"'`
	default:
		s := strconv.Quote(string(rune(b)))
		q = "'" + s[1:len(s)-1] + "'"
	}
	c.syntaxError("invalid character " + q + " " + context)
}

// typeError records that a JSON value of the given kind ("string",
// "number 1.5") cannot be stored in goType.
func (c *jsonCodec) typeError(kind, goType string) {
	c.fail(&jsonError{offset: int64(c.pos), msg: "json: cannot unmarshal " + kind + " into Go value of type " + goType})
}

// peek skips whitespace and returns the next byte, 0 at the end of input.
func (c *jsonCodec) peek() byte {
	for c.pos < len(c.in) {
		switch b := c.in[c.pos]; b {
		case ' ', '\t', '\r', '\n':
			c.pos++
		default:
			return b
		}
	}
	return 0
}

// jsonKindName names the JSON kind starting with b, for type errors.
func jsonKindName(b byte) string {
	switch b {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// mismatch records that the value ahead cannot be stored in goType: a type
// error when the value is well formed, else the syntax error.
func (c *jsonCodec) mismatch(goType string) {
	kind := jsonKindName(c.peek())
	start := c.pos
	c.skipValue()
	if c.err == nil {
		c.pos = start
		c.typeError(kind, goType)
	}
}

// mismatchOf is mismatch naming the Go type of v. The generic movers
// call it, out of line, so that reflect's calls are compiled once here
// instead of into every instantiation.
//
//go:noinline
func (c *jsonCodec) mismatchOf(v any) {
	c.mismatch(reflect.TypeOf(v).String())
}

// literal consumes the literal word (true, false or null) at the current
// offset.
func (c *jsonCodec) literal(word string) bool {
	if len(c.in)-c.pos >= len(word) && string(c.in[c.pos:c.pos+len(word)]) == word {
		c.pos += len(word)
		return true
	}
	for i := 1; i < len(word); i++ {
		c.pos++
		if c.pos >= len(c.in) || c.in[c.pos] != word[i] {
			c.invalidChar("in literal " + word + " (expecting " + strconv.QuoteRune(rune(word[i])) + ")")
			return false
		}
	}
	return false // not reached: the whole word matched above
}

// null consumes a JSON null.
func (c *jsonCodec) null() bool {
	return c.literal("null")
}

// number consumes a JSON number and returns its text, or nil after
// recording a syntax error.
func (c *jsonCodec) number() []byte {
	in, start := c.in, c.pos
	i := start
	if i < len(in) && in[i] == '-' {
		i++
	}
	switch {
	case i >= len(in):
		c.pos = i
		c.invalidChar("in numeric literal")
		return nil
	case in[i] == '0':
		i++
	case in[i] >= '1' && in[i] <= '9':
		for i++; i < len(in) && in[i] >= '0' && in[i] <= '9'; i++ {
		}
	default:
		c.pos = i
		c.invalidChar("in numeric literal")
		return nil
	}
	if i < len(in) && in[i] == '.' {
		i++
		if i >= len(in) || in[i] < '0' || in[i] > '9' {
			c.pos = i
			c.invalidChar("after decimal point in numeric literal")
			return nil
		}
		for i++; i < len(in) && in[i] >= '0' && in[i] <= '9'; i++ {
		}
	}
	if i < len(in) && (in[i] == 'e' || in[i] == 'E') {
		i++
		if i < len(in) && (in[i] == '+' || in[i] == '-') {
			i++
		}
		if i >= len(in) || in[i] < '0' || in[i] > '9' {
			c.pos = i
			c.invalidChar("in exponent of numeric literal")
			return nil
		}
		for i++; i < len(in) && in[i] >= '0' && in[i] <= '9'; i++ {
		}
	}
	c.pos = i
	return in[start:i]
}

// enter counts one more level of nesting, failing past maxJSONDepth.
func (c *jsonCodec) enter() bool {
	if c.depth++; c.depth > maxJSONDepth {
		c.syntaxError("exceeded max depth")
		return false
	}
	return true
}

// skipValue consumes one JSON value, checking that it is well formed.
func (c *jsonCodec) skipValue() {
	switch c.peek() {
	case '{':
		if !c.openObject() {
			return
		}
		for n := 0; c.err == nil; n++ {
			if _, ok := c.nextKey(n); !ok {
				return
			}
			c.skipValue()
		}
	case '[':
		if !c.openArray() {
			return
		}
		for n := 0; c.err == nil && c.nextElement(n); n++ {
			c.skipValue()
		}
	case '"':
		c.scanString()
	case 't':
		c.literal("true")
	case 'f':
		c.literal("false")
	case 'n':
		c.null()
	default:
		if b := c.peek(); b == '-' || b >= '0' && b <= '9' {
			c.number()
			return
		}
		c.invalidChar("looking for beginning of value")
	}
}

// openObject consumes the '{' of an object.
func (c *jsonCodec) openObject() bool {
	c.pos++
	return c.enter()
}

// nextKey reads the key of the object's member number n and the colon
// after it; false (having consumed the '}') at the end of the object, or
// after an error. The key aliases the input or the scratch buffer.
func (c *jsonCodec) nextKey(n int) ([]byte, bool) {
	b := c.peek()
	if n > 0 {
		switch b {
		case ',':
			c.pos++
			b = c.peek()
		case '}':
			c.pos++
			c.depth--
			return nil, false
		default:
			c.invalidChar("after object key:value pair")
			return nil, false
		}
	} else if b == '}' {
		c.pos++
		c.depth--
		return nil, false
	}
	if b != '"' {
		c.invalidChar("looking for beginning of object key string")
		return nil, false
	}
	key, ok := c.text()
	if !ok {
		return nil, false
	}
	if c.peek() != ':' {
		c.invalidChar("after object key")
		return nil, false
	}
	c.pos++
	return key, true
}

// openArray consumes the '[' of an array.
func (c *jsonCodec) openArray() bool {
	c.pos++
	return c.enter()
}

// nextElement reports whether the array has an element number n, having
// consumed the ',' before it, or the ']' when it has not.
func (c *jsonCodec) nextElement(n int) bool {
	switch c.peek() {
	case ']':
		c.pos++
		c.depth--
		return false
	case ',':
		if n > 0 {
			c.pos++
			return true
		}
	}
	if n == 0 {
		return true
	}
	c.invalidChar("after array element")
	return false
}
