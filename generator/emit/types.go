package emit

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// typesFiles writes the structs and defined types, except request structs,
// which sit with their service.
func (e *emitter) typesFiles(add func(string, *jen.File)) {
	add("types_gen.go", e.filesOf(add, "types", func(t *ir.Type) bool {
		return !e.requests[t] && (t.Kind == ir.Struct || t.Kind == ir.Defined || t.Kind == ir.Tuple)
	}, e.declare))
}

// splitAt is how many declarations of one kind a package has before they
// are spread over splitInto files: a file of 300,000 lines is formatted on
// one core while the others wait, and is slow to open.
const (
	splitAt   = 1500
	splitInto = 16
)

// filesOf renders the types that match, in order, with write. When more
// than splitAt match, it spreads them over base_01_gen.go to
// base_16_gen.go, picking each one's file by a hash of its name (initial
// letters are too uneven: two thirds of GitHub's types start with W), so
// that a name keeps its file whatever else the description adds, and
// hands each file to add. Otherwise it returns them in one file, for the
// caller to complete and name base_gen.go; nil when none match.
func (e *emitter) filesOf(add func(string, *jen.File), base string, match func(*ir.Type) bool, write func(*jen.File, *ir.Type)) *jen.File {
	var matched []*ir.Type
	for _, t := range e.api.Types {
		if match(t) {
			matched = append(matched, t)
		}
	}
	if len(matched) == 0 {
		return nil
	}
	if len(matched) <= splitAt {
		f := e.newFile()
		for _, t := range matched {
			write(f, t)
		}
		return f
	}
	bucket := make([]uint32, len(matched))
	for i, t := range matched {
		h := fnv.New32a()
		h.Write([]byte(t.Name))
		bucket[i] = h.Sum32() % splitInto
	}
	for b := range uint32(splitInto) {
		var f *jen.File
		for i, t := range matched {
			if bucket[i] == b {
				if f == nil {
					f = e.newFile()
				}
				write(f, t)
			}
		}
		add(fmt.Sprintf("%s_%02d_gen.go", base, b+1), f)
	}
	return nil
}

// declare writes one struct or defined type with its methods.
func (e *emitter) declare(f *jen.File, t *ir.Type) {
	if t.Kind == ir.Tuple {
		e.tuple(f, t)
		return
	}
	doc := docFor(t.Name, t.Doc, t.Name+" is a schema of the API.")
	if t.Alias && t.Kind == ir.Struct {
		doc += aliasNote(t, "fields")
	}
	docComment(f, deprecated(doc, t.Deprecated))
	if t.Alias {
		f.Type().Id(t.Name).Op("=").Add(typeCode(*t.Underlying))
		return
	}
	if t.Kind == ir.Defined {
		f.Type().Id(t.Name).Add(typeCode(*t.Underlying))
		e.definedCodec(f, t)
		return
	}
	f.Type().Id(t.Name).Struct(structFields(t)...)
	if !e.requests[t] || e.jsonBodies[t] {
		e.structCodec(f, t)
	}
}

// aliasNote is the paragraph that ends the doc comment of a struct, enum
// or union declared as an alias of its twin: what the two have in common
// (fields, values, variants) and which one is declared.
func aliasNote(t *ir.Type, what string) string {
	return "\n\n" + t.Name + " has the " + what + " of " + t.Underlying.Name + ", so it is declared as an alias of it."
}

// structFields renders the fields with their tags:
//
//	Brand Nullable[string] `json:"brand,omitzero"`
func structFields(t *ir.Type) []jen.Code {
	var out []jen.Code
	for i, fl := range t.Fields {
		if i > 0 {
			out = append(out, jen.Line())
		}
		for _, c := range fieldComment(deprecated(constDoc(fl), fl.Deprecated)) {
			out = append(out, c)
		}
		out = append(out, jen.Id(fl.Name).Add(wrapped(fl.Type, fl.Wrap)).Tag(map[string]string{"json": jsonTag(fl)}))
	}
	if t.Additional != nil {
		if len(out) > 0 {
			out = append(out, jen.Line())
		}
		out = append(out,
			jen.Comment(ExtraField+" holds the members the schema does not declare.").Line(),
			jen.Id(ExtraField).Map(jen.String()).Add(typeCode(*t.Additional)).Tag(map[string]string{"json": "-"}))
	}
	return out
}

// jsonTag is "name" for required fields and "name,omitzero" for the rest,
// so that absent values stay absent. The codec reads the names from the
// members table; the tags document them and serve other encoders.
func jsonTag(f *ir.Field) string {
	if f.JSONName == "-" || !tagSafe(f.JSONName) {
		return "-"
	}
	if !omitted(f) {
		return f.JSONName
	}
	return f.JSONName + ",omitzero"
}

// omitted reports whether a zero value of the field is left out.
func omitted(f *ir.Field) bool { return !f.Required || f.Wrap == ir.Pointer }

// tagSafe reports whether a JSON name can stand in a struct tag: encoding/json
// reads it there (letters, digits and some punctuation; no comma, quote or
// backslash) and go vet accepts it (no space).
func tagSafe(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, c := range name {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~", c) {
			return false
		}
	}
	return true
}
