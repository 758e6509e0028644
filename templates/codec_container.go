package templates

import (
	"encoding/json"
	"slices"
	"time"
)

// moveSlice moves a slice: null is nil. Decoding makes a new slice.
func moveSlice[T any](c *jsonCodec, s *[]T, elem func(*T, *jsonCodec)) {
	if c.err != nil {
		return
	}
	if !c.decode {
		if *s == nil {
			c.writeRaw("null")
			return
		}
		if !c.open('[') {
			return
		}
		for i := range *s {
			if i > 0 {
				c.writeByte(',')
			}
			elem(&(*s)[i], c)
		}
		c.endContainer(']')
		return
	}
	switch c.peek() {
	case '[':
		if !c.openArray() {
			return
		}
		out := []T{}
		for n := 0; c.err == nil && c.nextElement(n); n++ {
			if n == 0 {
				out = make([]T, 0, 4) // as encoding/json starts
			}
			var zero T
			out = append(out, zero)
			elem(&out[n], c)
		}
		if c.err == nil {
			*s = out
		}
	case 'n':
		if c.null() {
			*s = nil
		}
	default:
		c.mismatchOf(*s) // not reflect.TypeFor, which is compiled per element type
	}
}

// moveMap moves a map with string keys: null is nil. Encoding sorts the
// keys; decoding adds to the map, making it when nil.
func moveMap[T any](c *jsonCodec, m *map[string]T, elem func(*T, *jsonCodec)) {
	if c.err != nil {
		return
	}
	if !c.decode {
		if *m == nil {
			c.writeRaw("null")
			return
		}
		if !c.open('{') {
			return
		}
		keys, mark := sortedKeys(c, *m)
		var v T
		for i, key := range keys {
			c.writeKey(key, i == 0)
			v = (*m)[key]
			elem(&v, c)
		}
		c.keys = c.keys[:mark]
		c.endContainer('}')
		return
	}
	switch c.peek() {
	case '{':
		if !c.openObject() {
			return
		}
		if *m == nil {
			*m = make(map[string]T)
		}
		for n := 0; c.err == nil; n++ {
			key, ok := c.nextKey(n)
			if !ok {
				return
			}
			k := string(key)
			var v T
			elem(&v, c)
			if c.err == nil {
				(*m)[k] = v
			}
		}
	case 'n':
		if c.null() {
			*m = nil
		}
	default:
		c.mismatchOf(*m)
	}
}

// moveExtra moves the members of an object that its struct does not
// declare. Encoding, it writes the entries of *m in key order, but not
// those whose key a declared member already wrote; decoding, it stores the
// current member under its key.
func moveExtra[T any](c *jsonCodec, m *map[string]T, elem func(*T, *jsonCodec)) {
	if c.err != nil || len(c.frames) == 0 {
		return
	}
	if c.decode {
		key := string(c.memberKey())
		var v T
		elem(&v, c)
		if c.err != nil {
			return
		}
		if *m == nil {
			*m = make(map[string]T)
		}
		(*m)[key] = v
		return
	}
	if len(*m) == 0 {
		return
	}
	keys, mark := sortedKeys(c, *m)
	var v T
	for _, key := range keys {
		if c.written(key) {
			continue
		}
		f := &c.frames[len(c.frames)-1]
		c.writeKey(key, !f.wrote)
		f.wrote = true
		v = (*m)[key]
		elem(&v, c)
	}
	c.keys = c.keys[:mark]
}

// sortedKeys returns the keys of m in byte order, kept at the end of the
// codec's key stack from mark on: truncate it to mark when done.
func sortedKeys[T any](c *jsonCodec, m map[string]T) (keys []string, mark int) {
	mark = len(c.keys)
	for k := range m {
		c.keys = append(c.keys, k)
	}
	keys = c.keys[mark:]
	slices.Sort(keys)
	return keys, mark
}

// movePointer moves a pointer: null is nil. Decoding reuses a non-nil
// pointer.
func movePointer[T any](c *jsonCodec, p **T, elem func(*T, *jsonCodec)) {
	if c.err != nil {
		return
	}
	if !c.decode {
		if *p == nil {
			c.writeRaw("null")
		} else {
			elem(*p, c)
		}
		return
	}
	if c.peek() == 'n' {
		if c.null() {
			*p = nil
		}
		return
	}
	if *p == nil {
		*p = new(T)
	}
	elem(*p, c)
}

// Element movers, for moveSlice, moveMap, moveExtra and movePointer.

func stringValue(p *string, c *jsonCodec)       { c.string(p) }
func int64Value(p *int64, c *jsonCodec)         { c.int64(p) }
func int32Value(p *int32, c *jsonCodec)         { c.int32(p) }
func intValue(p *int, c *jsonCodec)             { c.int(p) }
func float64Value(p *float64, c *jsonCodec)     { c.float64(p) }
func float32Value(p *float32, c *jsonCodec)     { c.float32(p) }
func boolValue(p *bool, c *jsonCodec)           { c.bool(p) }
func bytesValue(p *[]byte, c *jsonCodec)        { c.bytes(p) }
func timeValue(p *time.Time, c *jsonCodec)      { c.time(p) }
func rawValue(p *json.RawMessage, c *jsonCodec) { c.raw(p) }
func anyValue(p *any, c *jsonCodec)             { c.any(p) }
