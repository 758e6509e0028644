package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// iterator writes the method that follows a cursor-paged operation:
//
//	func (s *BulkService) GetUsersIter(ctx context.Context, jobID string, req *BulkGetUsersRequest,
//		opts ...RequestOption) iter.Seq2[BulkMessageUserResponse, error] {
//		...
//		return paginate(ctx, fetch, items, next)
//	}
func (e *emitter) iterator(f *jen.File, s *ir.Service, o *ir.Operation) {
	pg := o.Paging
	page := jen.Op("*").Add(typeCode(*o.ResultType))
	var args []jen.Code
	args = append(args, jen.Id("ctx"))
	for _, p := range o.PathParams {
		args = append(args, jen.Id(p.GoName))
	}
	args = append(args, jen.Op("&").Id("page"), jen.Id("opts").Op("..."))

	setCursor := jen.Id("page").Dot(pg.CursorField).Op("=").Id("cursor")
	if pg.CursorWrap == ir.Opt {
		setCursor = jen.Id("page").Dot(pg.CursorField).Op("=").Id("Some").Call(jen.Id("cursor"))
	}
	fetch := jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("cursor").String()).Params(page, jen.Error()).Block(
		jen.Id("page").Op(":=").Id("base"),
		jen.If(jen.Id("cursor").Op("!=").Lit("")).Block(setCursor),
		jen.Return(jen.Id("s").Dot(o.Name).Call(args...)),
	)
	itemsBody, itemsExpr := newReacher().reach(pg.Items)
	items := jen.Func().Params(jen.Id("p").Add(page)).Index().Add(typeCode(pg.ItemType)).Block(
		append(itemsBody, jen.Return(itemsExpr))...)
	r := newReacher()
	nextBody, cursor := r.reach(pg.NextCursor)
	more := jen.Add(cursor).Op("!=").Lit("")
	if len(pg.HasMore) > 0 {
		moreBody, moreExpr := r.reach(pg.HasMore)
		nextBody = append(nextBody, moreBody...)
		more = moreExpr
	}
	if pg.CursorType.Kind == ir.Named {
		cursor = jen.String().Call(cursor)
	}
	nextBody = append(nextBody, jen.Return(cursor, more))
	next := jen.Func().Params(jen.Id("p").Add(page)).Params(jen.String(), jen.Bool()).Block(nextBody...)

	f.Comment(pg.Method + " calls " + o.Name + " page after page, following the cursor, and")
	f.Comment("yields every item. It stops at the first error, and with an error when the")
	f.Comment("server repeats a cursor. Breaking out of the loop stops the paging.")
	f.Func().Params(jen.Id("s").Op("*").Id(s.Name)).Id(pg.Method).Params(params(s, o)...).
		Qual("iter", "Seq2").Types(typeCode(pg.ItemType), jen.Error()).Block(
		jen.Var().Id("base").Id(o.Request.Name),
		jen.If(jen.Id("req").Op("!=").Nil()).Block(jen.Id("base").Op("=").Op("*").Id("req")),
		jen.Return(jen.Id("paginate").Call(jen.Id("ctx"), fetch, items, next)),
	)
}

// reacher writes the body of one function literal of the iterator, whose
// parameter is p: it walks field paths from p, unwrapping Opt and Nullable
// fields into locals named after the field and claimed from one scope, so
// two paths never declare the same local. Paths that share a prefix share
// its locals:
//
//	page, _ := p.Page.Get()
//	next, _ := page.Next.Get()
//	more, _ := page.More.Get()
type reacher struct {
	scope *naming.Scope
	seen  map[string]*jen.Statement // the expression of a path prefix already walked
}

func newReacher() *reacher {
	return &reacher{scope: naming.NewScope("p", "_"), seen: map[string]*jen.Statement{}}
}

// reach returns the statements that walk steps from p and the final
// expression.
func (r *reacher) reach(steps []ir.Step) ([]jen.Code, *jen.Statement) {
	var stmts []jen.Code
	cur := jen.Id("p")
	key := ""
	for _, st := range steps {
		key += "." + st.Field
		if prev, ok := r.seen[key]; ok {
			cur = prev
			continue
		}
		next := jen.Add(cur).Dot(st.Field)
		if st.Wrap == ir.Opt || st.Wrap == ir.Nullable {
			local := r.scope.Claim(naming.Unexported(st.Field))
			stmts = append(stmts, jen.List(jen.Id(local), jen.Id("_")).Op(":=").Add(next).Dot("Get").Call())
			next = jen.Id(local)
		}
		r.seen[key] = next
		cur = next
	}
	return stmts, cur.Clone()
}
