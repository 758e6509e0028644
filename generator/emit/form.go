package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// formStatements encode a form or multipart body from the request's
// fields and hand it to the operation:
//
//	form := url.Values{}
//	if req.Name.Valid {
//		form.Add("name", req.Name.Value)
//	}
//	op.rawBody = strings.NewReader(form.Encode())
func (e *emitter) formStatements(o *ir.Operation) []jen.Code {
	switch o.Body {
	case ir.FormBody:
		out := []jen.Code{jen.Id("form").Op(":=").Qual("net/url", "Values").Values()}
		out = append(out, e.valueStatements(o.FormFields, func(_ *ir.Param, name, value jen.Code) jen.Code {
			return jen.Id("form").Dot("Add").Call(name, value)
		})...)
		return append(out, jen.Id("op").Dot("rawBody").Op("=").Qual("strings", "NewReader").Call(jen.Id("form").Dot("Encode").Call()))
	case ir.MultipartBody:
		return e.multipartStatements(o)
	}
	return nil
}

// multipartStatements write each field as a part; io.Reader fields become
// file parts.
func (e *emitter) multipartStatements(o *ir.Operation) []jen.Code {
	out := []jen.Code{
		jen.Var().Id("body").Qual("bytes", "Buffer"),
		jen.Id("mw").Op(":=").Qual("mime/multipart", "NewWriter").Call(jen.Op("&").Id("body")),
	}
	var fields, files []*ir.Param
	for _, p := range o.FormFields {
		if isReader(p.Type) {
			files = append(files, p)
		} else {
			fields = append(fields, p)
		}
	}
	out = append(out, e.valueStatements(fields, func(_ *ir.Param, name, value jen.Code) jen.Code {
		return jen.Id("mw").Dot("WriteField").Call(name, value)
	})...)
	fail := failReturn(o)
	for _, p := range files {
		field := jen.Id("req").Dot(p.GoName)
		if p.Type.Kind == ir.Slice {
			out = append(out, jen.For(jen.List(jen.Id("_"), jen.Id("r")).Op(":=").Range().Add(field)).Block(
				jen.If(jen.Err().Op(":=").Id("writeFilePart").Call(jen.Id("mw"), jen.Lit(p.Name), jen.Id("r")), jen.Err().Op("!=").Nil()).Block(fail...)))
			continue
		}
		out = append(out, jen.If(jen.Add(field).Op("!=").Nil()).Block(
			jen.If(jen.Err().Op(":=").Id("writeFilePart").Call(jen.Id("mw"), jen.Lit(p.Name), field), jen.Err().Op("!=").Nil()).Block(fail...)))
	}
	return append(out,
		jen.If(jen.Err().Op(":=").Id("mw").Dot("Close").Call(), jen.Err().Op("!=").Nil()).Block(fail...),
		jen.Id("op").Dot("rawBody").Op("=").Op("&").Id("body"),
		jen.Id("op").Dot("contentType").Op("=").Id("mw").Dot("FormDataContentType").Call(),
	)
}

// isReader reports io.Reader and []io.Reader.
func isReader(r ir.TypeRef) bool {
	if r.Kind == ir.Slice {
		r = *r.Elem
	}
	return r.Kind == ir.Builtin && r.Name == ir.Reader
}

// failReturn returns the method's zero results with err, named after the
// operation.
func failReturn(o *ir.Operation) []jen.Code {
	err := jen.Id("op").Dot("wrap").Call(jen.Err())
	switch o.Result {
	case ir.JSONResult:
		return []jen.Code{jen.Return(zeroResult(*o.ResultType), err)}
	case ir.StreamResult:
		return []jen.Code{jen.Return(jen.Nil(), err)}
	case ir.TextResult:
		return []jen.Code{jen.Return(jen.Lit(""), err)}
	}
	return []jen.Code{jen.Return(err)}
}

// zeroResult is the zero value of a JSON result: nil for the pointer to a
// named type and for slices and maps, else the builtin's zero.
func zeroResult(r ir.TypeRef) jen.Code {
	if r.Kind == ir.Builtin {
		switch r.Name {
		case ir.String:
			return jen.Lit("")
		case ir.Int64, ir.Int32, ir.Float64, ir.Float32:
			return jen.Lit(0)
		case ir.Bool:
			return jen.False()
		case ir.Time:
			return jen.Qual("time", "Time").Values()
		}
	}
	return jen.Nil()
}
