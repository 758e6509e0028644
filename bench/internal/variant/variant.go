// Package variant derives, from an OpenAPI description, the variant that a
// peer generator can read. Every rewrite is counted so that the report can
// say exactly what changed.
package variant

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Rewrites counts the changes made by Derive, by kind.
type Rewrites map[string]int

func (r Rewrites) String() string {
	var keys []string
	for k := range r {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %d", k, r[k])
	}
	return b.String()
}

// MultiType rewrites, in a YAML (or JSON) OpenAPI 3.1 description, every
// schema whose `type` lists more than one non-null type (`[object, string,
// 'null']`, `[string, integer]`): the `type` key is dropped, so the schema
// accepts any JSON value. Neither peer generator takes such a type list.
// A list of one type and 'null' is left alone.
func MultiType(src []byte) ([]byte, Rewrites, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, err
	}
	rw := Rewrites{}
	walk(&doc, func(m *yaml.Node) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if k.Value != "type" || v.Kind != yaml.SequenceNode {
				continue
			}
			nonNull := 0
			for _, t := range v.Content {
				if t.Value != "null" {
					nonNull++
				}
			}
			if nonNull > 1 {
				m.Content = append(m.Content[:i], m.Content[i+2:]...)
				rw["type list of several non-null types dropped (any value)"]++
				i -= 2
			}
		}
	})
	out, err := encode(&doc)
	return out, rw, err
}

// walk calls f on every mapping node under n.
func walk(n *yaml.Node, f func(*yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		f(n)
	}
	for _, c := range n.Content {
		walk(c, f)
	}
}

func encode(doc *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

// OperationNames gives a component schema named after an operation
// (`bulk_createJob` → BulkCreateJobParams, BulkCreateJobResponse) the Go
// name <name>Body through both peers' naming extensions (`x-go-name` for
// oapi-codegen, `x-ogen-name` for ogen): each peer also names its own
// per-operation parameter and response types <Operation>Params and
// <Operation>Response, and the clash does not compile. The schemas and the
// wire format are unchanged.
func OperationNames(src []byte) ([]byte, Rewrites, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, err
	}
	root := doc.Content[0]
	ops := map[string]bool{}
	if paths := mapValue(root, "paths"); paths != nil {
		walk(paths, func(m *yaml.Node) {
			if id := mapValue(m, "operationId"); id != nil && id.Kind == yaml.ScalarNode {
				ops[pascal(id.Value)] = true
			}
		})
	}
	rw := Rewrites{}
	schemas := mapValue(mapValue(root, "components"), "schemas")
	if schemas == nil {
		return src, rw, nil
	}
	for i := 0; i+1 < len(schemas.Content); i += 2 {
		name, s := schemas.Content[i].Value, schemas.Content[i+1]
		for _, suffix := range []string{"Params", "Response"} {
			if op, ok := strings.CutSuffix(name, suffix); ok && ops[op] && s.Kind == yaml.MappingNode {
				for _, ext := range []string{"x-go-name", "x-ogen-name"} {
					s.Content = append(s.Content,
						&yaml.Node{Kind: yaml.ScalarNode, Value: ext},
						&yaml.Node{Kind: yaml.ScalarNode, Value: name + "Body"})
				}
				rw["schema named <Operation>"+suffix+" given the Go name <name>Body (x-go-name, x-ogen-name)"]++
			}
		}
	}
	out, err := encode(&doc)
	return out, rw, err
}

// mapValue returns the value of key in mapping m, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// pascal turns an operationId such as bulk_createJob into BulkCreateJob.
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' || r == '-' || r == ' ' || r == '.' {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FreeForm gives every object schema that declares neither properties nor
// additionalProperties an explicit `additionalProperties: true`. JSON Schema
// reads both the same way (any members), but ogen turns the bare form into
// an empty struct that drops every member on encode and decode.
func FreeForm(src []byte) ([]byte, Rewrites, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, err
	}
	rw := Rewrites{}
	walk(&doc, func(m *yaml.Node) {
		t := mapValue(m, "type")
		if t == nil || mapValue(m, "properties") != nil || mapValue(m, "additionalProperties") != nil ||
			mapValue(m, "allOf") != nil || mapValue(m, "oneOf") != nil || mapValue(m, "anyOf") != nil {
			return
		}
		isObject := t.Value == "object"
		for _, c := range t.Content {
			isObject = isObject || c.Value == "object"
		}
		if !isObject {
			return
		}
		m.Content = append(m.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: "additionalProperties"},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		rw["object without properties given additionalProperties: true"]++
	})
	out, err := encode(&doc)
	return out, rw, err
}

// Courier derives the peers' variant of Courier's description: MultiType,
// FreeForm, then OperationNames.
func Courier(src []byte) ([]byte, Rewrites, error) {
	out, rw, err := MultiType(src)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range []func([]byte) ([]byte, Rewrites, error){FreeForm, OperationNames} {
		var more Rewrites
		out, more, err = f(out)
		if err != nil {
			return nil, nil, err
		}
		for k, v := range more {
			rw[k] += v
		}
	}
	return out, rw, nil
}
