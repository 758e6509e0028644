package load

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// jsonTree reads a JSON document straight into the node tree that yaml.v3
// builds for the same text: flow mappings and sequences, double-quoted
// strings, and numbers, true, false and null as plain scalars with the
// tag yaml.v3 resolves for them, each at yaml.v3's line and column (a line
// ends at \n, \r\n or \r; columns count characters). Read as YAML, a large
// JSON file costs far more: the YAML reader keeps a flow collection's
// tokens queued until it ends, and JSON is one flow collection.
//
// Strings mean what they mean in JSON, also where YAML would read them
// otherwise (a raw U+2028 is a character, not a line break). It reports
// false for text that is not one JSON value, and for nesting deeper than
// encoding/json accepts, so that the caller can word the error.
func jsonTree(data []byte) (*yaml.Node, bool) {
	r := jsonReader{text: string(data), line: 1}
	r.space()
	top := r.value(0)
	r.space()
	if r.bad || r.pos != len(r.text) {
		return nil, false
	}
	return top, true
}

// maxTreeDepth is encoding/json's nesting limit.
const maxTreeDepth = 10000

type jsonReader struct {
	text string
	pos  int
	bad  bool

	// The position of pos is found from the last one asked for, so that
	// a file of one long line is read once.
	line      int
	lineStart int
	markPos   int // a byte offset on line, at or after lineStart
	markCol   int // its 0-based column

	nodes    []yaml.Node  // nodes are cut from this, a block at a time
	children []*yaml.Node // the members of the collections being read
	content  []*yaml.Node // Content slices are cut from this
}

// node returns a new node at the reader's position.
func (r *jsonReader) node(kind yaml.Kind, style yaml.Style, tag string) *yaml.Node {
	if len(r.nodes) == 0 {
		r.nodes = make([]yaml.Node, 1024)
	}
	n := &r.nodes[0]
	r.nodes = r.nodes[1:]
	if r.markPos < r.lineStart {
		r.markPos, r.markCol = r.lineStart, 0
	}
	r.markCol += utf8.RuneCountInString(r.text[r.markPos:r.pos])
	r.markPos = r.pos
	n.Kind, n.Style, n.Tag = kind, style, tag
	n.Line, n.Column = r.line, r.markCol+1
	return n
}

// space skips JSON white space, counting lines.
func (r *jsonReader) space() {
	for r.pos < len(r.text) {
		switch r.text[r.pos] {
		case ' ', '\t':
		case '\n':
			r.newLine(r.pos + 1)
		case '\r':
			if r.pos+1 < len(r.text) && r.text[r.pos+1] == '\n' {
				r.pos++
			}
			r.newLine(r.pos + 1)
		default:
			return
		}
		r.pos++
	}
}

func (r *jsonReader) newLine(start int) {
	r.line++
	r.lineStart = start
}

// value reads the value at pos, inside depth collections.
func (r *jsonReader) value(depth int) *yaml.Node {
	if r.pos >= len(r.text) {
		r.bad = true
		return nil
	}
	switch c := r.text[r.pos]; {
	case (c == '{' || c == '[') && depth == maxTreeDepth:
		r.bad = true
		return nil
	case c == '{':
		return r.object(depth + 1)
	case c == '[':
		return r.array(depth + 1)
	case c == '"':
		n := r.node(yaml.ScalarNode, yaml.DoubleQuotedStyle, "!!str")
		n.Value = r.str()
		return n
	case c == '-' || c >= '0' && c <= '9':
		n := r.node(yaml.ScalarNode, 0, "")
		n.Value = r.number()
		n.Tag = numberTag(n.Value)
		return n
	}
	for _, lit := range [...]struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
		if len(r.text)-r.pos >= len(lit.word) && r.text[r.pos:r.pos+len(lit.word)] == lit.word {
			n := r.node(yaml.ScalarNode, 0, lit.tag)
			n.Value = lit.word
			r.pos += len(lit.word)
			return n
		}
	}
	r.bad = true
	return nil
}

func (r *jsonReader) object(depth int) *yaml.Node {
	n := r.node(yaml.MappingNode, yaml.FlowStyle, "!!map")
	first := len(r.children)
	if r.open('}') {
		for r.member(depth) && r.more('}') {
			// the next member
		}
	}
	n.Content = r.collect(first)
	return n
}

