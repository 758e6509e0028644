package load

import (
	"fmt"
	"regexp"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// A scalar of the wrong type where the OpenAPI structure wants a string
// ("pattern: 123", "description: 2021") stops kin-openapi from reading the
// document at all. Such a value has an obvious meaning, so it is read as the
// string it spells, with a warning, and loading goes on.
var scalarNotString = regexp.MustCompile(`cannot unmarshal !!(int|float|bool) into string field "([^"]+)" in (/\S*)`)

var kindNames = map[string]string{"int": "an integer", "float": "a number", "bool": "a boolean"}

// maxRepairs bounds the repair loop: each pass fixes one value.
const maxRepairs = 100

// repairScalar finds the value a load error complains about and turns it
// into a string in doc itself. It returns the warning that says so, or ok
// false when the error is of another kind or names no value of doc.
func repairScalar(doc *yaml.Node, loadErr error, cfg Config, loc *locator) (diag.Diagnostic, bool) {
	m := scalarNotString.FindStringSubmatch(loadErr.Error())
	if m == nil {
		return diag.Diagnostic{}, false
	}
	kind, field, path := m[1], m[2], m[3]
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	n := root
	for _, seg := range splitPointer("#" + path) {
		if n = child(n, seg); n == nil {
			return diag.Diagnostic{}, false
		}
	}
	if n.Kind != yaml.MappingNode {
		return diag.Diagnostic{}, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == field && v.Kind == yaml.ScalarNode && v.Tag != "!!str" {
			v.Tag, v.Style = "!!str", yaml.DoubleQuotedStyle
			ptr := "#" + path + "/" + escape(field)
			line, col := loc.position(cfg.Path, ptr)
			return diag.Diagnostic{Severity: diag.Warning, File: cfg.SpecName, Line: line, Col: col, Pointer: ptr,
				Message: fmt.Sprintf("%q must be a string, not %s; read as the string %q", field, kindNames[kind], v.Value)}, true
		}
	}
	return diag.Diagnostic{}, false
}
