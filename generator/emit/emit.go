// Package emit renders the IR as Go source with jennifer. It reads only the
// IR and returns files by name, one file per concern: the client, one file
// per service, types, enums and unions (spread over several files in a
// large package). Formatting and writing are the output package's.
package emit

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/oagen/oagen/generator/ir"
)

// Files renders the package. Each value is unformatted Go source passed
// through finish, which may be nil. finish is called on several
// goroutines at once, as each file is rendered.
func Files(api *ir.API, finish func(name string, src []byte) ([]byte, error)) (map[string][]byte, error) {
	e := &emitter{api: api, requests: map[*ir.Type]bool{}, jsonBodies: map[*ir.Type]bool{},
		byName: map[string]*ir.Type{}, sharedRequests: map[string]bool{}}
	for _, t := range api.Types {
		e.byName[t.Name] = t
	}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Request != nil {
				e.requests[o.Request] = true
				e.jsonBodies[o.Request] = o.Body == ir.JSONFields
				if o.Request.Alias {
					e.sharedRequests[o.Request.Underlying.Name] = true
				}
			}
		}
	}
	// Each file is rendered as soon as it is built, while the next is
	// built, so that the statement trees of only a few files are held at
	// once: a large package's trees weigh many times its source.
	r := newRenderer(finish)
	r.add("doc_gen.go", e.docFile())
	e.typesFiles(r.add)
	e.enumsFiles(r.add)
	e.unionsFiles(r.add)
	if len(api.Services) > 0 {
		r.add("client_gen.go", e.clientFile()) // a description without operations gets types only
	}
	e.fileBases = serviceFileBases(api.Services)
	for _, s := range api.Services {
		r.add(e.fileBases[s]+"_gen.go", e.serviceFile(s))
	}
	if !api.NoExamples {
		e.examplesFiles(r.add)
	}
	return r.wait()
}

// A renderer renders files on as many goroutines as there are CPUs. The
// files share nothing, and each comes out the same in any order.
type renderer struct {
	jobs chan renderJob
	wg   sync.WaitGroup
	mu   sync.Mutex
	out  map[string][]byte
	errs []error
}

type renderJob struct {
	name string
	file *jen.File
}

func newRenderer(finish func(name string, src []byte) ([]byte, error)) *renderer {
	r := &renderer{jobs: make(chan renderJob), out: map[string][]byte{}}
	for range runtime.GOMAXPROCS(0) {
		r.wg.Go(func() {
			for j := range r.jobs {
				var buf bytes.Buffer
				j.file.NoFormat = true // finish formats it, once
				err := j.file.Render(&buf)
				src := buf.Bytes()
				if err != nil {
					err = fmt.Errorf("%s: %w", j.name, err)
				} else if finish != nil {
					src, err = finish(j.name, src)
				}
				r.mu.Lock()
				if err != nil {
					r.errs = append(r.errs, err)
				}
				r.out[j.name] = src
				r.mu.Unlock()
			}
		})
	}
	return r
}

// add renders f as the file name; a nil f is no file.
func (r *renderer) add(name string, f *jen.File) {
	if f != nil {
		r.jobs <- renderJob{name, f}
	}
}