// member reads one key and its value into children.
func (r *jsonReader) member(depth int) bool {
	if r.peek() != '"' {
		r.bad = true
		return false
	}
	key := r.node(yaml.ScalarNode, yaml.DoubleQuotedStyle, "!!str")
	key.Value = r.str()
	r.space()
	if r.peek() != ':' {
		r.bad = true
		return false
	}
	r.pos++
	r.space()
	r.children = append(r.children, key, r.value(depth))
	return !r.bad
}

func (r *jsonReader) array(depth int) *yaml.Node {
	n := r.node(yaml.SequenceNode, yaml.FlowStyle, "!!seq")
	first := len(r.children)
	if r.open(']') {
		for {
			r.children = append(r.children, r.value(depth))
			if r.bad || !r.more(']') {
				break
			}
		}
	}
	n.Content = r.collect(first)
	return n
}

// open steps over the bracket at pos and reports whether members follow:
// false after an empty collection's closing bracket.
func (r *jsonReader) open(closing byte) bool {
	r.pos++
	r.space()
	if r.peek() == closing {
		r.pos++
		return false
	}
	return true
}

// more reads what follows a member: a comma (true, another member comes)
// or the closing bracket (false); anything else is an error (false).
func (r *jsonReader) more(closing byte) bool {
	r.space()
	switch r.peek() {
	case ',':
		r.pos++
		r.space()
		return true
	case closing:
		r.pos++
	default:
		r.bad = true
	}
	return false
}

// collect moves the children read since first into a Content slice of
// their own: nil when there are none, as yaml.v3 leaves it.
func (r *jsonReader) collect(first int) []*yaml.Node {
	kids := r.children[first:]
	r.children = r.children[:first]
	if len(kids) == 0 {
		return nil
	}
	if len(r.content) < len(kids) {
		r.content = make([]*yaml.Node, max(4096, len(kids)))
	}
	out := r.content[:len(kids):len(kids)]
	r.content = r.content[len(kids):]
	copy(out, kids)
	clear(kids)
	return out
}

func (r *jsonReader) peek() byte {
	if r.pos < len(r.text) {
		return r.text[r.pos]
	}
	return 0
}

// str reads a string at pos (its opening quote). A string without escapes
// shares the document's text.
func (r *jsonReader) str() string {
	start := r.pos + 1
	for i := start; i < len(r.text); i++ {
		switch c := r.text[i]; {
		case c == '"':
			r.pos = i + 1
			return r.text[start:i]
		case c == '\\':
			return r.escaped(start, i)
		case c < 0x20:
			r.bad = true
			return ""
		}
	}
	r.bad = true
	return ""
}

// escaped reads the rest of a string from its first backslash at i, as
// encoding/json does: a lone surrogate becomes U+FFFD.
func (r *jsonReader) escaped(start, i int) string {
	buf := []byte(r.text[start:i])
	for i < len(r.text) {
		c := r.text[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return string(buf)
		case c < 0x20:
			r.bad = true
			return ""
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		if i+1 >= len(r.text) {
			break
		}
		i += 2
		switch e := r.text[i-1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			c1, ok := hex4(r.text, i)
			if !ok {
				r.bad = true
				return ""
			}
			i += 4
			if utf16.IsSurrogate(c1) {
				if c2, ok := hex4(r.text, i+2); ok && r.text[i] == '\\' && r.text[i+1] == 'u' {
					if pair := utf16.DecodeRune(c1, c2); pair != utf8.RuneError {
						buf = utf8.AppendRune(buf, pair)
						i += 6
						continue
					}
				}
				c1 = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, c1)
		default:
			r.bad = true
			return ""
		}
	}
	r.bad = true
	return ""
}

// hex4 reads the four hex digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i < 0 || i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+4], 16, 16)
	return rune(v), err == nil
}

// number reads a JSON number at pos.
func (r *jsonReader) number() string {
	s, start := r.text, r.pos
	i := start
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(s, i)
	default:
		r.bad = true
		return ""
	}
	if i < len(s) && s[i] == '.' {
		if j := digits(s, i+1); j > i+1 {
			i = j
		} else {
			r.bad = true
			return ""
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if j := digits(s, i); j > i {
			i = j
		} else {
			r.bad = true
			return ""
		}
	}
	r.pos = i
	return s[start:i]
}

func digits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// numberTag is the tag yaml.v3 resolves for a JSON number: !!int when it
// fits 64 bits, signed or not; else !!float when it is finite as a
// float64; else !!str.
func numberTag(v string) string {
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(v, 10, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return "!!float"
	}
	return "!!str"
}
