package apidiff

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// schemaPlace is where a compared schema sits: in a component schema, or in
// a parameter, request body or response of an operation.
type schemaPlace struct {
	op        opPlace
	group     int
	head      string // "" in a component schema; "request body", "response `200`"...
	path      string // dotted property path inside the schema; "" at its top
	inRequest bool   // requests send it, so a new required property breaks callers
}

// label names the place in a change's text.
func (p schemaPlace) label() string {
	switch {
	case p.path == "":
		return p.head
	case p.head == "":
		return "property `" + p.path + "`"
	default:
		return p.head + " property `" + p.path + "`"
	}
}

// prefix is the label and a space, or nothing at a schema's top.
func (p schemaPlace) prefix() string {
	if l := p.label(); l != "" {
		return l + " "
	}
	return ""
}

func (p schemaPlace) property(name string) schemaPlace {
	if p.path != "" {
		name = p.path + "." + name
	}
	p.path = name
	return p
}

func (c *specComparer) addAt(p schemaPlace, change, where string) *SpecChange {
	ch := c.add(p.op, change, where)
	ch.group = p.group
	return ch
}

// schema compares two schemas in place, without following $refs (a
// referenced schema is compared once, under its own name).
func (c *specComparer) schema(p schemaPlace, o, n *yaml.Node, optr, nptr string) {
	o, n = deref(o), deref(n)
	if o == nil || n == nil {
		if (o == nil) != (n == nil) {
			c.addAt(p, p.prefix()+fmt.Sprintf("type changed from `%s` to `%s`", summary(o), summary(n)), c.new.where(nptr))
		}
		return
	}
	// Arrays are compared here by their kind, and by their items below.
	if describe(o, false) != describe(n, false) {
		c.addAt(p, p.prefix()+fmt.Sprintf("type changed from `%s` to `%s`", summary(o), summary(n)), c.new.where(nptr))
	}
	c.enum(p, o, n, optr, nptr)
	c.variants(p, o, n, optr, nptr)
	c.properties(p, o, n, optr, nptr)
	if oi, ni := get(o, "items"), get(n, "items"); oi != nil && ni != nil {
		ip := p
		if p.path == "" {
			ip.head = strings.TrimSpace(p.head + " items")
		} else {
			ip.path += "[]"
		}
		c.schema(ip, oi, ni, child(optr, "items"), child(nptr, "items"))
	}
}

func (c *specComparer) enum(p schemaPlace, o, n *yaml.Node, optr, nptr string) {
	olds, news := enumValues(o), enumValues(n)
	for _, v := range union(mapKeys(olds), mapKeys(news)) {
		oi, inOld := olds[v]
		ni, inNew := news[v]
		switch {
		case !inOld:
			c.addAt(p, p.prefix()+"enum value `"+v+"` added", c.new.where(child(nptr, "enum", fmt.Sprint(ni))))
		case !inNew:
			c.addAt(p, p.prefix()+"enum value `"+v+"` removed", c.old.where(child(optr, "enum", fmt.Sprint(oi))))
		}
	}
}

// enumValues maps the scalar values of a schema's enum to their index.
func enumValues(n *yaml.Node) map[string]int {
	out := map[string]int{}
	for i, v := range items(get(n, "enum")) {
		if v.Tag == "!!null" {
			out["null"] = i
			continue
		}
		out[scalar(v)] = i
	}
	return out
}

// variants compares the members of oneOf, anyOf and allOf by their summary.
func (c *specComparer) variants(p schemaPlace, o, n *yaml.Node, optr, nptr string) {
	for _, kw := range []string{"oneOf", "anyOf", "allOf"} {
		olds, news := memberSummaries(get(o, kw)), memberSummaries(get(n, kw))
		for _, s := range union(mapKeys(olds), mapKeys(news)) {
			oi, inOld := olds[s]
			ni, inNew := news[s]
			switch {
			case !inOld:
				c.addAt(p, p.prefix()+kw+" member `"+s+"` added", c.new.where(child(nptr, kw, fmt.Sprint(ni))))
			case !inNew:
				c.addAt(p, p.prefix()+kw+" member `"+s+"` removed", c.old.where(child(optr, kw, fmt.Sprint(oi))))
			}
		}
	}
}

func memberSummaries(list *yaml.Node) map[string]int {
	out := map[string]int{}
	for i, m := range items(list) {
		out[summary(m)] = i
	}
	return out
}

