package load

import (
	"fmt"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// A value of the wrong type stops kin-openapi from reading the whole
// document, with a message about its own Go types ("cannot construct !!str
// `x` into float64"). So before kin-openapi reads the spec, checkKeywords
// walks every schema of the file and looks at the type of each keyword's
// value:
//
//   - A keyword that only validates (minimum, maxLength, uniqueItems, not,
//     examples...) and holds the wrong type is removed, with a located
//     warning: the client is the same without it. (A number where a string
//     belongs, "pattern: 123", is read as the string it spells; see
//     repairScalar.)
//   - A keyword that shapes the Go code (type, items, properties, required,
//     enum, allOf, nullable...) with the wrong type is a located error in
//     plain words: "`items` must be a schema, got the integer 3".
//   - Two forms kin-openapi cannot read have an obvious meaning and are
//     repaired instead (see tuple.go): an unquoted null in a list of type
//     names, and the list form of `items`.

// validationOnly maps each keyword that only validates to the type its
// value must have.
var validationOnly = map[string]valueKind{
	"minimum": kindNumber, "maximum": kindNumber, "multipleOf": kindNumber,
	"exclusiveMinimum": kindNumberOrBool, "exclusiveMaximum": kindNumberOrBool,
	"minLength": kindCount, "maxLength": kindCount, "minItems": kindCount, "maxItems": kindCount,
	"minProperties": kindCount, "maxProperties": kindCount, "minContains": kindCount, "maxContains": kindCount,
	"uniqueItems": kindBool, "readOnly": kindBool, "writeOnly": kindBool, "deprecated": kindBool,
	"pattern": kindScalar, "format": kindScalar, "title": kindScalar, "description": kindScalar,
	"examples": kindList, "not": kindSchema,
}

// shaping maps each keyword that shapes the Go code to the type its value
// must have.
var shaping = map[string]valueKind{
	"type": kindType, "items": kindSchema, "additionalProperties": kindSchema, "properties": kindSchemaMap,
	"patternProperties": kindSchemaMap, "allOf": kindSchemaList, "anyOf": kindSchemaList, "oneOf": kindSchemaList,
	"prefixItems": kindSchemaList, "required": kindStringList, "enum": kindList, "nullable": kindBool,
	"discriminator": kindMapping, "$ref": kindString,
}

type valueKind int

const (
	kindNumber valueKind = iota
	kindNumberOrBool
	kindCount
	kindBool
	kindScalar // a string, or a number or boolean that reads as one
	kindString
	kindList
	kindStringList
	kindMapping
	kindSchema // a mapping, or true or false
	kindSchemaMap
	kindSchemaList
	kindType // a JSON Schema type name or a list of them
)

// wants says what a keyword's value must be, for messages.
var wants = map[valueKind]string{
	kindNumber: "a number", kindNumberOrBool: "a number (or, in OpenAPI 3.0, true or false)",
	kindCount: "a whole number, 0 or more", kindBool: "true or false", kindScalar: "a string", kindString: "a string",
	kindList: "a list", kindStringList: "a list of property names", kindMapping: "a mapping",
	kindSchema: "a schema", kindSchemaMap: "a mapping of names to schemas", kindSchemaList: "a list of schemas",
	kindType: "a type name (string, number, integer, boolean, array, object or null) or a list of them",
}

var typeNames = []string{"array", "boolean", "integer", "null", "number", "object", "string"}

// checkKeywords checks the keywords of every schema in the spec, and of
// the schemas in other files that its schemas refer to; removes the
// validation keywords it cannot read (see above), marking the paths of the
// files it changed; and returns the warnings and errors. trees are the
// files read, by path (see checkRefs).
func checkKeywords(cfg Config, loc *locator, trees map[string]*yaml.Node, changed map[string]bool) diag.List {
	c := &keywordChecker{cfg: cfg, loc: loc, trees: trees, changed: changed, file: cfg.Path, visited: map[string]bool{}}
	if root := trees[cfg.Path]; field(root, "swagger") != nil {
		c.swagger2(root)
	} else {
		c.document(root)
	}
	return c.out
}

type keywordChecker struct {
	cfg     Config
	loc     *locator
	trees   map[string]*yaml.Node
	changed map[string]bool
	file    string          // path of the file being checked
	visited map[string]bool // schemas of other files checked, by path#fragment
	out     diag.List
}

func (c *keywordChecker) report(sev diag.Severity, ptr, format string, args ...any) {
	file, line, col := c.loc.at(c.file, fileName(c.cfg, c.file), ptr)
	c.out = append(c.out, diag.Diagnostic{Severity: sev, File: file, Line: line, Col: col, Pointer: ptr,
		Message: fmt.Sprintf(format, args...)})
}

// follow checks the schema a $ref in a schema leads to, when it lies in
// another file (the spec's own schemas are all checked anyway).
func (c *keywordChecker) follow(ref string, depth int) {
	path, frag, ok := refTarget(c.file, ref)
	if !ok || path == c.cfg.Path || c.visited[path+"#"+frag] {
		return
	}
	c.visited[path+"#"+frag] = true
	n := nodeAt(nil, c.trees[path], frag)
	if n == nil {
		return
	}
	from := c.file
	c.file = path
	c.schema(n, "#"+frag, depth+1)
	c.file = from
}

// each calls f with every key and value of a mapping node.
func each(n *yaml.Node, f func(key string, v *yaml.Node)) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i].Value, n.Content[i+1])
	}
}

