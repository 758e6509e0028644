package load

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// JSON Schema 2020-12 names schemas in three ways kin-openapi does not
// follow: a plain-name fragment (`$ref: "#pet"`, the schema that says
// `$anchor: pet`), a URI that an `$id` gives a schema (`$ref:
// "https://example.com/pet"`, or `pet` relative to the `$id` around it),
// and `$dynamicRef`, whose target depends on the schemas the value was
// reached through. Before anything else reads the spec file, resolveAnchors
// rewrites each such reference into the JSON pointer of its target, the
// form every reader follows:
//
//   - a `$ref` to an anchor or an `$id` of the file becomes `#/json/pointer`
//     (a fragment after an `$id` is kept, read from that schema);
//   - a `$dynamicRef` becomes a `$ref` when one schema of the file declares
//     its `$dynamicAnchor` (a static reference then reaches the same schema);
//     when several do, which one applies depends on the path the value was
//     reached by, which no Go type can follow: the keyword is left out, with
//     a warning, and the schema holds any JSON value.
//
// A `$ref` that names no anchor or `$id` of the file is left for the other
// checks (a relative file, a remote reference), and so is one that is a
// JSON pointer, `#/components/...`, which OpenAPI descriptions write
// meaning their own document even inside a schema with an `$id`. Anchors
// and `$id`s of other files are not followed.
func resolveAnchors(cfg Config, loc *locator, root *yaml.Node) (diag.List, bool) {
	a := &anchorResolver{ids: map[string]string{}, anchors: map[string]string{}, dynamic: map[string][]string{}, named: map[string][]string{}, root: root}
	base := &url.URL{Scheme: "file", Path: filepath.ToSlash(cfg.Path)}
	a.collect(root, "#", base, 0)
	var out diag.List
	changed := false
	for _, r := range a.refs {
		msg, ok := a.rewrite(r)
		changed = changed || ok
		if msg != "" {
			file, line, col := loc.at(cfg.Path, cfg.Report, r.ptr)
			out = append(out, diag.Diagnostic{Severity: diag.Warning, File: file, Line: line, Col: col, Pointer: r.ptr, Message: msg})
		}
	}
	return out, changed
}

type anchorResolver struct {
	ids     map[string]string   // absolute URI of an $id, without fragment -> pointer
	anchors map[string]string   // absolute URI#name of an $anchor or $dynamicAnchor -> pointer
	dynamic map[string][]string // $dynamicAnchor name -> pointers of the schemas declaring it
	named   map[string][]string // $anchor or $dynamicAnchor name -> pointers of the schemas declaring it
	refs    []anchorRef
	root    *yaml.Node
}

// anchorRef is one $ref or $dynamicRef and the base URI it is read against.
type anchorRef struct {
	owner *yaml.Node // the mapping that holds it
	key   int        // index of its key in owner.Content
	base  *url.URL
	ptr   string // of the keyword
}

// collect walks a tree, noting the $ids, anchors and references, and the
// base URI in force at each.
func (a *anchorResolver) collect(n *yaml.Node, ptr string, base *url.URL, depth int) {
	if n == nil || depth > 200 {
		return
	}
	switch n.Kind {
	case yaml.SequenceNode:
		for i, c := range n.Content {
			a.collect(c, ptr+"/"+strconv.Itoa(i), base, depth+1)
		}
		return
	case yaml.MappingNode:
	default:
		return
	}
	if id := scalarField(n, "$id"); id != "" {
		if u, err := base.Parse(id); err == nil {
			u.Fragment, u.RawFragment = "", ""
			base = u
			a.ids[u.String()] = ptr
		}
	}
	for _, key := range []string{"$anchor", "$dynamicAnchor"} {
		if name := scalarField(n, key); name != "" {
			a.anchors[withFragment(base, name)] = ptr
			a.named[name] = append(a.named[name], ptr)
			if key == "$dynamicAnchor" {
				a.dynamic[name] = append(a.dynamic[name], ptr)
			}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch {
		case (k == "$ref" || k == "$dynamicRef") && v.Kind == yaml.ScalarNode:
			a.refs = append(a.refs, anchorRef{owner: n, key: i, base: base, ptr: ptr + "/" + escape(k)})
		case holdsRefs(k, v):
			a.collect(v, ptr+"/"+escape(k), base, depth+1)
		}
	}
}

// rewrite points one reference at the pointer of its target, when it
// names an anchor or an $id of the file. It returns the warning for a
// $dynamicRef it cannot resolve, and whether it changed the tree.
func (a *anchorResolver) rewrite(r anchorRef) (string, bool) {
	k, v := r.owner.Content[r.key], r.owner.Content[r.key+1]
	written := v.Value
	target, found := a.target(r.base, written)
	if k.Value == "$ref" {
		if !found || target == written {
			return "", false
		}
		v.Value, v.Style = target, 0
		return "", true
	}
	name := strings.TrimPrefix(written, "#")
	declared := a.dynamic[name]
	if found && len(declared) <= 1 {
		k.Value = "$ref"
		v.Value, v.Style = target, 0
		return "", true
	}
	r.owner.Content = append(r.owner.Content[:r.key], r.owner.Content[r.key+2:]...)
	if !found {
		return fmt.Sprintf("`$dynamicRef` %q names no schema of this file; the keyword is left out and the value is read as any JSON value", written), true
	}
	return fmt.Sprintf("`$dynamicRef` %q can reach %d schemas that declare `$dynamicAnchor: %s` (%s), depending on the path the value is reached by, which a Go type cannot follow; "+
		"the keyword is left out and the value is read as any JSON value; write a `$ref` to the one meant", written, len(declared), name, strings.Join(declared, ", ")), true
}

// target returns the pointer a reference leads to in this file, when it
// names an anchor or an $id.
func (a *anchorResolver) target(base *url.URL, ref string) (string, bool) {
	if ref == "#" || strings.HasPrefix(ref, "#/") {
		// A pointer into the document, whatever $id is around, unless
		// only the schema of that $id has it: `#/$defs/Tag` in a schema
		// bundled with its definitions.
		frag := strings.TrimPrefix(ref, "#")
		if id, ok := a.ids[base.String()]; ok && nodeAt(nil, a.root, frag) == nil && nodeAt(nil, a.root, strings.TrimPrefix(id, "#")+frag) != nil {
			return id + frag, true
		}
		return "", false
	}
	u, err := base.Parse(ref)
	if err != nil {
		return "", false
	}
	frag := u.Fragment
	u.Fragment, u.RawFragment = "", ""
	doc := u.String()
	if frag != "" && !strings.HasPrefix(frag, "/") {
		if ptr, ok := a.anchors[withFragment(u, frag)]; ok {
			return ptr, true
		}
		if named := a.named[frag]; len(named) == 1 && strings.HasPrefix(ref, "#") {
			return named[0], true // the one anchor of that name, declared under another $id
		}
		return "", false
	}
	if ptr, ok := a.ids[doc]; ok {
		if frag == "" {
			return ptr, true
		}
		return ptr + frag, true
	}
	return "", false
}

// withFragment spells base#name.
func withFragment(base *url.URL, name string) string {
	u := *base
	u.Fragment, u.RawFragment = "", ""
	return u.String() + "#" + name
}

// scalarField returns the string value of key in a mapping, or "".
func scalarField(n *yaml.Node, key string) string {
	v := field(n, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}
