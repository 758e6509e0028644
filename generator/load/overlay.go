package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/theory/jsonpath"
	"github.com/theory/jsonpath/spec"
	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// Overlay is an OpenAPI Overlay 1.0 document to apply to the description.
type Overlay struct {
	Path   string // to read
	Report string // as diagnostics name it
	At     Place  // the config entry that lists it
}

// Overlays change the description's own YAML node tree, the one the
// locator reads positions from: a node no action touched keeps its line
// and column in the description, and a node an action added or changed
// carries its place in the overlay (the locator's origin map says which
// file). JSONPath queries (RFC 9535) run on a plain-value copy of the tree
// and name what they select by normalized path, which leads back to the
// node.

// overlayRun applies one overlay document and collects its problems.
type overlayRun struct {
	ov    Overlay
	cfg   Config
	loc   *locator
	tree  *yaml.Node // the description's root mapping
	diags diag.List
}

// applyOverlays applies the config's overlays in order to tree.
func applyOverlays(cfg Config, loc *locator, tree *yaml.Node) diag.List {
	var out diag.List
	for _, ov := range cfg.Overlays {
		root, problem := readOverlay(ov)
		if problem != nil {
			return append(out, *problem)
		}
		r := &overlayRun{ov: ov, cfg: cfg, loc: loc, tree: tree}
		actions := r.check(root)
		if len(r.diags.Errors()) == 0 {
			for i, a := range actions {
				r.apply(i, a)
			}
		}
		out = append(out, r.diags...)
		if len(out.Errors()) > 0 {
			return out
		}
	}
	return out
}

// readOverlay reads and parses an overlay file; a problem reading it is
// placed at the config entry, a syntax error in the file.
func readOverlay(ov Overlay) (*yaml.Node, *diag.Diagnostic) {
	data, err := os.ReadFile(ov.Path)
	if err != nil {
		msg := "cannot be read"
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg = "no such file"
		case errors.As(err, &pe):
			msg += ": " + pe.Err.Error()
		}
		return nil, &diag.Diagnostic{File: ov.At.File, Line: ov.At.Line, Col: ov.At.Col,
			Message: fmt.Sprintf("overlays: %q: %s (the path is relative to the config file)", ov.Report, msg)}
	}
	if looksJSON(ov.Path, data) {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			d := jsonSyntax(data, err)
			d.File = ov.Report
			return nil, &d
		}
	}
	if d := CheckYAML(ov.Report, data); d != nil {
		return nil, d
	}
	var doc yaml.Node
	_ = yaml.Unmarshal(data, &doc) // CheckYAML read it
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &diag.Diagnostic{File: ov.Report, Line: 1, Col: 1,
			Message: "an overlay is a mapping of keys (overlay, info, actions); see the OpenAPI Overlay Specification 1.0"}
	}
	return doc.Content[0], nil
}

// action is one checked action of an overlay.
type action struct {
	target     *yaml.Node // the target's value node, for placing problems
	path       *jsonpath.Path
	update     *yaml.Node // nil when absent
	updatePtr  string
	remove     bool
	targetText string
}

var overlayVersion = regexp.MustCompile(`^1\.0\.\d+$`)

// check reads the overlay's fields, reporting every mistake at its place,
// and returns its actions.
func (r *overlayRun) check(root *yaml.Node) []action {
	fields := mapping(root)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if !slices.Contains([]string{"overlay", "info", "extends", "actions"}, k) && !strings.HasPrefix(k, "x-") {
			r.problem(diag.Error, fields[k].key, diag.Pointer(k), "unknown key %q; an overlay has overlay, info, extends, actions and x- extensions", k)
		}
	}
	if v, ok := fields["overlay"]; !ok {
		r.problem(diag.Error, root, "#", "`overlay` (the version, such as \"1.0.0\") is missing")
	} else if v.value.Kind != yaml.ScalarNode || !overlayVersion.MatchString(v.value.Value) {
		r.problem(diag.Error, v.value, "#/overlay", "overlay version %q is not one oagen reads; it reads 1.0.x", v.value.Value)
	}
	if v, ok := fields["info"]; !ok {
		r.problem(diag.Error, root, "#", "`info` (with a title and a version) is missing")
	} else {
		info := mapping(v.value)
		for _, k := range []string{"title", "version"} {
			if f, ok := info[k]; !ok || f.value.Kind != yaml.ScalarNode {
				r.problem(diag.Error, v.value, "#/info", "`info` needs a `%s` string", k)
			}
		}
	}
	v, ok := fields["actions"]
	if !ok || v.value.Kind != yaml.SequenceNode || len(v.value.Content) == 0 {
		at := root
		if ok {
			at = v.value
		}
		r.problem(diag.Error, at, "#/actions", "`actions` must be a list of at least one action (target, and update or remove: true)")
		return nil
	}
	var out []action
	for i, n := range v.value.Content {
		if a, ok := r.checkAction(i, n); ok {
			out = append(out, a)
		}
	}
	return out
}