// field returns the value of key in a mapping node, or nil.
func field(n *yaml.Node, key string) *yaml.Node {
	var out *yaml.Node
	each(n, func(k string, v *yaml.Node) {
		if k == key && out == nil {
			out = v
		}
	})
	return out
}

// schema checks the keywords of one schema and of the schemas inside it.
func (c *keywordChecker) schema(s *yaml.Node, ptr string, depth int) {
	if s == nil || s.Kind != yaml.MappingNode || depth > 64 {
		return
	}
	var drop []int
	for i := 0; i+1 < len(s.Content); i += 2 {
		key, v := s.Content[i].Value, s.Content[i+1]
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		at := ptr + "/" + escape(key)
		switch {
		case key == "type" && v.Kind == yaml.SequenceNode:
			c.nullTypeName(v)
		case key == "items" && v.Kind == yaml.SequenceNode:
			if c.tupleItems(s, i, at, depth) {
				drop = append(drop, i)
			}
			continue
		}
		if kind, ok := shaping[key]; ok {
			if !fits(v, kind) && !(kind == kindBool && c.boolString(v, key, at)) {
				c.report(diag.Error, at, "%s", shapingMessage(key, kind, v))
				continue
			}
			switch {
			case key == "type" && v.Kind == yaml.ScalarNode && v.Value == "file":
				// Swagger 2.0's file type, often left in OpenAPI 3 specs.
				c.report(diag.Warning, at, "type \"file\" is Swagger 2.0's; OpenAPI 3 writes a file as {type: string, format: binary}; read as any JSON value")
				drop = append(drop, i)
			case key == "type":
				c.typeNames(v, at)
			case key == "$ref":
				c.follow(v.Value, depth)
			}
			c.children(key, v, at, depth)
			continue
		}
		if kind, ok := validationOnly[key]; ok && !fits(v, kind) && v.Tag != "!!null" { // null reads as absent
			c.report(diag.Warning, at, "`%s` must be %s, got %s; the keyword is ignored", key, wants[kind], describe(v))
			drop = append(drop, i)
		}
	}
	for _, i := range slices.Backward(drop) {
		s.Content = slices.Delete(s.Content, i, i+2)
		c.changed[c.file] = true
	}
}

// boolString reads the string "true" or "false" where a boolean belongs as
// the boolean it spells, with a warning.
func (c *keywordChecker) boolString(v *yaml.Node, key, at string) bool {
	if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
		return false
	}
	c.report(diag.Warning, at, "`%s` must be true or false, got the string %q; read as the boolean %s", key, v.Value, v.Value)
	v.Tag, v.Style = "!!bool", 0
	c.changed[c.file] = true
	return true
}

