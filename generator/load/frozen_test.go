package load

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// pointersOf lists the JSON pointer of every node of a tree (aliases are
// not followed), at most limit of them.
func pointersOf(n *yaml.Node, limit int) []string {
	var out []string
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if n == nil || len(out) >= limit || depth > 100 {
			return
		}
		out = append(out, ptr)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], ptr+"/"+escape(n.Content[i].Value), depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	walk(n, "#", 0)
	return out
}

// liveKeys is what keysAt answered when it read the node tree: the keys of
// the mapping at pointer, stepping through aliases, or nil.
func liveKeys(n *yaml.Node, pointer string) []string {
	for _, seg := range splitPointer(pointer) {
		if n = child(n, seg); n == nil {
			return nil
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	var out []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, n.Content[i].Value)
	}
	return out
}

// frozenDocs are a YAML document with anchors, aliases and a merge key,
// and a JSON one with a mapping large enough to be indexed that writes a
// key twice.
func frozenDocs() map[string]string {
	var big strings.Builder
	big.WriteString(`{"openapi": "3.0.3", "components": {"schemas": {`)
	for i := range 2*indexFrom + 6 {
		fmt.Fprintf(&big, "\n  \"S%d\": {\"type\": \"object\", \"properties\": {\"p\": {\"$ref\": \"#/components/schemas/S%d\"}}},", i, i+1)
	}
	big.WriteString("\n  \"S7\": {\"type\": \"string\", \"enum\": [\"a\", \"b\"]},\n  \"a/b~c\": {\"type\": \"integer\"}\n}}}\n")
	return map[string]string{
		"spec.yaml": `openapi: 3.1.0
info: {title: T, version: "1"}
x-base: &base
  type: object
  properties:
    a: {type: string}
components:
  schemas:
    A: *base
    B:
      allOf:
        - $ref: '#/components/schemas/A'
        - <<: *base
          description: d
    C: [1, [2, {x: y}]]
`,
		"spec.json": big.String(),
	}
}

// A frozen file places every pointer where the node tree placed it, and
// lists the keys of a mapping as the tree does.
func TestFrozenPlacesAsTheTree(t *testing.T) {
	for name, text := range frozenDocs() {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			root, _, _, problem := parseFile(name, []byte(text))
			if problem != nil {
				t.Fatal(problem)
			}
			loc := newLocator()
			loc.files[path] = root
			// Two nodes an overlay wrote: a mapping, and the key of a scalar.
			if info := walkPointer(nil, root, "/info"); info != nil {
				loc.origin[info] = "overlay.yaml"
				loc.origin[info.Content[0]] = "overlay.yaml"
			}
			pointers := append(pointersOf(root, 10000),
				"#/nothing", "#/components/schemas/S7/enum/9", "#/info/title/deeper", "#/components/schemas/C/1/1/x",
				"#/components/schemas/A/properties/a/type", "#/components/schemas/B/allOf/1/<</properties",
				"#/components/schemas/S70/properties/p/$ref", "#/components/schemas/a~1b~0c/type", "#/x-base/properties/a")
			type spot struct {
				file      string
				line, col int
				keys      []string
			}
			want := map[string]spot{}
			for _, p := range pointers {
				file, line, col := loc.at(path, name, p)
				want[p] = spot{file, line, col, liveKeys(root, p)}
			}
			dups := loc.duplicates(path)

			loc.freeze()
			if len(loc.files) != 0 || loc.origin != nil {
				t.Fatalf("freeze kept the node trees: %d files, origin %v", len(loc.files), loc.origin)
			}
			for _, p := range pointers {
				file, line, col := loc.at(path, name, p)
				got := spot{file, line, col, loc.keysAt(path, p)}
				if w := want[p]; got.file != w.file || got.line != w.line || got.col != w.col || !slices.Equal(got.keys, w.keys) {
					t.Errorf("%s: frozen %+v, tree %+v", p, got, w)
				}
			}
			if got := loc.duplicates(path); !slices.Equal(got, dups) {
				t.Errorf("duplicates after freezing: %v, before: %v", got, dups)
			}
		})
	}
}

// findRef finds the first $ref to a target in a frozen file, through
// sequences, and nothing for a target nobody names.
func TestFindRefInAFrozenFile(t *testing.T) {
	docs := frozenDocs()
	for _, c := range []struct {
		name, ref, ptr string
		line, col      int
	}{
		{"spec.yaml", "#/components/schemas/A", "#/components/schemas/B/allOf/0/$ref", 12, 11},
		{"spec.json", "#/components/schemas/S3", "#/components/schemas/S2/properties/p/$ref", 4, 49},
		{"spec.json", "#/components/schemas/None", "", 0, 0},
	} {
		path := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(path, []byte(docs[c.name]), 0o644); err != nil {
			t.Fatal(err)
		}
		loc := newLocator()
		loc.freeze() // the file is read into places on first use
		ptr, line, col, ok := findRef(loc, path, c.ref)
		if ptr != c.ptr || line != c.line || col != c.col || ok != (c.ptr != "") {
			t.Errorf("%s: findRef(%q) = %q %d:%d %v, want %q %d:%d", c.name, c.ref, ptr, line, col, ok, c.ptr, c.line, c.col)
		}
	}
}