// wait returns the rendered files once all are done.
func (r *renderer) wait() (map[string][]byte, error) {
	close(r.jobs)
	r.wg.Wait()
	if len(r.errs) > 0 {
		slices.SortFunc(r.errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(r.errs...)
	}
	return r.out, nil
}

type emitter struct {
	api      *ir.API
	requests map[*ir.Type]bool
	// jsonBodies are the request structs whose JSON encoding is the body.
	jsonBodies map[*ir.Type]bool
	// usesExampleValue records that an Example function decodes a value
	// from JSON, so that the examples' helpers declare exampleValue.
	usesExampleValue bool
	byName           map[string]*ir.Type
	// sharedRequests names the request structs that other operations'
	// request structs are aliases of; see paramsMethod.
	sharedRequests map[string]bool
	fileBases      map[*ir.Service]string // see serviceFileBases
}

// serviceFileBases names each service's file: Bulk -> bulk (bulk_gen.go).
// A name the package's other files use (types, enums, doc) or another
// service already took gets "_service", then a number; one that starts like
// the runtime's files gets "service_" in front. No file overwrites another.
func serviceFileBases(services []*ir.Service) map[*ir.Service]string {
	taken := map[string]bool{"doc": true, "client": true, "types": true, "enums": true, "unions": true, "example": true}
	for i := 1; i <= splitInto; i++ { // see filesOf
		for _, base := range [...]string{"types", "enums", "unions"} {
			taken[fmt.Sprintf("%s_%02d", base, i)] = true
		}
	}
	out := make(map[*ir.Service]string, len(services))
	for _, s := range services {
		base := fileName(s.Field)
		switch {
		case strings.HasPrefix(base, RuntimePrefix):
			base = "service_" + base
		case taken[base]:
			base += "_service"
		}
		for i, b := 2, base; taken[base]; i++ {
			base = b + strconv.Itoa(i)
		}
		taken[base] = true
		out[s] = base
	}
	return out
}

// newFile starts a generated file with the header Go tools recognise.
func (e *emitter) newFile() *jen.File {
	f := jen.NewFile(e.api.Package)
	f.HeaderComment(fmt.Sprintf("Code generated by oagen from %s. DO NOT EDIT.", e.api.SpecName))
	for _, imp := range e.api.Imports { // the packages of mapped types, imported where used
		if imp.Alias {
			f.ImportAlias(imp.Path, imp.Qualifier)
		} else {
			f.ImportName(imp.Path, imp.Qualifier)
		}
	}
	return f
}

// fileName turns a service name into a file name: ContentDelivery ->
// content_delivery.
func fileName(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// typeCode spells a type reference.
func typeCode(r ir.TypeRef) jen.Code {
	switch r.Kind {
	case ir.Named:
		return jen.Id(r.Name)
	case ir.External:
		return jen.Qual(r.Import.Path, r.Name)
	case ir.Slice:
		return jen.Index().Add(typeCode(*r.Elem))
	case ir.Map:
		return jen.Map(jen.String()).Add(typeCode(*r.Elem))
	}
	switch r.Name {
	case ir.Any:
		return jen.Any()
	case ir.Bytes, ir.Base64URL:
		return jen.Index().Byte()
	case ir.Time:
		return jen.Qual("time", "Time")
	case ir.RawMessage:
		return jen.Qual("encoding/json", "RawMessage")
	case ir.Reader:
		return jen.Qual("io", "Reader")
	case ir.ReadCloser:
		return jen.Qual("io", "ReadCloser")
	}
	return jen.Id(r.Name)
}

// wrapped spells a field's type with its wrapper.
func wrapped(r ir.TypeRef, w ir.Wrap) jen.Code {
	switch w {
	case ir.Opt:
		return jen.Id("Opt").Types(typeCode(r))
	case ir.Nullable:
		return jen.Id("Nullable").Types(typeCode(r))
	case ir.Pointer:
		return jen.Op("*").Add(typeCode(r))
	}
	return typeCode(r)
}

// ExtraField is the struct field that holds the members a schema does not
// declare; no property may take its name.
const ExtraField = "AdditionalProperties"

// MethodLocals returns the names a generated method uses besides its path
// arguments: its other parameters and locals, and the packages it
// imports. A path parameter never takes one.
func MethodLocals() []string {
	return []string{
		"ctx", "req", "opts", "s", "op", "out", "res", "err", "ok", "v", "k", "i", "r",
		"parts", "form", "mw", "body", "base", "page", "cursor", "p",
		"base64", "bytes", "context", "fmt", "http", "io", "iter", "maps", "multipart", "slices",
		"strconv", "strings", "time", "url", "json",
	}
}

// RuntimePrefix starts the name of every runtime file in a generated
// package: runtime_<name>_gen.go. No other generated file starts so.
const RuntimePrefix = "runtime_"

// RuntimeFileName is the name a runtime source file (retry.go) has in a
// generated package (runtime_retry_gen.go).
func RuntimeFileName(name string) string {
	return RuntimePrefix + strings.TrimSuffix(name, ".go") + "_gen.go"
}
