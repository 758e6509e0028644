package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"time"
)

// any moves an any. Decoding gives what encoding/json gives: nil, bool,
// float64, string, []any or map[string]any. Encoding handles those, the
// other numbers, json.Number, json.RawMessage, []byte, time.Time and types
// with a moveJSON method itself, and hands anything else to encoding/json.
func (c *jsonCodec) any(p *any) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeAny(*p)
	} else if v, ok := c.readAny(); ok {
		*p = v
	}
}

// writeAny encodes v.
func (c *jsonCodec) writeAny(v any) {
	switch v := v.(type) {
	case nil:
		c.writeRaw("null")
	case string:
		c.writeString(v)
	case bool:
		c.writeBool(v)
	case float64:
		c.writeFloat(v, 64)
	case float32:
		c.writeFloat(float64(v), 32)
	case int:
		c.writeInt(int64(v))
	case int8:
		c.writeInt(int64(v))
	case int16:
		c.writeInt(int64(v))
	case int32:
		c.writeInt(int64(v))
	case int64:
		c.writeInt(v)
	case uint:
		c.writeUint(uint64(v))
	case uint8:
		c.writeUint(uint64(v))
	case uint16:
		c.writeUint(uint64(v))
	case uint32:
		c.writeUint(uint64(v))
	case uint64:
		c.writeUint(v)
	case json.Number:
		c.writeNumber(v)
	case map[string]any:
		c.writeAnyMap(v)
	case []any:
		c.writeAnySlice(v)
	case json.RawMessage:
		c.raw(&v)
	case []byte:
		c.bytes(&v)
	case time.Time:
		c.time(&v)
	case jsonMover:
		if isNilPointer(v) {
			c.writeRaw("null")
		} else {
			v.moveJSON(c)
		}
	default:
		c.writeFallback(v)
	}
}

// anyMap moves a map[string]any: as moveMap, but encoding without an
// element pointer, which would put every element on the heap.
func (c *jsonCodec) anyMap(m *map[string]any) {
	if c.decode {
		moveMap(c, m, anyValue)
	} else if c.err == nil {
		c.writeAnyMap(*m)
	}
}

// writeAnyMap writes m with its keys sorted, as encoding/json does. It
// is moveMap's encoding half without the element pointer, which would put
// every element on the heap.
func (c *jsonCodec) writeAnyMap(m map[string]any) {
	if m == nil {
		c.writeRaw("null")
		return
	}
	if !c.open('{') {
		return
	}
	if len(m) == 1 { // nothing to sort
		for key, v := range m {
			c.writeKey(key, true)
			c.writeAny(v)
		}
		c.endContainer('}')
		return
	}
	keys, mark := sortedKeys(c, m)
	for i, key := range keys {
		c.writeKey(key, i == 0)
		c.writeAny(m[key])
		if c.err != nil {
			break
		}
	}
	c.keys = c.keys[:mark]
	c.endContainer('}')
}

// writeAnySlice writes s as an array.
func (c *jsonCodec) writeAnySlice(s []any) {
	if s == nil {
		c.writeRaw("null")
		return
	}
	if !c.open('[') {
		return
	}
	for i, v := range s {
		if i > 0 {
			c.writeByte(',')
		}
		c.writeAny(v)
		if c.err != nil {
			break
		}
	}
	c.endContainer(']')
}

// writeUint writes n.
func (c *jsonCodec) writeUint(n uint64) {
	var buf [20]byte
	c.write(strconv.AppendUint(buf[:0], n, 10))
}

// writeNumber writes n, which must be a JSON number; "" is 0.
func (c *jsonCodec) writeNumber(n json.Number) {
	if n == "" {
		n = "0"
	}
	d := newDecoder([]byte(n))
	if d.peek() == '-' || d.peek() >= '0' && d.peek() <= '9' {
		d.number()
	}
	valid := d.err == nil && d.pos == len(d.in)
	d.release()
	if !valid {
		c.fail(errors.New("json: invalid number literal " + strconv.Quote(string(n))))
		return
	}
	c.writeRaw(string(n))
}

// writeFallback encodes v with encoding/json, HTML escaping off.
func (c *jsonCodec) writeFallback(v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		c.fail(err)
		return
	}
	c.write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// writeJSON writes raw, which must hold one JSON value, without the
// whitespace between its tokens.
func (c *jsonCodec) writeJSON(raw []byte) {
	d := newDecoder(raw)
	d.skipValue()
	err := d.decoded()
	d.release()
	if err != nil {
		c.fail(err)
		return
	}
	c.out = appendCompact(c.out, raw)
}

// appendCompact appends the valid JSON src without insignificant
// whitespace.
func appendCompact(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		switch b := src[i]; b {
		case ' ', '\t', '\r', '\n':
			i++
		case '"':
			j := i + 1
			for src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:j+1]...)
			i = j + 1
		default:
			dst = append(dst, b)
			i++
		}
	}
	return dst
}

// readAny decodes the next value as encoding/json decodes into an any;
// false after an error.
func (c *jsonCodec) readAny() (any, bool) {
	b := c.peek()
	switch b {
	case '"':
		s, ok := c.text()
		return string(s), ok
	case '{':
		if !c.openObject() {
			return nil, false
		}
		m := make(map[string]any)
		for n := 0; ; n++ {
			key, ok := c.nextKey(n)
			if !ok {
				return m, c.err == nil
			}
			k := string(key)
			v, ok := c.readAny()
			if !ok {
				return nil, false
			}
			m[k] = v
		}
	case '[':
		if !c.openArray() {
			return nil, false
		}
		a := []any{}
		for n := 0; c.nextElement(n); n++ {
			v, ok := c.readAny()
			if !ok {
				return nil, false
			}
			a = append(a, v)
		}
		return a, c.err == nil
	case 't':
		return true, c.literal("true")
	case 'f':
		return false, c.literal("false")
	case 'n':
		return nil, c.null()
	}
	if b == '-' || b >= '0' && b <= '9' {
		return c.float(64, "float64")
	}
	c.invalidChar("looking for beginning of value")
	return nil, false
}
