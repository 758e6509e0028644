package templates

import (
	"errors"
	"strconv"
)

// jsonTuple moves a JSON array whose elements have types by position (a
// tuple: prefixItems), one element at a time. The generated moveJSON of a
// tuple type holds one in a local:
//
//	t, ok := c.beginTuple()
//	if !ok {
//		return
//	}
//	if c.decoding() {
//		*v = Point{}
//	}
//	if t.element() {
//		c.float64(&v.V0)
//	}
//	if t.optionalElement(&v.V1.Valid) {
//		c.string(&v.V1.Value)
//	}
//	moveRest(&t, &v.Rest, stringValue) // or t.endTuple()
//
// Decoding behaves as encoding/json does on a Go array: an element the
// array does not have is left zero (moveJSON resets the tuple first), and
// elements after the declared ones are skipped, unless the tuple keeps
// them in a Rest slice. Encoding writes the elements in order and stops at the first optional
// element that is not set; one set after it is an error, as an array has
// no gaps.
type jsonTuple struct {
	c    *jsonCodec
	n    int  // elements moved so far
	done bool // decoding: the array has ended; encoding: an element was left out
}

// beginTuple starts moving an array. Decoding a null leaves the tuple
// unchanged and reports false, as encoding/json does for a struct; another
// kind of value is a type error.
func (c *jsonCodec) beginTuple() (jsonTuple, bool) {
	t := jsonTuple{c: c}
	if c.err != nil {
		return t, false
	}
	if !c.decode {
		return t, c.open('[')
	}
	switch c.peek() {
	case '[':
		return t, c.openArray()
	case 'n':
		c.null()
	default:
		c.mismatch("array")
	}
	return t, false
}

// element reports whether the next element is to be moved: encoding, always
// (after its comma); decoding, when the array has one more element.
func (t *jsonTuple) element() bool {
	c := t.c
	if c.err != nil {
		return false
	}
	if !c.decode {
		if t.done {
			c.fail(errors.New("json: tuple element " + strconv.Itoa(t.n+1) + " follows an element left out; a JSON array has no gaps"))
			return false
		}
		if t.n > 0 {
			c.writeByte(',')
		}
		t.n++
		return true
	}
	if t.done || !c.nextElement(t.n) {
		t.done = true
		return false
	}
	t.n++
	return true
}

// optionalElement moves the presence of an optional element: encoding, an unset
// one ends the array; decoding, a missing or null one is unset.
func (t *jsonTuple) optionalElement(valid *bool) bool {
	c := t.c
	if !c.decode {
		if !*valid {
			if c.err == nil {
				t.done = true
			}
			return false
		}
		return t.element()
	}
	if !t.element() {
		*valid = false
		return false
	}
	return c.optional(valid)
}

// nullableElement moves the state of an element that may be null: encoding, an
// absent one ends the array, as an unset optional one does; decoding, a
// missing one is absent.
func (t *jsonTuple) nullableElement(valid, null *bool) bool {
	c := t.c
	if !c.decode {
		if !*valid && !*null {
			if c.err == nil {
				t.done = true
			}
			return false
		}
		return t.element() && c.nullable(valid, null)
	}
	if !t.element() {
		*valid, *null = false, false
		return false
	}
	return c.nullable(valid, null)
}

// endTuple skips the elements that no field holds and closes the array.
func (t *jsonTuple) endTuple() {
	c := t.c
	if c.err != nil {
		return
	}
	if !c.decode {
		c.endContainer(']')
		return
	}
	for t.element() {
		c.skipValue()
	}
}

// moveRest moves the elements after a tuple's declared ones into rest, and
// closes the array. Decoding, rest is nil when there are none.
func moveRest[T any](t *jsonTuple, rest *[]T, elem func(*T, *jsonCodec)) {
	c := t.c
	if c.err != nil {
		return
	}
	if !c.decode {
		for i := range *rest {
			if !t.element() {
				return
			}
			elem(&(*rest)[i], c)
		}
		t.endTuple()
		return
	}
	var out []T
	for t.element() {
		var zero T
		out = append(out, zero)
		elem(&out[len(out)-1], c)
	}
	if c.err == nil {
		*rest = out
	}
}