// checkAction reads one action.
func (r *overlayRun) checkAction(i int, n *yaml.Node) (action, bool) {
	ptr := diag.Pointer("actions", strconv.Itoa(i))
	if n.Kind != yaml.MappingNode {
		r.problem(diag.Error, n, ptr, "an action is a mapping of target, and update or remove")
		return action{}, false
	}
	fields := mapping(n)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if !slices.Contains([]string{"target", "description", "update", "remove"}, k) && !strings.HasPrefix(k, "x-") {
			r.problem(diag.Error, fields[k].key, ptr+"/"+k, "unknown key %q; an action has target, description, update, remove and x- extensions", k)
		}
	}
	a := action{}
	t, ok := fields["target"]
	if !ok || t.value.Kind != yaml.ScalarNode || t.value.Tag != "!!str" {
		r.problem(diag.Error, n, ptr, "an action needs a `target`: a JSONPath query (RFC 9535) such as \"$.paths['/pets'].get\"")
		return a, false
	}
	a.target, a.targetText = t.value, t.value.Value
	path, err := jsonpath.Parse(a.targetText)
	if err != nil {
		r.problemAt(diag.Error, t.value, targetColumn(t.value, err), ptr+"/target", "not an RFC 9535 JSONPath query: %s", strings.TrimPrefix(err.Error(), "jsonpath: "))
		return a, false
	}
	a.path = path
	if rm, ok := fields["remove"]; ok {
		if rm.value.Kind != yaml.ScalarNode || rm.value.Tag != "!!bool" {
			r.problem(diag.Error, rm.value, ptr+"/remove", "`remove` must be true or false")
			return a, false
		}
		a.remove = rm.value.Value == "true"
	}
	if u, ok := fields["update"]; ok && !a.remove {
		a.update, a.updatePtr = u.value, ptr+"/update"
	}
	if a.update == nil && !a.remove {
		r.problem(diag.Warning, n, ptr, "action %d has neither `update` nor `remove: true`; it changes nothing", i)
		return a, false
	}
	return a, true
}

// targetColumn places a JSONPath parse error ("... at position N") at its
// character when the target is written on one line.
func targetColumn(n *yaml.Node, err error) int {
	m := regexp.MustCompile(`at position (\d+)`).FindStringSubmatch(err.Error())
	if m == nil || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Column
	}
	pos, _ := strconv.Atoi(m[1])
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		pos++
	}
	return n.Column + max(pos-1, 0)
}

// apply runs action i on the description.
func (r *overlayRun) apply(i int, a action) {
	found := a.path.SelectLocated(plain(r.tree))
	if len(found) == 0 {
		r.problem(diag.Warning, a.target, diag.Pointer("actions", strconv.Itoa(i), "target"),
			"action %d (target %s) selects nothing in %s; it changes nothing", i, a.targetText, r.cfg.Report)
		return
	}
	found = found.Deduplicate()
	found.Sort()
	if a.remove {
		// Last first, so that removing an item leaves the indexes of the
		// items before it as they were.
		for j := len(found) - 1; j >= 0; j-- {
			r.remove(i, a, found[j].Path)
		}
		return
	}
	for _, f := range found {
		r.update(i, a, f.Path)
	}
}

func (r *overlayRun) remove(i int, a action, path spec.NormalizedPath) {
	if len(path) == 0 {
		r.problem(diag.Error, a.target, diag.Pointer("actions", strconv.Itoa(i), "target"), "action %d would remove the whole description", i)
		return
	}
	parent := walk(r.tree, path[:len(path)-1])
	if parent == nil {
		return // inside something an earlier match removed
	}
	switch last := path[len(path)-1].(type) {
	case spec.Name:
		if k := lastKey(parent, string(last)); k >= 0 {
			parent.Content = slices.Delete(parent.Content, k, k+2)
		}
	case spec.Index:
		if parent.Kind == yaml.SequenceNode && int(last) < len(parent.Content) {
			parent.Content = slices.Delete(parent.Content, int(last), int(last)+1)
		}
	}
}