func (c *specComparer) properties(p schemaPlace, o, n *yaml.Node, optr, nptr string) {
	oprops, nprops := get(o, "properties"), get(n, "properties")
	oreq, nreq := requiredSet(o), requiredSet(n)
	for _, name := range union(keys(oprops), keys(nprops)) {
		cp := p.property(name)
		ptrO, ptrN := child(optr, "properties", name), child(nptr, "properties", name)
		op, np := get(oprops, name), get(nprops, name)
		switch {
		case op == nil && nreq[name] && p.inRequest:
			ch := c.addAt(cp, cp.label()+" added, required", c.new.where(ptrN))
			ch.Breaking = true
			ch.Note = "requests carry this schema; in Go its struct only gains a field, " +
				"so callers still compile, but requests that leave it unset are rejected"
		case op == nil && nreq[name]:
			c.addAt(cp, cp.label()+" added, required", c.new.where(ptrN))
		case op == nil:
			c.addAt(cp, cp.label()+" added", c.new.where(ptrN))
		case np == nil:
			c.addAt(cp, cp.label()+" removed", c.old.where(ptrO))
		default:
			if oreq[name] != nreq[name] {
				c.addAt(cp, cp.label()+" "+requiredText(nreq[name]), c.new.where(ptrN))
			}
			c.schema(cp, op, np, ptrO, ptrN)
		}
	}
}

func requiredSet(n *yaml.Node) map[string]bool {
	out := map[string]bool{}
	for _, r := range items(get(n, "required")) {
		out[scalar(r)] = true
	}
	return out
}

// summary describes a schema's type in a few words: "string",
// "integer (int64)", "array of Job", "Job" for a $ref, "string | null".
func summary(n *yaml.Node) string { return describe(n, true) }

// describe is summary, with the items of arrays left out unless deep.
func describe(n *yaml.Node, deep bool) string {
	n = deref(n)
	if n == nil {
		return "none"
	}
	if ref := scalar(get(n, "$ref")); ref != "" {
		if strings.HasPrefix(ref, "#/") {
			return ref[strings.LastIndex(ref, "/")+1:]
		}
		return ref
	}
	var types []string
	if t := get(n, "type"); t != nil && t.Kind == yaml.SequenceNode {
		for _, v := range items(t) {
			types = append(types, scalar(v))
		}
	} else if s := scalar(t); s != "" {
		types = append(types, s)
	}
	for _, kw := range []string{"oneOf", "anyOf", "allOf"} {
		if get(n, kw) != nil && len(types) == 0 {
			types = append(types, kw)
		}
	}
	if scalar(get(n, "nullable")) == "true" {
		types = append(types, "null")
	}
	if len(types) == 0 {
		return "any"
	}
	for i, t := range types {
		switch t {
		case "array":
			if deep {
				types[i] = "array of " + summary(get(n, "items"))
			}
		case "integer", "number", "string":
			if f := scalar(get(n, "format")); f != "" {
				types[i] = t + " (" + f + ")"
			}
		}
	}
	// "null" last, so that [null, string] and [string, null] read alike.
	slices.SortStableFunc(types, func(a, b string) int {
		return boolInt(a == "null") - boolInt(b == "null")
	})
	return strings.Join(types, " | ")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// requestSchemas names the component schemas that requests of d carry:
// those reached, through local $refs, from request bodies and parameters.
func requestSchemas(d *specDoc) map[string]bool {
	var queue []*yaml.Node
	paths := get(d.root, "paths")
	for _, path := range keys(paths) {
		item, _ := d.resolve(get(paths, path), "")
		queue = append(queue, get(item, "parameters"))
		for _, m := range methods {
			op := get(item, m)
			queue = append(queue, get(op, "parameters"), get(op, "requestBody"))
		}
	}
	seen, names := map[string]bool{}, map[string]bool{}
	for len(queue) > 0 {
		n := deref(queue[0])
		queue = queue[1:]
		if n == nil {
			continue
		}
		if ref := scalar(get(n, "$ref")); strings.HasPrefix(ref, "#/") {
			if !seen[ref] {
				seen[ref] = true
				queue = append(queue, d.lookup(ref))
			}
			if name, ok := strings.CutPrefix(ref, "#/components/schemas/"); ok {
				names[name] = true
			}
			continue
		}
		queue = append(queue, n.Content...)
	}
	return names
}
