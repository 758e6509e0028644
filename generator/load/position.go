package load

import (
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// locator finds the line and column of a JSON pointer in the spec's own
// files. It reads the YAML (or JSON) text itself rather than kin-openapi's
// Origin records, whose shape changes between releases: all knowledge of
// source positions stays in this file.
type locator struct {
	files map[string]*yaml.Node // path -> document node; nil when unreadable
	// origin names the overlay file of the nodes an overlay added to or
	// changed in a description; their lines and columns are the
	// overlay's. Every other node is the description's own.
	origin map[*yaml.Node]string
	// dups holds what duplicates found, by path: reading a JSON file asks
	// before it hands the file on, and Load again to warn.
	dups map[string][]duplicate
	// keys finds keys in the large mappings the pointers go through.
	keys keyIndex
}

func newLocator() *locator {
	return &locator{files: map[string]*yaml.Node{}, origin: map[*yaml.Node]string{}, dups: map[string][]duplicate{}}
}

// at places pointer in the file path, which diagnostics name report:
// the file, line and column, which are the overlay's when an overlay put
// the node there.
func (l *locator) at(path, report, pointer string) (file string, line, col int) {
	n := l.root(path)
	if n == nil {
		return report, 0, 0
	}
	file = report
	for _, seg := range splitPointer(pointer) {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		var key, next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for k := 0; k+1 < len(n.Content) && next == nil; k += 2 {
				if n.Content[k].Value == seg {
					key, next = n.Content[k], n.Content[k+1]
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			break
		}
		n = next
		if key != nil && n.Kind == yaml.ScalarNode {
			// A scalar's problem is placed on its key, as child does.
			if from, ok := l.origin[key]; ok {
				return from, key.Line, key.Column
			}
			return report, key.Line, key.Column
		}
	}
	if from, ok := l.origin[n]; ok {
		return from, n.Line, n.Column
	}
	return file, n.Line, n.Column
}

// root returns the parsed document of path, reading it on first use.
func (l *locator) root(path string) *yaml.Node {
	if n, ok := l.files[path]; ok {
		return n
	}
	var doc yaml.Node
	data, err := os.ReadFile(path)
	if err != nil || yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		l.files[path] = nil
		return nil
	}
	l.files[path] = doc.Content[0]
	return doc.Content[0]
}

// node returns the YAML node at pointer ("#/a/b~1c") in path, or the
// deepest node reached on the way when the pointer leads nowhere.
func (l *locator) node(path, pointer string) (*yaml.Node, bool) {
	n := l.root(path)
	if n == nil {
		return nil, false
	}
	for _, seg := range splitPointer(pointer) {
		next := l.keys.child(n, seg)
		if next == nil {
			return n, false
		}
		n = next
	}
	return n, true
}

// keysAt returns the keys of the mapping at pointer in document order, or nil.
func (l *locator) keysAt(path, pointer string) []string {
	n, ok := l.node(path, pointer)
	if !ok || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, n.Content[i].Value)
	}
	return out
}

// child steps from a mapping to the value of key (placing the step on the
// key, which is where an editor should point), or from a sequence to an
// item.
func child(n *yaml.Node, seg string) *yaml.Node {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == seg {
				return childAt(n, i)
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

// A keyIndex finds a key of a large mapping without a scan: Microsoft
// Graph's descriptions have thousands of paths and schemas, and a pointer
// into them is followed for every $ref and every position asked for. The
// zero value is ready to use.
type keyIndex struct {
	at map[*yaml.Node]mappingKeys
}

// mappingKeys is where each key of a mapping of n entries first appears.
type mappingKeys struct {
	n   int
	pos map[string]int
}

// indexFrom is how many entries a mapping has before it is indexed.
const indexFrom = 64

// child is the package's child, through the index; a nil x scans. The
// tree may change between calls (repairs and overlays edit it): an index
// is used only while its mapping has as many entries as when it was built,
// and a key it places is checked; anything else is scanned for.
func (x *keyIndex) child(n *yaml.Node, seg string) *yaml.Node {
	if x == nil || n.Kind != yaml.MappingNode || len(n.Content) < 2*indexFrom {
		return child(n, seg)
	}
	keys, ok := x.at[n]
	if !ok || keys.n != len(n.Content) {
		keys = mappingKeys{n: len(n.Content), pos: make(map[string]int, len(n.Content)/2)}
		for i := len(n.Content) - 2; i >= 0; i -= 2 {
			keys.pos[n.Content[i].Value] = i // the first of duplicates is left
		}
		if x.at == nil {
			x.at = map[*yaml.Node]mappingKeys{}
		}
		x.at[n] = keys
	}
	if i, ok := keys.pos[seg]; ok && n.Content[i].Value == seg {
		return childAt(n, i)
	}
	return child(n, seg)
}

// childAt returns the value of the key at n.Content[i], a mapping's.
func childAt(n *yaml.Node, i int) *yaml.Node {
	v := n.Content[i+1]
	if v.Kind == yaml.ScalarNode {
		// Point at the key of a scalar, the usual place of the problem.
		return &yaml.Node{Kind: yaml.ScalarNode, Value: v.Value, Line: n.Content[i].Line, Column: n.Content[i].Column}
	}
	return v
}

// splitPointer turns "#/a/b~1c" into ["a", "b/c"].
func splitPointer(p string) []string {
	p = strings.TrimPrefix(p, "#")
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		s = strings.ReplaceAll(s, "~1", "/")
		parts[i] = strings.ReplaceAll(s, "~0", "~")
	}
	return parts
}

// duplicate is a mapping key written twice.
type duplicate struct {
	pointer   string // of the later key
	line, col int
	first     string // line:col of the earlier key
	key       string
}

// duplicates lists the keys that a mapping of path repeats. YAML forbids
// them (and the YAML reader rejects them); JSON discourages them, and its
// reader keeps the later one silently.
func (l *locator) duplicates(path string) []duplicate {
	out, ok := l.dups[path]
	if !ok {
		out = l.findDuplicates(path)
		l.dups[path] = out
	}
	return out
}

// findDuplicates walks the file for duplicates.
func (l *locator) findDuplicates(path string) []duplicate {
	var out []duplicate
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if n == nil || depth > 200 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			seen := map[string]string{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				at := ptr + "/" + escape(k.Value)
				if first, ok := seen[k.Value]; ok {
					out = append(out, duplicate{pointer: at, line: k.Line, col: k.Column, first: first, key: k.Value})
				} else {
					seen[k.Value] = strconv.Itoa(k.Line) + ":" + strconv.Itoa(k.Column)
				}
				walk(n.Content[i+1], at, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	walk(l.root(path), "#", 0)
	return out
}
