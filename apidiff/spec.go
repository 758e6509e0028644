package apidiff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// SpecChange is one change between the two spec files.
type SpecChange struct {
	// Subject is the operation or schema changed, in Markdown:
	// "`POST /jobs` (`jobs_create`)", "schema `Job`".
	Subject string
	// Change says what changed, in Markdown: "property `total` removed".
	Change string
	// Where is file:line in the new spec for additions and changes, in the
	// base spec for removals.
	Where string
	// Breaking marks a change that breaks callers at run time although
	// their code still compiles, so the Go API comparison misses it; Note
	// says why.
	Breaking bool
	Note     string

	group int    // 0 operations, 1 schemas
	key   string // sorts subjects: path and method, or schema name
}

// specComparer compares two spec documents.
type specComparer struct {
	old, new *specDoc
	requests map[string]bool // schemas of the new spec that requests use
	out      []SpecChange
}

func compareSpecs(old, new *specDoc) []SpecChange {
	c := &specComparer{old: old, new: new, requests: requestSchemas(new)}
	c.operations()
	c.schemas()
	slices.SortFunc(c.out, func(a, b SpecChange) int {
		return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.key, b.key),
			cmp.Compare(a.Change, b.Change), cmp.Compare(a.Where, b.Where))
	})
	return c.out
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// opPlace names an operation: its subject text and its sort key.
type opPlace struct{ subject, key string }

func (c *specComparer) operations() {
	oldPaths, newPaths := get(c.old.root, "paths"), get(c.new.root, "paths")
	for _, path := range union(keys(oldPaths), keys(newPaths)) {
		oldItem, _ := c.old.resolve(get(oldPaths, path), child("#/paths", path))
		newItem, _ := c.new.resolve(get(newPaths, path), child("#/paths", path))
		for i, m := range methods {
			oldOp, newOp := get(oldItem, m), get(newItem, m)
			if oldOp == nil && newOp == nil {
				continue
			}
			id := scalar(get(newOp, "operationId"))
			if newOp == nil {
				id = scalar(get(oldOp, "operationId"))
			}
			subject := fmt.Sprintf("`%s %s`", strings.ToUpper(m), path)
			if id != "" {
				subject += " (`" + id + "`)"
			}
			p := opPlace{subject: subject, key: fmt.Sprintf("%s\x00%d", path, i)}
			ptr := child("#/paths", path, m)
			switch {
			case oldOp == nil:
				c.add(p, "operation added", c.new.where(ptr))
			case newOp == nil:
				c.add(p, "operation removed", c.old.where(ptr))
			default:
				c.parameters(p, path, m, oldItem, newItem)
				c.requestBody(p, ptr, oldOp, newOp)
				c.responses(p, ptr, oldOp, newOp)
			}
		}
	}
}

func (c *specComparer) add(p opPlace, change, where string) *SpecChange {
	c.out = append(c.out, SpecChange{Subject: p.subject, Change: change, Where: where, key: p.key})
	return &c.out[len(c.out)-1]
}

// param is one parameter of an operation, its $ref resolved.
type param struct {
	in, name string
	required bool
	ptr      string     // where the operation or its path lists it
	node     *yaml.Node // the parameter object
	nodePtr  string     // the parameter object's own pointer
}

// params lists an operation's parameters by "in name": those of the path
// item, overridden by those of the operation.
func params(d *specDoc, path, method string, item *yaml.Node) map[string]param {
	out := map[string]param{}
	lists := []struct {
		list *yaml.Node
		ptr  string
	}{
		{get(item, "parameters"), child("#/paths", path, "parameters")},
		{get(get(item, method), "parameters"), child("#/paths", path, method, "parameters")},
	}
	for _, l := range lists {
		for i, n := range items(l.list) {
			ptr := child(l.ptr, fmt.Sprint(i))
			node, nodePtr := d.resolve(n, ptr)
			p := param{in: scalar(get(node, "in")), name: scalar(get(node, "name")), ptr: ptr, node: node, nodePtr: nodePtr}
			p.required = scalar(get(node, "required")) == "true" || p.in == "path"
			out[p.in+" "+p.name] = p
		}
	}
	return out
}