// children visits the schemas a shaping keyword holds.
func (c *keywordChecker) children(key string, v *yaml.Node, at string, depth int) {
	switch shaping[key] {
	case kindSchema:
		c.schema(v, at, depth+1)
	case kindSchemaMap:
		each(v, func(name string, s *yaml.Node) {
			if !fits(s, kindSchema) {
				what := "property"
				if key == "patternProperties" {
					what = "the schema of pattern"
				}
				c.report(diag.Error, at+"/"+escape(name), "%s %q must be a schema (a mapping such as {type: string}), got %s",
					what, name, describe(s))
				return
			}
			c.schema(s, at+"/"+escape(name), depth+1)
		})
	case kindSchemaList:
		for i, s := range v.Content {
			if !fits(s, kindSchema) {
				c.report(diag.Error, at+"/"+strconv.Itoa(i), "each member of `%s` must be a schema, got %s", key, describe(s))
				continue
			}
			c.schema(s, at+"/"+strconv.Itoa(i), depth+1)
		}
	}
}

// typeNames checks that every name of a type keyword is a JSON Schema type.
func (c *keywordChecker) typeNames(v *yaml.Node, at string) {
	names := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		names = v.Content
	}
	for _, n := range names {
		if !slices.Contains(typeNames, n.Value) {
			c.report(diag.Error, at, "unsupported type %q; the types are string, number, integer, boolean, array, object and null", n.Value)
		}
	}
}

// shapingMessage words a shaping keyword of the wrong type, with what to
// do for the usual mistakes.
func shapingMessage(key string, kind valueKind, v *yaml.Node) string {
	msg := fmt.Sprintf("`%s` must be %s, got %s", key, wants[kind], describe(v))
	switch {
	case key == "required" && v.Kind == yaml.ScalarNode && v.Tag == "!!bool":
		msg += "; to make a property required, list its name in the `required` of the object that holds it"
	case (key == "items" || key == "additionalProperties") && v.Kind == yaml.ScalarNode && slices.Contains(typeNames, v.Value):
		msg += fmt.Sprintf("; write `%s: {type: %s}`", key, v.Value)
	case key == "type" && v.Kind == yaml.MappingNode:
		msg += "; is this an object's `properties` written under `type`?"
	}
	return msg
}

// fits reports whether a value has the kind a keyword wants.
func fits(v *yaml.Node, kind valueKind) bool {
	for v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	scalar := v.Kind == yaml.ScalarNode
	switch kind {
	case kindNumber:
		return scalar && (v.Tag == "!!int" || v.Tag == "!!float")
	case kindNumberOrBool:
		return scalar && (v.Tag == "!!int" || v.Tag == "!!float" || v.Tag == "!!bool")
	case kindCount:
		n, err := strconv.ParseUint(v.Value, 0, 64)
		return scalar && v.Tag == "!!int" && err == nil && n <= 1<<53
	case kindBool:
		return scalar && v.Tag == "!!bool"
	case kindScalar:
		return scalar && v.Tag != "!!null"
	case kindString:
		return scalar && v.Tag == "!!str"
	case kindList:
		return v.Kind == yaml.SequenceNode
	case kindStringList:
		if v.Kind != yaml.SequenceNode {
			return false
		}
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
				return false
			}
		}
		return true
	case kindMapping, kindSchemaMap:
		return v.Kind == yaml.MappingNode
	case kindSchema:
		return v.Kind == yaml.MappingNode || scalar && v.Tag == "!!bool"
	case kindSchemaList:
		return v.Kind == yaml.SequenceNode
	case kindType:
		if v.Kind == yaml.SequenceNode {
			return !slices.ContainsFunc(v.Content, func(e *yaml.Node) bool { return e.Kind != yaml.ScalarNode || e.Tag != "!!str" })
		}
		return scalar && v.Tag == "!!str"
	}
	return true
}

// describe names a value for a message: `the string "x"`, `a list`.
func describe(v *yaml.Node) string {
	switch v.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch v.Tag {
	case "!!str":
		return fmt.Sprintf("the string %q", v.Value)
	case "!!int":
		return "the integer " + v.Value
	case "!!float":
		return "the number " + v.Value
	case "!!bool":
		return "the boolean " + v.Value
	case "!!null":
		return "null"
	}
	return fmt.Sprintf("%q", v.Value)
}
