package load

import (
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// findRef finds the first "$ref: ref" in the file and returns its JSON
// pointer and position.
func findRef(loc *locator, path, ref string) (ptr string, line, col int, ok bool) {
	root := loc.root(path)
	if root == nil {
		return "", 0, 0, false
	}
	var walk func(n *yaml.Node, segs []string) bool
	walk = func(n *yaml.Node, segs []string) bool {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode && (v.Value == ref || strings.HasSuffix(ref, v.Value)) {
					ptr, line, col = diag.Pointer(append(segs, "$ref")...), k.Line, k.Column
					return true
				}
				if walk(v, append(segs, k.Value)) {
					return true
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if walk(c, append(segs, strconv.Itoa(i))) {
					return true
				}
			}
		}
		return false
	}
	ok = walk(root, nil)
	return ptr, line, col, ok
}

// refKeys are the keys under which a referenced schema's Go type is
// remembered: the $ref as written and, for references into other files,
// the path kin-openapi resolved it to, so that "pet.yaml" written in one
// file and "schemas/pet.yaml" in another name one type.
func refKeys(sr *openapi3.SchemaRef) []string {
	if sr.Ref == "" {
		return nil
	}
	keys := []string{sr.Ref}
	if p := sr.RefPath(); p != nil && p.String() != "" && p.String() != sr.Ref {
		keys = append(keys, p.String())
	}
	return keys
}
