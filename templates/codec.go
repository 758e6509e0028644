package templates

import (
	"bytes"
	"errors"
	"reflect"
	"sync"
)

// jsonMover is a type that moves itself between Go and JSON: each generated
// struct and union has a moveJSON method, which its MarshalJSON and
// UnmarshalJSON call through marshalJSON and unmarshalJSON.
type jsonMover interface {
	moveJSON(c *jsonCodec)
}

// jsonCodec encodes or decodes one JSON document. The same moveJSON method
// serves both directions: each mover encodes what its pointer points to or
// decodes into it, as the codec says. After the first error every mover is
// a no-op and the object loop ends.
type jsonCodec struct {
	decode bool
	err    error
	depth  int           // arrays and objects open around the current value
	frames []objectFrame // the objects open around the current value

	// Encoding.
	out   []byte
	marks []uint64 // per open object with additional members: which members were written
	keys  []string // map keys being written, sorted, for each map open

	// Decoding.
	in      []byte
	pos     int
	scratch []byte // decoded strings that differ from their JSON text

	// The contents of the string read last are in[textStart:textEnd], or
	// scratch when they had to be unquoted.
	textStart, textEnd int
	textUnquoted       bool
}

// objectFrame is the state of one open object.
type objectFrame struct {
	members *objectMembers
	index   int  // the member moved last, -1 before the first
	wrote   bool // encoding: a member was written
	marks   int  // encoding: where the object's bits start in marks
	keyAt   int  // encoding: where the current member's key starts in out, -1 if none
	n       int  // decoding: members read so far
	valueAt int  // where the current member's value starts in out or in

	// Decoding: the current member's key is in[keyStart:keyEnd], or
	// scratch when it had to be unquoted.
	keyStart, keyEnd int
	keyUnquoted      bool
}

// push opens an object frame for m. It sets the fields one by one: a
// struct copy would have the garbage collector scan the whole frame.
func (c *jsonCodec) push(m *objectMembers) {
	if len(c.frames) == cap(c.frames) {
		c.frames = append(c.frames, objectFrame{})
	} else {
		c.frames = c.frames[:len(c.frames)+1]
	}
	f := &c.frames[len(c.frames)-1]
	f.members = m
	f.index, f.keyAt, f.valueAt, f.marks, f.n = -1, -1, -1, len(c.marks), 0
	f.wrote, f.keyUnquoted = false, false
}

// memberKey returns the key of the current member of the innermost object.
func (c *jsonCodec) memberKey() []byte {
	f := &c.frames[len(c.frames)-1]
	if f.keyUnquoted {
		return c.scratch
	}
	return c.in[f.keyStart:f.keyEnd]
}

// objectMembers describes the members of a generated struct. Generated code
// sets names and additional in a package-level variable; the rest is built
// on first use.
type objectMembers struct {
	names      []string // JSON names of the declared members, in case order
	additional bool     // the struct keeps undeclared members (index len(names))

	once  sync.Once
	keys  [][]byte       // `,"name":` for each name, ready to write
	index map[string]int // name to index, for long name lists
}

// prepare builds the lookup state of m once.
func (m *objectMembers) prepare() {
	m.once.Do(func() {
		m.keys = make([][]byte, len(m.names))
		for i, name := range m.names {
			key := appendJSONString([]byte{','}, name)
			m.keys[i] = append(key, ':')
		}
		if len(m.names) > 8 {
			m.index = make(map[string]int, len(m.names))
			for i, name := range m.names {
				if _, dup := m.index[name]; !dup {
					m.index[name] = i
				}
			}
		}
	})
}

// exact returns the index of the name equal to key, or -1. hint is the
// index to try first.
func (m *objectMembers) exact(key []byte, hint int) int {
	if hint >= 0 && hint < len(m.names) && string(key) == m.names[hint] {
		return hint
	}
	if m.index != nil {
		if i, ok := m.index[string(key)]; ok {
			return i
		}
		return -1
	}
	for i, name := range m.names {
		if string(key) == name {
			return i
		}
	}
	return -1
}

