package load

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// checkRefs follows, before kin-openapi does, every $ref that leads into
// another file (and every $ref inside such a file), so that a broken one is
// explained at the $ref that names it, in the file that holds it:
//
//   - a remote $ref while remote references are off;
//   - a file that does not exist, or that is not JSON or YAML (located in
//     that file);
//   - a fragment that leads nowhere in the file it names;
//   - a chain of references that comes back to where it started without
//     reaching a schema.
//
// Of the references inside the spec file itself only the target is
// checked; cycles among them are left to the builder (see refCycles).
//
// It returns, besides the problems, the tree of every file read, by path.
func checkRefs(cfg Config, loc *locator, root *yaml.Node) (diag.List, map[string]*yaml.Node) {
	r := &refChecker{cfg: cfg, loc: loc, trees: map[string]*yaml.Node{cfg.Path: root}, cycles: map[string]bool{}}
	r.file(cfg.Path, root, loc.files[cfg.Path] != nil)
	return r.out, r.trees
}

type refChecker struct {
	cfg    Config
	loc    *locator
	trees  map[string]*yaml.Node // files read, nil when unreadable
	cycles map[string]bool       // cycles reported, by their sorted members
	out    diag.List
}

// refAt is one "$ref" in a file.
type refAt struct {
	ref       string
	ptr       string // of the $ref key
	line, col int
}