func (r *overlayRun) update(i int, a action, path spec.NormalizedPath) {
	n := walk(r.tree, path)
	if n == nil {
		return
	}
	where := "#" + path.Pointer()
	switch n.Kind {
	case yaml.SequenceNode:
		n.Content = append(n.Content, r.clone(a.update))
	case yaml.MappingNode:
		if a.update.Kind != yaml.MappingNode {
			r.problem(diag.Error, a.update, a.updatePtr, "action %d selects an object (%s in %s); its update must be an object of properties to merge into it", i, where, r.cfg.Report)
			return
		}
		r.merge(n, a.update, a.updatePtr, where)
	default:
		r.problem(diag.Error, a.target, diag.Pointer("actions", strconv.Itoa(i), "target"),
			"action %d selects the value %s in %s, which is neither an object nor a list; select the object that holds it and update the property there", i, where, r.cfg.Report)
	}
}

// merge merges the mapping src (of the overlay) into dst (of the
// description): new properties are added, objects merged, lists
// concatenated, and a primitive value replaces a primitive one.
func (r *overlayRun) merge(dst, src *yaml.Node, srcPtr, dstPtr string) {
	for j := 0; j+1 < len(src.Content); j += 2 {
		key, val := src.Content[j], src.Content[j+1]
		kptr, dptr := srcPtr+"/"+escape(key.Value), dstPtr+"/"+escape(key.Value)
		k := lastKey(dst, key.Value)
		if k < 0 {
			dst.Content = append(dst.Content, r.clone(key), r.clone(val))
			continue
		}
		old := dst.Content[k+1]
		switch {
		case old.Kind == yaml.MappingNode && val.Kind == yaml.MappingNode:
			r.merge(old, val, kptr, dptr)
		case old.Kind == yaml.SequenceNode && val.Kind == yaml.SequenceNode:
			for _, item := range val.Content {
				old.Content = append(old.Content, r.clone(item))
			}
		case old.Kind == yaml.ScalarNode && val.Kind == yaml.ScalarNode:
			dst.Content[k], dst.Content[k+1] = r.clone(key), r.clone(val)
		default:
			r.problem(diag.Error, val, kptr, "cannot merge %s into the %s at %s in %s; remove it in an earlier action to replace it",
				kindWord(val), kindWord(old), dptr, r.cfg.Report)
		}
	}
}

// clone copies an overlay node for the description, each copy marked as
// the overlay's, at its place there.
func (r *overlayRun) clone(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return r.clone(n.Alias)
	}
	c := *n
	c.Anchor = ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		c.Content[i] = r.clone(child)
	}
	r.loc.origin[&c] = r.ov.Report
	return &c
}

func (r *overlayRun) problem(sev diag.Severity, n *yaml.Node, ptr, format string, args ...any) {
	r.problemAt(sev, n, n.Column, ptr, format, args...)
}

func (r *overlayRun) problemAt(sev diag.Severity, n *yaml.Node, col int, ptr, format string, args ...any) {
	r.diags = append(r.diags, diag.Diagnostic{Severity: sev, File: r.ov.Report, Line: n.Line, Col: col, Pointer: ptr,
		Message: fmt.Sprintf(format, args...)})
}

// ovField is a key of an overlay's mapping and its value.
type ovField struct{ key, value *yaml.Node }

func mapping(n *yaml.Node) map[string]ovField {
	out := map[string]ovField{}
	if n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = ovField{n.Content[i], n.Content[i+1]}
	}
	return out
}

// lastKey returns the index in n.Content of the last key named name (the
// one a reader keeps), or -1.
func lastKey(n *yaml.Node, name string) int {
	if n.Kind != yaml.MappingNode {
		return -1
	}
	for i := len(n.Content) - 2; i >= 0; i -= 2 {
		if n.Content[i].Value == name {
			return i
		}
	}
	return -1
}

// walk follows a normalized path from n; nil when it leads nowhere.
func walk(n *yaml.Node, path spec.NormalizedPath) *yaml.Node {
	for _, sel := range path {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		switch s := sel.(type) {
		case spec.Name:
			k := lastKey(n, string(s))
			if k < 0 {
				return nil
			}
			n = n.Content[k+1]
		case spec.Index:
			if n.Kind != yaml.SequenceNode || int(s) < 0 || int(s) >= len(n.Content) {
				return nil
			}
			n = n.Content[s]
		default:
			return nil
		}
	}
	return n
}

// plain turns a node tree into the values a JSONPath query runs on.
func plain(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return plain(n.Content[0])
		}
		return nil
	case yaml.AliasNode:
		if n.Alias != nil {
			return plain(n.Alias)
		}
		return nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = plain(c)
		}
		return s
	}
	switch n.Tag {
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	}
	return n.Value
}

func kindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "an object"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a primitive value"
}