// find returns the index of the member key names: an exact match, else the
// first name equal under case folding, as encoding/json matches; -1 if
// none.
func (m *objectMembers) find(key []byte, hint int) int {
	if i := m.exact(key, hint); i >= 0 {
		return i
	}
	for i, name := range m.names {
		if bytes.EqualFold(key, []byte(name)) {
			return i
		}
	}
	return -1
}

var codecPool = sync.Pool{New: func() any { return new(jsonCodec) }}

// maxPooledBuffer is the largest buffer a pooled codec keeps.
const maxPooledBuffer = 64 << 10

// newEncoder returns a pooled codec ready to encode.
func newEncoder() *jsonCodec {
	c := codecPool.Get().(*jsonCodec)
	c.decode = false
	return c
}

// newDecoder returns a pooled codec ready to decode data.
func newDecoder(data []byte) *jsonCodec {
	c := codecPool.Get().(*jsonCodec)
	c.decode, c.in = true, data
	return c
}

// release resets c and returns it to the pool.
func (c *jsonCodec) release() {
	clear(c.frames)
	c.frames = c.frames[:0]
	clear(c.keys)
	c.err, c.depth, c.marks, c.keys = nil, 0, c.marks[:0], c.keys[:0]
	c.in, c.pos = nil, 0
	if cap(c.out) > maxPooledBuffer {
		c.out = nil
	}
	if cap(c.scratch) > maxPooledBuffer {
		c.scratch = nil
	}
	c.out, c.scratch = c.out[:0], c.scratch[:0]
	codecPool.Put(c)
}

// encoded returns a copy of the output, or the error.
func (c *jsonCodec) encoded() ([]byte, error) {
	if c.err == nil && len(c.out) == 0 {
		c.err = errors.New("json: the value wrote nothing")
	}
	if c.err != nil {
		return nil, c.err
	}
	out := make([]byte, len(c.out))
	copy(out, c.out)
	return out, nil
}

// decoded checks that only whitespace follows the value and returns the
// first error.
func (c *jsonCodec) decoded() error {
	if c.peek(); c.err == nil && c.pos < len(c.in) {
		c.invalidChar("after top-level value")
	}
	return c.err
}

// isNilPointer reports whether v holds a nil pointer, which encodes as
// null.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// marshalJSON encodes v as compact JSON without HTML escaping.
func marshalJSON(v jsonMover) ([]byte, error) {
	if isNilPointer(v) {
		return []byte("null"), nil
	}
	c := newEncoder()
	v.moveJSON(c)
	out, err := c.encoded()
	c.release()
	return out, err
}

// unmarshalJSON decodes data, which must hold one JSON value, into v.
func unmarshalJSON(data []byte, v jsonMover) error {
	if isNilPointer(v) {
		return errors.New("json: decoding into a nil pointer")
	}
	c := newDecoder(data)
	v.moveJSON(c)
	err := c.decoded()
	c.release()
	return err
}

// encodeValue encodes *p with move.
func encodeValue[T any](p *T, move func(*T, *jsonCodec)) ([]byte, error) {
	c := newEncoder()
	move(p, c)
	out, err := c.encoded()
	c.release()
	return out, err
}

// decodeValue decodes data, which must hold one JSON value, into *p with
// move.
func decodeValue[T any](data []byte, p *T, move func(*T, *jsonCodec)) error {
	c := newDecoder(data)
	move(p, c)
	err := c.decoded()
	c.release()
	return err
}

// fail records err unless an error is already recorded.
func (c *jsonCodec) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// decoding reports whether c decodes.
func (c *jsonCodec) decoding() bool {
	return c.decode
}

// optional moves the presence of an Opt: it reports whether its value is
// to be moved. Decoding, a null makes it absent.
func (c *jsonCodec) optional(set *bool) bool {
	if c.err != nil {
		return false
	}
	if !c.decode {
		return *set
	}
	if c.peek() == 'n' {
		*set = false
		c.null()
		return false
	}
	*set = true
	return true
}