func (c *specComparer) parameters(p opPlace, path, method string, oldItem, newItem *yaml.Node) {
	olds, news := params(c.old, path, method, oldItem), params(c.new, path, method, newItem)
	for _, k := range union(mapKeys(olds), mapKeys(news)) {
		o, inOld := olds[k]
		n, inNew := news[k]
		label := fmt.Sprintf("%s parameter `%s`", cmp.Or(n.in, o.in), cmp.Or(n.name, o.name))
		switch {
		case !inOld && n.required:
			ch := c.add(p, label+" added, required", c.new.where(n.ptr))
			ch.Breaking = true
			ch.Note = "no Go signature changes (the request struct only gains a field), " +
				"so callers still compile, but calls that leave it unset are rejected"
		case !inOld:
			c.add(p, label+" added", c.new.where(n.ptr))
		case !inNew:
			c.add(p, label+" removed", c.old.where(o.ptr))
		default:
			if o.required != n.required {
				c.add(p, label+" "+requiredText(n.required), c.new.whereFirst(child(n.nodePtr, "required"), n.nodePtr))
			}
			sp := schemaPlace{op: p, head: label, inRequest: true}
			c.schema(sp, get(o.node, "schema"), get(n.node, "schema"),
				child(o.nodePtr, "schema"), child(n.nodePtr, "schema"))
		}
	}
}

func requiredText(required bool) string {
	if required {
		return "now required"
	}
	return "no longer required"
}

func (c *specComparer) requestBody(p opPlace, ptr string, oldOp, newOp *yaml.Node) {
	ptr = child(ptr, "requestBody")
	o, optr := c.old.resolve(get(oldOp, "requestBody"), ptr)
	n, nptr := c.new.resolve(get(newOp, "requestBody"), ptr)
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		c.add(p, "request body added", c.new.where(ptr))
		return
	case n == nil:
		c.add(p, "request body removed", c.old.where(ptr))
		return
	}
	oreq, nreq := scalar(get(o, "required")) == "true", scalar(get(n, "required")) == "true"
	if oreq != nreq {
		c.add(p, "request body "+requiredText(nreq), c.new.where(ptr))
	}
	oSchema, oPtr := mediaSchema(o, optr)
	nSchema, nPtr := mediaSchema(n, nptr)
	c.schema(schemaPlace{op: p, head: "request body", inRequest: true}, oSchema, nSchema, oPtr, nPtr)
}

func (c *specComparer) responses(p opPlace, ptr string, oldOp, newOp *yaml.Node) {
	ptr = child(ptr, "responses")
	olds, news := get(oldOp, "responses"), get(newOp, "responses")
	for _, code := range union(keys(olds), keys(news)) {
		label := "response `" + code + "`"
		if strings.HasPrefix(code, "2") {
			label = "success " + label
		}
		rptr := child(ptr, code)
		o, optr := c.old.resolve(get(olds, code), rptr)
		n, nptr := c.new.resolve(get(news, code), rptr)
		switch {
		case o == nil:
			c.add(p, label+" added", c.new.where(rptr))
		case n == nil:
			c.add(p, label+" removed", c.old.where(rptr))
		default:
			oSchema, oPtr := mediaSchema(o, optr)
			nSchema, nPtr := mediaSchema(n, nptr)
			c.schema(schemaPlace{op: p, head: label}, oSchema, nSchema, oPtr, nPtr)
		}
	}
}

// mediaSchema is the schema of the JSON content of a request body or
// response (the first media type when none is JSON).
func mediaSchema(n *yaml.Node, ptr string) (*yaml.Node, string) {
	content := get(n, "content")
	types := keys(content)
	if len(types) == 0 {
		return nil, ""
	}
	pick := types[0]
	for _, t := range types {
		if strings.Contains(t, "json") {
			pick = t
			break
		}
	}
	return get(get(content, pick), "schema"), child(ptr, "content", pick, "schema")
}

func (c *specComparer) schemas() {
	olds := get(get(c.old.root, "components"), "schemas")
	news := get(get(c.new.root, "components"), "schemas")
	for _, name := range union(keys(olds), keys(news)) {
		p := opPlace{subject: "schema `" + name + "`", key: name}
		ptr := child("#/components/schemas", name)
		o, n := get(olds, name), get(news, name)
		switch {
		case o == nil:
			c.add(p, "schema added", c.new.where(ptr)).group = 1
		case n == nil:
			c.add(p, "schema removed", c.old.where(ptr)).group = 1
		default:
			c.schema(schemaPlace{op: p, group: 1, inRequest: c.requests[name]}, o, n, ptr, ptr)
		}
	}
}

func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// child appends escaped segments to a JSON pointer.
func child(ptr string, segs ...string) string {
	return ptr + strings.TrimPrefix(diag.Pointer(segs...), "#")
}