// refsIn lists the $refs of a file's tree in document order.
func refsIn(root *yaml.Node) []refAt {
	var out []refAt
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if n == nil || depth > 200 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode {
					out = append(out, refAt{ref: v.Value, ptr: ptr + "/$ref", line: k.Line, col: k.Column})
					continue
				}
				if !holdsRefs(k.Value, v) {
					continue
				}
				walk(v, ptr+"/"+escape(k.Value), depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	walk(root, "#", 0)
	return out
}

// holdsRefs tells the values that can hold $refs from literal values (an
// example, a default, an extension), where "$ref" is just a key.
func holdsRefs(key string, v *yaml.Node) bool {
	switch key {
	case "example", "default", "enum", "const", "value":
		return false
	case "examples":
		return v.Kind == yaml.MappingNode // Example objects, not a schema's list of values
	}
	return !strings.HasPrefix(key, "x-")
}

// file checks the references of one file.
func (r *refChecker) file(path string, root *yaml.Node, located bool) {
	for _, ref := range refsIn(root) {
		if !located {
			ref.line, ref.col = 0, 0
		}
		r.follow(path, ref)
	}
}

// follow checks one $ref, then the chain of $refs its target starts.
func (r *refChecker) follow(from string, ref refAt) {
	fail := func(format string, args ...any) {
		r.out = append(r.out, diag.Diagnostic{File: r.name(from), Line: ref.line, Col: ref.col, Pointer: ref.ptr,
			Message: fmt.Sprintf(format, args...)})
	}
	written := ref.ref
	here := from
	var seen []string
	for step := 0; step < 64; step++ {
		file, frag, _ := strings.Cut(written, "#")
		if frag != "" && !strings.HasPrefix(frag, "/") {
			return // a plain-name fragment that names no $anchor of the spec file (see anchors.go): left to kin-openapi
		}
		if step == 0 && file == "" && from == r.cfg.Path {
			// Within the spec file, only that it leads somewhere: a
			// cycle there is the builder's business (see refCycles).
			if tree := r.trees[from]; nodeAt(&r.loc.keys, tree, frag) == nil {
				fail("$ref %q leads nowhere: %s", written, r.nothingAt(tree, from, frag))
			}
			return
		}
		u, err := url.Parse(file)
		switch {
		case err != nil:
			fail("$ref %q is not a valid reference: %v", ref.ref, err)
			return
		case u.Scheme == "http" || u.Scheme == "https":
			if !r.cfg.AllowRemoteRefs && step == 0 {
				fail("$ref %q points to another server; oagen follows remote references only when the config sets allow-remote-refs: true", ref.ref)
			}
			return
		case u.Scheme != "":
			return // left to kin-openapi
		}
		target := here
		if file != "" {
			target = filepath.Join(filepath.Dir(here), filepath.FromSlash(u.Path))
		}
		tree, ok := r.open(target, fail, written)
		if !ok {
			return
		}
		n := nodeAt(&r.loc.keys, tree, frag)
		if n == nil {
			fail("$ref %q leads nowhere: %s", written, r.nothingAt(tree, target, frag))
			return
		}
		key := target + "#" + frag
		if slices.Contains(seen, key) {
			r.cycle(append(seen, key), fail)
			return
		}
		seen = append(seen, key)
		next := field(n, "$ref")
		if next == nil || next.Kind != yaml.ScalarNode {
			return
		}
		here, written = target, next.Value
	}
}

// nodeAt returns the node at a JSON pointer fragment ("/a/b") of a tree,
// or nil.
// A fragment may be percent-encoded ("%7Bid%7D"), or hold a % of its own.
// Keys are found through x, which may be nil.
func nodeAt(x *keyIndex, n *yaml.Node, frag string) *yaml.Node {
	if found := walkPointer(x, n, frag); found != nil || !strings.Contains(frag, "%") {
		return found
	}
	if unescaped, err := url.PathUnescape(frag); err == nil {
		return walkPointer(x, n, unescaped)
	}
	return nil
}

func walkPointer(x *keyIndex, n *yaml.Node, frag string) *yaml.Node {
	for _, seg := range splitPointer("#" + frag) {
		if n == nil {
			return nil
		}
		if n = x.child(n, seg); n == nil {
			return nil
		}
	}
	return n
}

// open reads a file a $ref names, checks its own references once, and
// returns its tree; or reports why it cannot.
func (r *refChecker) open(path string, fail func(string, ...any), ref string) (*yaml.Node, bool) {
	if n, ok := r.trees[path]; ok {
		return n, n != nil
	}
	r.trees[path] = nil
	name := r.name(path)
	info, err := os.Stat(path)
	switch {
	case err != nil && os.IsNotExist(err):
		fail("$ref %q names %s, which does not exist", ref, name)
		return nil, false
	case err == nil && info.IsDir():
		fail("$ref %q names %s, which is a folder, not a file", ref, name)
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fail("$ref %q names %s, which cannot be read: %v", ref, name, unwrapPath(err))
		return nil, false
	}
	root, tree, _, problem := parseFile(name, data)
	if problem != nil {
		r.out = append(r.out, *problem)
		return nil, false
	}
	r.loc.files[path] = root
	if dups := yamlDuplicates(r.loc, path, name, data); len(dups) > 0 {
		r.out = append(r.out, dups...)
		return nil, false
	}
	r.trees[path] = tree
	r.file(path, tree, root != nil)
	return tree, true
}

// nothingAt says where a fragment stops leading anywhere in a file.
func (r *refChecker) nothingAt(n *yaml.Node, path, frag string) string {
	segs := splitPointer("#" + frag)
	reached := []string{}
	for _, seg := range segs {
		next := child(n, seg)
		if next == nil {
			break
		}
		n, reached = next, append(reached, seg)
	}
	missing := segs[len(reached)]
	where := "its top level"
	if len(reached) > 0 {
		where = diag.Pointer(reached...)
	}
	msg := fmt.Sprintf("%s has no %q at %s", r.name(path), missing, where)
	if n != nil && n.Kind == yaml.MappingNode {
		var keys []string
		each(n, func(k string, _ *yaml.Node) { keys = append(keys, k) })
		if len(keys) > 6 {
			keys = append(keys[:6], "...")
		}
		msg += " (it has " + strings.Join(keys, ", ") + ")"
	}
	return msg
}

// cycle reports a chain of references that comes back to itself, once.
func (r *refChecker) cycle(chain []string, fail func(string, ...any)) {
	members := slices.Clone(chain[:len(chain)-1])
	slices.Sort(members)
	key := strings.Join(members, "\n")
	if r.cycles[key] {
		return
	}
	r.cycles[key] = true
	steps := make([]string, len(chain))
	for i, c := range chain {
		file, frag, _ := strings.Cut(c, "#")
		steps[i] = r.name(file) + "#" + frag
	}
	fail("$ref cycle %s never reaches a schema; one of them must hold a schema instead of a $ref", strings.Join(steps, " → "))
}

func (r *refChecker) name(path string) string { return fileName(r.cfg, path) }

// fileName is how diagnostics name a file: the spec as the user typed it,
// another file relative to it.
func fileName(cfg Config, path string) string {
	if path == cfg.Path {
		return cfg.Report
	}
	rel, err := filepath.Rel(filepath.Dir(cfg.Path), path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(filepath.Join(filepath.Dir(cfg.Report), rel))
}

// refTarget splits a $ref written in file from into the path of the file
// it names and the fragment; ok is false for a remote or odd reference.
func refTarget(from, ref string) (path, frag string, ok bool) {
	file, frag, _ := strings.Cut(ref, "#")
	u, err := url.Parse(file)
	if err != nil || u.Scheme != "" || frag != "" && !strings.HasPrefix(frag, "/") {
		return "", "", false
	}
	if file == "" {
		return from, frag, true
	}
	return filepath.Join(filepath.Dir(from), filepath.FromSlash(u.Path)), frag, true
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
