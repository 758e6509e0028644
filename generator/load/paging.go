package load

import (
	"encoding/json"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
)

// paging reads the cursor-paging facts of an operation from its
// x-oagen-pagination extension or the config, and resolves their dotted
// JSON paths to Go field paths.
func (b *builder) paging(o *ir.Operation, op *openapi3.Operation, methods *chooser, ptr string) *ir.Paging {
	pg, ok := b.cfg.Pagination[o.ID]
	if !ok {
		ext, found := op.Extensions["x-oagen-pagination"]
		if !found {
			return nil
		}
		raw, _ := json.Marshal(ext)
		if err := json.Unmarshal(raw, &pg); err != nil {
			b.warn(ptr+"/x-oagen-pagination", "cannot read: %v", err)
			return nil
		}
	}
	if o.Result != ir.JSONResult || o.ResultType.Kind != ir.Named || o.Request == nil {
		b.warn(ptr, "paging needs a JSON object result and a cursor parameter; no iterator generated")
		return nil
	}
	p := &ir.Paging{}
	for _, prm := range o.Params {
		if prm.In == ir.InQuery && prm.Name == pg.CursorParam {
			p.CursorField, p.CursorWrap = prm.GoName, prm.Wrap
		}
	}
	var items []ir.Step
	var itemsRef, cursorRef, moreRef ir.TypeRef
	var errs []string
	if items, itemsRef, ok = b.walk(*o.ResultType, pg.Items); !ok || itemsRef.Kind != ir.Slice {
		errs = append(errs, "items "+pg.Items+" is not an array of the result")
	}
	if p.NextCursor, cursorRef, ok = b.walk(*o.ResultType, pg.NextCursor); !ok || !b.isStringLike(cursorRef) {
		errs = append(errs, "next-cursor "+pg.NextCursor+" is not a string of the result")
	}
	if pg.HasMore != "" {
		if p.HasMore, moreRef, ok = b.walk(*o.ResultType, pg.HasMore); !ok || moreRef.Name != ir.Bool {
			errs = append(errs, "has-more "+pg.HasMore+" is not a boolean of the result")
		}
	}
	if p.CursorField == "" {
		errs = append(errs, "cursor-param "+pg.CursorParam+" is not a query parameter")
	}
	if len(errs) > 0 {
		b.warn(ptr+"/x-oagen-pagination", "no iterator generated: %s", strings.Join(errs, "; "))
		return nil
	}
	p.Items, p.ItemType, p.CursorType = items, *itemsRef.Elem, cursorRef
	p.Method = b.deriveField(methods, ptr, o.Name+"Iter")
	return p
}

// walk follows a dotted JSON path through struct fields.
func (b *builder) walk(from ir.TypeRef, path string) ([]ir.Step, ir.TypeRef, bool) {
	var steps []ir.Step
	cur := from
	for _, seg := range strings.Split(path, ".") {
		t := b.byName[cur.Name]
		if cur.Kind != ir.Named || t == nil || t.Kind != ir.Struct {
			return nil, cur, false
		}
		var next *ir.Field
		for _, f := range t.Fields {
			if f.JSONName == seg {
				next = f
			}
		}
		if next == nil {
			return nil, cur, false
		}
		steps = append(steps, ir.Step{Field: next.Name, Wrap: next.Wrap})
		cur = next.Type
	}
	return steps, cur, len(steps) > 0
}
