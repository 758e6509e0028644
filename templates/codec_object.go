package templates

import (
	"bytes"
	"sync"
)

// objectMembers describes the members of a generated struct. Generated code
// sets names and additional in a package-level variable; the rest is built
// on first use.
type objectMembers struct {
	names      []string // JSON names of the declared members, in case order
	additional bool     // the struct keeps undeclared members (index len(names))

	once    sync.Once
	keyText []byte         // `,"name":` for each name, ready to write, one after the other
	keyEnd  []int          // where each name's text ends in keyText
	index   map[string]int // name to index, for long name lists
}

// prepare builds the lookup state of m once.
func (m *objectMembers) prepare() {
	m.once.Do(func() {
		m.keyEnd = make([]int, len(m.names))
		for i, name := range m.names {
			m.keyText = append(m.keyText, ',')
			m.keyText = appendJSONString(m.keyText, name)
			m.keyText = append(m.keyText, ':')
			m.keyEnd[i] = len(m.keyText)
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
	if c.frames == nil {
		c.frames = c.frameBuf[:0]
	}
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
	if c.decode {
		return c.readMember()
	}
	return c.writeMember()
}

// writeMember ends the current member and starts the next: it drops the
// key it wrote for a member that wrote nothing, and writes the next
// member's key.
func (c *jsonCodec) writeMember() int {
	f := &c.frames[len(c.frames)-1]
	m := f.members
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
		start := 0
		if f.index > 0 {
			start = m.keyEnd[f.index-1]
		}
		if !f.wrote {
			start++ // no comma before the first member
		}
		f.keyAt = len(c.out)
		c.write(m.keyText[start:m.keyEnd[f.index]])
		f.valueAt = len(c.out)
		return f.index
	}
	if f.index == len(m.names) && m.additional {
		return f.index
	}
	c.writeByte('}')
	c.closeObject()
	return -1
}

// readMember skips what the current member's case left unread and reads
// the next member's key.
func (c *jsonCodec) readMember() int {
	f := &c.frames[len(c.frames)-1]
	m := f.members
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
