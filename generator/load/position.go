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
	// frozen holds the files' trees as places once freeze has run; the
	// node trees are then let go, and at, keysAt and findRef read places.
	// Nothing may edit a tree after that.
	frozen map[string]*frozenFile
}

func newLocator() *locator {
	return &locator{files: map[string]*yaml.Node{}, origin: map[*yaml.Node]string{}, dups: map[string][]duplicate{}}
}

// at places pointer in the file path, which diagnostics name report:
// the file, line and column, which are the overlay's when an overlay put
// the node there. Once the locator is frozen, the frozen file answers.
func (l *locator) at(path, report, pointer string) (file string, line, col int) {
	if l.frozen != nil {
		return l.frozenFile(path).at(report, pointer)
	}
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

// A description's node tree costs about nine times its text (yaml.Node
// is 152 bytes), and kin-openapi, which reads the text again, builds a
// tree of its own beside it: with Microsoft Graph beta's 47 MB, the two
// trees were most of generation's peak. Once the checks that edit the
// tree are done, freeze keeps only what placing a diagnostic needs, as
// places, and lets the node trees go before kin-openapi reads.

// A place is one node of a frozen tree.
type place struct {
	line, col int32
	kind      yaml.Kind
	value     string // a key's text, or a $ref's; "" for any other scalar
	// first and n place the children: a mapping's keys and values in
	// turn, a sequence's items. An alias's target is places[first].
	first, n int32
}

// A frozenFile is a file's tree as places, places[0] its root; nil for a
// file that could not be read.
type frozenFile struct {
	places []place
	origin map[int32]string // the overlay file of a place an overlay wrote
	// index finds the keys of a large mapping (by its place) without a
	// scan, as keyIndex does for a node tree.
	index map[int32]map[string]int32
}

// freeze turns every tree the locator holds into places and drops the
// trees. From then on the locator reads a file it has not seen straight
// into places.
func (l *locator) freeze() {
	if l.frozen == nil {
		l.frozen = map[string]*frozenFile{}
	}
	for path := range l.files {
		l.frozenFile(path)
	}
	l.origin, l.keys = nil, keyIndex{}
}

// frozenFile returns the places of path, reading and freezing the file
// on first use.
func (l *locator) frozenFile(path string) *frozenFile {
	if f, ok := l.frozen[path]; ok {
		return f
	}
	root := l.root(path)
	l.duplicates(path) // while the tree is here to walk
	var f *frozenFile
	if root != nil {
		f = freezeTree(root, l.origin)
	}
	l.frozen[path] = f
	delete(l.files, path)
	return f
}

// freezeTree lays the tree out as places, each node's children side by
// side, in one slice sized by a first walk.
func freezeTree(root *yaml.Node, origin map[*yaml.Node]string) *frozenFile {
	// Aliases are not followed, and a tree deeper than any reader builds
	// is cut, so that neither walk can go round. A nil child (which no
	// reader builds) is an empty place.
	var count func(n *yaml.Node, depth int) int
	count = func(n *yaml.Node, depth int) int {
		c := 1
		if n != nil && n.Kind != yaml.AliasNode && depth < maxFrozenDepth {
			for _, m := range n.Content {
				c += count(m, depth+1)
			}
		}
		return c
	}
	f := &frozenFile{places: make([]place, 1, count(root, 0)), origin: map[int32]string{}}
	texts := map[string]string{}
	anchors := map[*yaml.Node]int32{}
	aliases := map[int32]*yaml.Node{}
	var fill func(i int32, n *yaml.Node, keep bool, depth int)
	fill = func(i int32, n *yaml.Node, keep bool, depth int) {
		if n == nil {
			return
		}
		p := place{line: int32(n.Line), col: int32(n.Column), kind: n.Kind}
		if keep {
			// Keys repeat ("type", "description", "$ref"): one copy each,
			// and none of them keeps the text they were read from alive.
			v, ok := texts[n.Value]
			if !ok {
				v = strings.Clone(n.Value)
				texts[v] = v
			}
			p.value = v
		}
		if from, ok := origin[n]; ok {
			f.origin[i] = from
		}
		if n.Anchor != "" {
			anchors[n] = i
		}
		if n.Kind == yaml.AliasNode || depth >= maxFrozenDepth {
			if n.Kind == yaml.AliasNode {
				aliases[i] = n.Alias
			}
			f.places[i] = p
			return
		}
		p.first, p.n = int32(len(f.places)), int32(len(n.Content))
		f.places = f.places[:len(f.places)+len(n.Content)]
		f.places[i] = p
		for j, c := range n.Content {
			// Keys are looked up; a $ref's value is searched for.
			keep := n.Kind == yaml.MappingNode && (j%2 == 0 || n.Content[j-1] != nil && n.Content[j-1].Value == "$ref")
			fill(p.first+int32(j), c, keep, depth+1)
		}
	}
	fill(0, root, false, 0)
	for i, target := range aliases {
		if t, ok := anchors[target]; ok {
			f.places[i].first, f.places[i].n = t, 1
		}
	}
	return f
}

// maxFrozenDepth bounds the depth of a frozen tree, past any that the
// readers build (maxTreeDepth is JSON's).
const maxFrozenDepth = 2 * maxTreeDepth

// deref follows an alias to its target.
func (f *frozenFile) deref(i int32) int32 {
	for range len(f.places) { // an alias cannot lead to more aliases than there are places
		p := f.places[i]
		if p.kind != yaml.AliasNode || p.n == 0 {
			break
		}
		i = p.first
	}
	return i
}

// step goes from place i, followed when an alias, to the value of key
// seg of a mapping (the first, when written twice), or to item seg of a
// sequence. key is the key's place, or -1; ok is false when there is no
// such child.
func (f *frozenFile) step(i int32, seg string) (key, next int32, ok bool) {
	i = f.deref(i)
	p := f.places[i]
	switch p.kind {
	case yaml.MappingNode:
		if p.n >= 2*indexFrom {
			k, ok := f.indexOf(i)[seg]
			return k, k + 1, ok
		}
		for k := p.first; k+1 < p.first+p.n; k += 2 {
			if f.places[k].value == seg {
				return k, k + 1, true
			}
		}
	case yaml.SequenceNode:
		if j, err := strconv.Atoi(seg); err == nil && j >= 0 && j < int(p.n) {
			return -1, p.first + int32(j), true
		}
	}
	return -1, 0, false
}

// indexOf returns where each key of the mapping at place m first appears.
func (f *frozenFile) indexOf(m int32) map[string]int32 {
	if keys, ok := f.index[m]; ok {
		return keys
	}
	p := f.places[m]
	keys := make(map[string]int32, p.n/2)
	for k := p.first + p.n - 2; k >= p.first; k -= 2 {
		keys[f.places[k].value] = k // the first of duplicates is left
	}
	if f.index == nil {
		f.index = map[int32]map[string]int32{}
	}
	f.index[m] = keys
	return keys
}

// at is the locator's at on a frozen file: a scalar's problem is placed
// on its key, and a place an overlay wrote is the overlay's.
func (f *frozenFile) at(report, pointer string) (file string, line, col int) {
	if f == nil {
		return report, 0, 0
	}
	i := int32(0)
	for _, seg := range splitPointer(pointer) {
		key, next, ok := f.step(i, seg)
		if !ok {
			break
		}
		i = next
		if key >= 0 && f.places[next].kind == yaml.ScalarNode {
			i = key
			break
		}
	}
	file = report
	if from, ok := f.origin[i]; ok {
		file = from
	}
	return file, int(f.places[i].line), int(f.places[i].col)
}

// keysAt returns the keys of the mapping at pointer in path, in document
// order, or nil.
func (l *locator) keysAt(path, pointer string) []string {
	f := l.frozenFile(path)
	if f == nil {
		return nil
	}
	i := int32(0)
	for _, seg := range splitPointer(pointer) {
		_, next, ok := f.step(i, seg)
		if !ok {
			return nil
		}
		i = next
	}
	p := f.places[i]
	if p.kind != yaml.MappingNode {
		return nil
	}
	out := make([]string, 0, p.n/2)
	for k := p.first; k+1 < p.first+p.n; k += 2 {
		out = append(out, f.places[k].value)
	}
	return out
}
