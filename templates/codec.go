package templates

import (
	"errors"
	"reflect"
	"sync"
	"time"
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

	// frameBuf holds the frames of the first few open objects, so that
	// decoding a shallow document allocates no frame stack.
	frameBuf [4]objectFrame

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

// release resets c and returns it to the pool, keeping its buffers.
func (c *jsonCodec) release() {
	out, scratch := c.out[:0], c.scratch[:0]
	if cap(out) > maxPooledBuffer {
		out = nil
	}
	if cap(scratch) > maxPooledBuffer {
		scratch = nil
	}
	clear(c.keys)
	*c = jsonCodec{out: out, scratch: scratch, marks: c.marks[:0], keys: c.keys[:0]}
	codecPool.Put(c)
}

// encoded returns a copy of the output, or the error, and puts c back in
// the pool.
func (c *jsonCodec) encoded() ([]byte, error) {
	defer c.release()
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
	return c.encoded()
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
	return c.encoded()
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

// optional moves the presence of an Opt, given its Valid: it reports
// whether its value is to be moved. Decoding, a null makes it absent.
func (c *jsonCodec) optional(valid *bool) bool {
	if c.err != nil {
		return false
	}
	if !c.decode {
		return *valid
	}
	if c.peek() == 'n' {
		*valid = false
		c.null()
		return false
	}
	*valid = true
	return true
}

// nullable moves the state of a Nullable, given its Valid and Null: it
// reports whether its value is to be moved. Encoding, a null one writes
// null and an absent one nothing.
func (c *jsonCodec) nullable(valid, null *bool) bool {
	if c.err != nil {
		return false
	}
	if !c.decode {
		if *null && !*valid {
			c.writeRaw("null")
		}
		return *valid
	}
	if c.peek() == 'n' {
		*valid, *null = false, true
		c.null()
		return false
	}
	*valid, *null = true, false
	return true
}

// The optional and nullable fields of the commonest types move through
// one call each, rather than two and a branch written out in every
// struct's moveJSON: a large API has tens of thousands of such fields, and
// the compiler's time goes with the code it is given.

func (c *jsonCodec) optString(o *Opt[string]) {
	if c.optional(&o.Valid) {
		c.string(&o.Value)
	}
}

func (c *jsonCodec) optBool(o *Opt[bool]) {
	if c.optional(&o.Valid) {
		c.bool(&o.Value)
	}
}

func (c *jsonCodec) optInt64(o *Opt[int64]) {
	if c.optional(&o.Valid) {
		c.int64(&o.Value)
	}
}

func (c *jsonCodec) optFloat64(o *Opt[float64]) {
	if c.optional(&o.Valid) {
		c.float64(&o.Value)
	}
}

func (c *jsonCodec) optTime(o *Opt[time.Time]) {
	if c.optional(&o.Valid) {
		c.time(&o.Value)
	}
}

func (c *jsonCodec) nullString(n *Nullable[string]) {
	if c.nullable(&n.Valid, &n.Null) {
		c.string(&n.Value)
	}
}

func (c *jsonCodec) nullBool(n *Nullable[bool]) {
	if c.nullable(&n.Valid, &n.Null) {
		c.bool(&n.Value)
	}
}

func (c *jsonCodec) nullInt64(n *Nullable[int64]) {
	if c.nullable(&n.Valid, &n.Null) {
		c.int64(&n.Value)
	}
}

func (c *jsonCodec) nullFloat64(n *Nullable[float64]) {
	if c.nullable(&n.Valid, &n.Null) {
		c.float64(&n.Value)
	}
}

func (c *jsonCodec) nullTime(n *Nullable[time.Time]) {
	if c.nullable(&n.Valid, &n.Null) {
		c.time(&n.Value)
	}
}

// optText moves an Opt of a string enum, given its parts: a generic
// function would be compiled once for each enum.
func (c *jsonCodec) optText(valid *bool, value *string) {
	if c.optional(valid) {
		c.string(value)
	}
}

// nullText moves a Nullable of a string enum, given its parts.
func (c *jsonCodec) nullText(valid, null *bool, value *string) {
	if c.nullable(valid, null) {
		c.string(value)
	}
}

// hasValue reports whether a value whose nil means absent is to be moved:
// isSet when encoding, always when decoding (the mover reads a null as
// nil).
func (c *jsonCodec) hasValue(isSet bool) bool {
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
