package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
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
	items := jen.Func().Params(jen.Id("p").Add(page)).Index().Add(typeCode(pg.ItemType)).Block(
		jen.Return(reach(pg.Items)))
	cursor := reach(pg.NextCursor)
	more := jen.Add(cursor).Op("!=").Lit("")
	if len(pg.HasMore) > 0 {
		more = reach(pg.HasMore)
	}
	if pg.CursorType.Kind == ir.Named {
		cursor = jen.String().Call(cursor)
	}
	next := jen.Func().Params(jen.Id("p").Add(page)).Params(jen.String(), jen.Bool()).Block(jen.Return(cursor, more))

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

// reach spells the field path steps from p, reading the Value of each Opt
// or Nullable on the way: p is a page decoded afresh, so one that is
// absent or null reads as the zero value.
//
//	p.Page.Value.Next.Value
func reach(steps []ir.Step) *jen.Statement {
	cur := jen.Id("p")
	for _, st := range steps {
		cur = cur.Dot(st.Field)
		if st.Wrap == ir.Opt || st.Wrap == ir.Nullable {
			cur = cur.Dot("Value")
		}
	}
	return cur
}