// nullable moves the state of a Nullable: it reports whether its value is
// to be moved. Encoding, a null one writes null and an absent one nothing.
func (c *jsonCodec) nullable(present, valid *bool) bool {
	if c.err != nil {
		return false
	}
	if !c.decode {
		if *present && !*valid {
			c.writeRaw("null")
		}
		return *valid && *present
	}
	*present = true
	if c.peek() == 'n' {
		*valid = false
		c.null()
		return false
	}
	*valid = true
	return true
}

// present reports whether a value whose nil means absent is to be moved:
// isSet when encoding, always when decoding (the mover reads a null as
// nil).
func (c *jsonCodec) present(isSet bool) bool {
	return c.decode || isSet
}

// rawValue consumes the next value when decoding and returns its bytes,
// which alias the input; nil after an error or when encoding.
func (c *jsonCodec) rawValue() []byte {
	if c.err != nil || !c.decode {
		return nil
	}
	c.peek()
	start := c.pos
	c.skipValue()
	if c.err != nil {
		return nil
	}
	return c.in[start:c.pos]
}

// beginObject starts moving an object with the members m, and returns the
// index of the first member to move (len(m.names) for an undeclared one),
// or -1 when there is none.
func (c *jsonCodec) beginObject(m *objectMembers) int {
	if c.err != nil {
		return -1
	}
	m.prepare()
	if !c.decode {
		if !c.open('{') {
			return -1
		}
		c.push(m)
		if m.additional {
			for range (len(m.names) + 63) / 64 {
				c.marks = append(c.marks, 0)
			}
		}
		return c.nextMember()
	}
	switch c.peek() {
	case 'n':
		c.null()
		return -1
	case '{':
		if !c.openObject() {
			return -1
		}
		c.push(m)
		return c.nextMember()
	}
	c.mismatch("object")
	return -1
}

// nextMember returns the index of the next member to move, or -1 at the
// end of the object.
func (c *jsonCodec) nextMember() int {
	if c.err != nil || len(c.frames) == 0 {
		return -1
	}
	f := &c.frames[len(c.frames)-1]
	m := f.members
	if !c.decode {
		if f.keyAt >= 0 {
			if len(c.out) == f.valueAt {
				c.out = c.out[:f.keyAt] // the member wrote nothing: drop its key
			} else {
				f.wrote = true
				if m.additional {
					i := uint(f.index)
					c.marks[f.marks+int(i/64)] |= 1 << (i % 64)
				}
			}
			f.keyAt = -1
		}
		f.index++
		if f.index < len(m.names) {
			key := m.keys[f.index]
			if !f.wrote {
				key = key[1:] // no comma before the first member
			}
			f.keyAt = len(c.out)
			c.write(key)
			f.valueAt = len(c.out)
			return f.index
		}
		if f.index == len(m.names) && m.additional {
			return f.index
		}
		c.writeByte('}')
		c.close()
		return -1
	}
	if c.pos == f.valueAt {
		c.skipValue() // the member's case moved nothing
	}
	for c.err == nil {
		key, ok := c.nextKey(f.n)
		if !ok {
			break
		}
		f.n++
		f.valueAt = c.pos
		if i := m.find(key, f.index+1); i >= 0 {
			f.index = i
			return i
		}
		if m.additional {
			f.keyStart, f.keyEnd, f.keyUnquoted = c.textStart, c.textEnd, c.textUnquoted
			f.index = len(m.names)
			return f.index
		}
		c.skipValue()
	}
	if c.err == nil {
		c.frames = c.frames[:len(c.frames)-1]
	}
	return -1
}

// written reports whether the current object already wrote the declared
// member named key.
func (c *jsonCodec) written(key string) bool {
	f := &c.frames[len(c.frames)-1]
	m := f.members
	i := -1
	if m.index != nil {
		if j, ok := m.index[key]; ok {
			i = j
		}
	} else {
		for j, name := range m.names {
			if name == key {
				i = j
				break
			}
		}
	}
	return i >= 0 && c.marks[f.marks+i/64]&(1<<(i%64)) != 0
}
