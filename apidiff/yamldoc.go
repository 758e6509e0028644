package apidiff

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// specDoc is one spec file read as YAML nodes (JSON is read the same way),
// kept for comparing and for finding the line of a JSON pointer.
type specDoc struct {
	name string     // how the report names the file
	root *yaml.Node // the top-level mapping
}

func readSpecDoc(path, name string) (*specDoc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseSpecDoc(data, name)
}

func parseSpecDoc(data []byte, name string) (*specDoc, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if deref(root).Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: the document is not a mapping", name)
	}
	return &specDoc{name: name, root: deref(root)}, nil
}

// where renders the place of a pointer as name:line, or the name alone when
// the pointer leads nowhere.
func (d *specDoc) where(pointer string) string {
	if line := d.line(pointer); line > 0 {
		return fmt.Sprintf("%s:%d", d.name, line)
	}
	return d.name
}

// whereFirst is where of the first pointer that leads somewhere.
func (d *specDoc) whereFirst(pointers ...string) string {
	for _, p := range pointers {
		if d.line(p) > 0 {
			return d.where(p)
		}
	}
	return d.name
}

// line is the 1-based line of the node a pointer such as
// "#/paths/~1bulk/post" names: the line of its key in a mapping, of the item
// in a sequence. It is 0 when the pointer leads nowhere.
func (d *specDoc) line(pointer string) int {
	n, line := d.root, d.root.Line
	for _, seg := range splitPointer(pointer) {
		n = deref(n)
		switch n.Kind {
		case yaml.MappingNode:
			k, v := entry(n, seg)
			if k == nil {
				return 0
			}
			n, line = v, k.Line
		case yaml.SequenceNode:
			i, ok := index(seg, len(n.Content))
			if !ok {
				return 0
			}
			n, line = n.Content[i], n.Content[i].Line
		default:
			return 0
		}
	}
	return line
}

// lookup returns the node a pointer names, or nil.
func (d *specDoc) lookup(pointer string) *yaml.Node {
	n := d.root
	for _, seg := range splitPointer(pointer) {
		n = deref(n)
		switch n.Kind {
		case yaml.MappingNode:
			if _, n = entry(n, seg); n == nil {
				return nil
			}
		case yaml.SequenceNode:
			i, ok := index(seg, len(n.Content))
			if !ok {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return deref(n)
}

// splitPointer turns "#/a~1b/c" into ["a/b", "c"] (RFC 6901 unescaping).
func splitPointer(pointer string) []string {
	p := strings.TrimPrefix(strings.TrimPrefix(pointer, "#"), "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return segs
}

func index(seg string, n int) (int, bool) {
	i := 0
	for _, c := range seg {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
		if i >= n {
			return 0, false
		}
	}
	return i, seg != ""
}

// deref follows YAML aliases; nil stays nil.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// entry finds key in a mapping node and returns the key and value nodes.
func entry(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], deref(m.Content[i+1])
		}
	}
	return nil, nil
}

// get is the value of key in a mapping node, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	_, v := entry(m, key)
	return v
}

// keys lists the keys of a mapping node in document order.
func keys(m *yaml.Node) []string {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]string, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, m.Content[i].Value)
	}
	return out
}

// items lists the items of a sequence node.
func items(s *yaml.Node) []*yaml.Node {
	s = deref(s)
	if s == nil || s.Kind != yaml.SequenceNode {
		return nil
	}
	return s.Content
}

// scalar is the value of a scalar node, or "".
func scalar(n *yaml.Node) string {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// resolve follows local $refs ("#/components/...") within the document, and
// returns the node reached and its pointer. A ref to another file is not
// followed. Cycles of refs stop after a few steps.
func (d *specDoc) resolve(n *yaml.Node, pointer string) (*yaml.Node, string) {
	for range 16 {
		ref := scalar(get(n, "$ref"))
		if !strings.HasPrefix(ref, "#/") {
			break
		}
		target := d.lookup(ref)
		if target == nil {
			break
		}
		n, pointer = target, ref
	}
	return deref(n), pointer
}
