package load

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// nullTypeName reads an unquoted null in a list of type names,
// `type: [string, null]`, as the type name "null": YAML reads the word as
// its null value, but the writer meant the type, and a list of type names
// has no other use for a null. No warning: the meaning is not in doubt.
func (c *keywordChecker) nullTypeName(v *yaml.Node) {
	for _, e := range v.Content {
		if e.Kind == yaml.ScalarNode && e.Tag == "!!null" {
			e.Tag, e.Value, e.Style = "!!str", "null", 0
			c.changed[c.file] = true
		}
	}
}

// tupleItems repairs the list form of `items` (JSON Schema draft 4's
// tuples, `items: [{type: integer}, {type: boolean}]`), which kin-openapi
// cannot read and which would stop it from reading the whole document. In
// OpenAPI 3.1 and later the list is read as `prefixItems`, the same tuple
// in JSON Schema 2020-12 (the items after the listed ones are unconstrained
// in both), and generates a tuple type (see tupletype.go); earlier versions
// have no tuple keyword, so there the list is read as `items: {}`, any
// item, held as []any. Either way with a warning. s is the schema holding
// the keyword, i the index of its key; the result says whether to drop the
// keyword.
func (c *keywordChecker) tupleItems(s *yaml.Node, i int, at string, depth int) bool {
	v := s.Content[i+1]
	c.changed[c.file] = true
	if field(s, "prefixItems") != nil {
		c.report(diag.Warning, at, "`items` is a list of schemas (a JSON Schema draft 4 tuple) beside `prefixItems`, which says the same; the list is ignored")
		return true
	}
	if !c.tuplesKnown() {
		c.report(diag.Warning, at, "`items` is a list of schemas (a JSON Schema draft 4 tuple), which this OpenAPI version does not have; "+
			"read as any item, held as any JSON value ([]any); write the one schema every item has, or use OpenAPI 3.1's `prefixItems`")
		c.children("prefixItems", v, at, depth) // still checked, for their own mistakes
		s.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		return false
	}
	c.report(diag.Warning, at, "`items` is a list of schemas (a JSON Schema draft 4 tuple); read as `prefixItems`, the same tuple in OpenAPI 3.1; "+
		"write `prefixItems` to say so")
	s.Content[i].Value = "prefixItems"
	c.children("prefixItems", v, at, depth)
	return false
}

// tuplesKnown reports whether the document's version has `prefixItems`
// (OpenAPI 3.1 and later).
func (c *keywordChecker) tuplesKnown() bool {
	v := field(c.trees[c.cfg.Path], "openapi")
	return v != nil && v.Kind == yaml.ScalarNode && !strings.HasPrefix(v.Value, "3.0")
}
