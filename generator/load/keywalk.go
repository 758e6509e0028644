package load

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// The places of a document that hold schemas, for checkKeywords.

// swagger2 visits the places of a Swagger 2.0 document that hold schemas:
// definitions, body parameters and responses.
func (c *keywordChecker) swagger2(root *yaml.Node) {
	each(field(root, "definitions"), func(name string, s *yaml.Node) {
		c.schema(s, diag.Pointer("definitions", name), 0)
	})
	body := func(p *yaml.Node, ptr string) {
		if s := field(p, "schema"); s != nil {
			c.schema(s, ptr+"/schema", 0)
		}
	}
	each(field(root, "parameters"), func(name string, p *yaml.Node) { body(p, diag.Pointer("parameters", name)) })
	each(field(root, "responses"), func(name string, r *yaml.Node) { body(r, diag.Pointer("responses", name)) })
	each(field(root, "paths"), func(path string, item *yaml.Node) {
		each(item, func(key string, op *yaml.Node) {
			if !slices.Contains(methods, strings.ToUpper(key)) {
				return
			}
			ptr := diag.Pointer("paths", path, key)
			if list := field(op, "parameters"); list != nil && list.Kind == yaml.SequenceNode {
				for i, p := range list.Content {
					body(p, fmt.Sprintf("%s/parameters/%d", ptr, i))
				}
			}
			each(field(op, "responses"), func(status string, r *yaml.Node) { body(r, ptr+"/responses/"+escape(status)) })
		})
	})
}

// document visits the places of an OpenAPI 3 document that hold schemas.
func (c *keywordChecker) document(root *yaml.Node) {
	comps := field(root, "components")
	each(field(comps, "schemas"), func(name string, s *yaml.Node) {
		c.schema(s, diag.Pointer("components", "schemas", name), 0)
	})
	each(field(comps, "parameters"), func(name string, p *yaml.Node) {
		c.parameter(p, diag.Pointer("components", "parameters", name))
	})
	each(field(comps, "headers"), func(name string, h *yaml.Node) {
		c.parameter(h, diag.Pointer("components", "headers", name))
	})
	each(field(comps, "requestBodies"), func(name string, b *yaml.Node) {
		c.content(b, diag.Pointer("components", "requestBodies", name))
	})
	each(field(comps, "responses"), func(name string, r *yaml.Node) {
		c.response(r, diag.Pointer("components", "responses", name))
	})
	each(field(comps, "pathItems"), func(name string, item *yaml.Node) {
		c.pathItem(item, diag.Pointer("components", "pathItems", name))
	})
	each(field(root, "paths"), func(path string, item *yaml.Node) {
		c.pathItem(item, diag.Pointer("paths", path))
	})
	each(field(root, "webhooks"), func(name string, item *yaml.Node) {
		c.pathItem(item, diag.Pointer("webhooks", name))
	})
}

func (c *keywordChecker) pathItem(item *yaml.Node, ptr string) {
	c.parameters(field(item, "parameters"), ptr+"/parameters")
	each(item, func(key string, op *yaml.Node) {
		if slices.Contains(methods, strings.ToUpper(key)) {
			c.operation(op, ptr+"/"+escape(key))
		}
	})
	each(field(item, "additionalOperations"), func(method string, op *yaml.Node) {
		c.operation(op, ptr+"/additionalOperations/"+escape(method))
	})
}

func (c *keywordChecker) operation(op *yaml.Node, ptr string) {
	c.parameters(field(op, "parameters"), ptr+"/parameters")
	c.content(field(op, "requestBody"), ptr+"/requestBody")
	each(field(op, "responses"), func(status string, r *yaml.Node) {
		c.response(r, ptr+"/responses/"+escape(status))
	})
}

func (c *keywordChecker) parameters(list *yaml.Node, ptr string) {
	if list == nil || list.Kind != yaml.SequenceNode {
		return
	}
	for i, p := range list.Content {
		c.parameter(p, ptr+"/"+strconv.Itoa(i))
	}
}

// parameter checks a parameter or a header.
func (c *keywordChecker) parameter(p *yaml.Node, ptr string) {
	if r := field(p, "required"); r != nil && !fits(r, kindBool) && !c.boolString(r, "required", ptr+"/required") {
		c.report(diag.Error, ptr+"/required", "`required` must be true or false, got %s", describe(r))
	}
	if s := field(p, "schema"); s != nil {
		c.schema(s, ptr+"/schema", 0)
	}
	c.content(p, ptr)
}

func (c *keywordChecker) response(r *yaml.Node, ptr string) {
	each(field(r, "headers"), func(name string, h *yaml.Node) {
		c.parameter(h, ptr+"/headers/"+escape(name))
	})
	c.content(r, ptr)
}

// content checks the schemas of the media types of n's content.
func (c *keywordChecker) content(n *yaml.Node, ptr string) {
	each(field(n, "content"), func(media string, m *yaml.Node) {
		if s := field(m, "schema"); s != nil {
			c.schema(s, ptr+"/content/"+escape(media)+"/schema", 0)
		}
	})
}
