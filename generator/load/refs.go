package load

import (
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// findRef finds the first "$ref: ref" in the file and returns its JSON
// pointer and position. It reads the frozen file (see freeze).
func findRef(loc *locator, path, ref string) (ptr string, line, col int, ok bool) {
	f := loc.frozenFile(path)
	if f == nil {
		return "", 0, 0, false
	}
	var walk func(i int32, segs []string) bool
	walk = func(i int32, segs []string) bool {
		p := f.places[i]
		switch p.kind {
		case yaml.MappingNode:
			for k := p.first; k+1 < p.first+p.n; k += 2 {
				key, v := f.places[k], f.places[k+1]
				if key.value == "$ref" && v.kind == yaml.ScalarNode && (v.value == ref || strings.HasSuffix(ref, v.value)) {
					ptr, line, col = diag.Pointer(append(segs, "$ref")...), int(key.line), int(key.col)
					return true
				}
				if walk(k+1, append(segs, key.value)) {
					return true
				}
			}
		case yaml.SequenceNode:
			for j := range p.n {
				if walk(p.first+j, append(segs, strconv.Itoa(int(j)))) {
					return true
				}
			}
		}
		return false
	}
	ok = walk(0, nil)
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
