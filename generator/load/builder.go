package load

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// builder turns a loaded document into the IR. Named types are claimed in
// a fixed order (components sorted by name, then inline types as the sorted
// operations meet them), so names do not depend on map order.
type builder struct {
	cfg   Config
	doc   *openapi3.T
	loc   *locator
	diags diag.List

	pkg   *chooser                        // package-level names
	named map[*openapi3.Schema]ir.TypeRef // schemas that already have a Go type
	refs  map[string]ir.TypeRef           // the same, by $ref ("#/components/schemas/Job")

	// Unnamed schemas (arrays, maps, wrappers) being resolved, and the
	// names given to those found to contain themselves.
	resolving map[*openapi3.Schema]bool
	cyclic    map[*openapi3.Schema]*ir.Type
	byName    map[string]*ir.Type
	types     []*ir.Type
	// absorbed are the types copied into others (see markAbsorbed); they
	// are not generated unless something else refers to them.
	absorbed map[*ir.Type]bool

	// subtypes are the components extending a base schema that declares a
	// discriminator; see findSubtypes.
	subtypes map[*openapi3.Schema]openapi3.SchemaRefs
	// origin holds the spec pointer of allOf members made up by the
	// builder (see withBase), where merge would otherwise compute one.
	origin map[*openapi3.SchemaRef]string
	// names are the package-level names handed out, by key; see claim.
	names map[string]string
	// fieldNamed are the inline schemas of properties whose x-go-name
	// names the field, not a type.
	fieldNamed map[*openapi3.Schema]bool
	// unnamedWarned are the schemas already warned of an x-go-name that
	// names nothing.
	unnamedWarned map[*openapi3.Schema]bool

	// Mapped types (see mapped.go): the config's entries that matched,
	// each schema's x-go-type once read, and the packages imported, by
	// path and by qualifier.
	typesUsed  map[int]bool
	goTypes    map[any]*ir.TypeRef
	imports    map[string]ir.Import
	qualifiers map[string]string
}

func newBuilder(cfg Config, doc *openapi3.T, loc *locator) *builder {
	b := &builder{
		cfg:   cfg,
		doc:   doc,
		loc:   loc,
		pkg:   newChooser(naming.NewScope(cfg.Reserved...)),
		named: map[*openapi3.Schema]ir.TypeRef{},
		refs:  map[string]ir.TypeRef{},

		resolving: map[*openapi3.Schema]bool{},
		cyclic:    map[*openapi3.Schema]*ir.Type{},
		byName:    map[string]*ir.Type{},
		absorbed:  map[*ir.Type]bool{},
		subtypes:  map[*openapi3.Schema]openapi3.SchemaRefs{},
		origin:    map[*openapi3.SchemaRef]string{},
		names:     map[string]string{},

		fieldNamed:    map[*openapi3.Schema]bool{},
		unnamedWarned: map[*openapi3.Schema]bool{},

		typesUsed:  map[int]bool{},
		goTypes:    map[any]*ir.TypeRef{},
		imports:    map[string]ir.Import{},
		qualifiers: map[string]string{},
	}
	b.pkg.scope.Hold(slices.Collect(maps.Values(cfg.Names))...)
	return b
}

func (b *builder) build() *ir.API {
	api := &ir.API{SpecName: b.cfg.SpecName, Package: b.cfg.Package}
	if b.doc.Info != nil {
		api.Title, api.Description, api.Version = b.doc.Info.Title, b.doc.Info.Description, b.doc.Info.Version
	}
	api.BaseURL = baseURL(b.doc.Servers)
	api.ServerURL, api.ServerVars = serverVars(b.doc.Servers)
	b.refCycles()
	b.findSubtypes()
	b.components()
	api.APIKeys = b.apiKeys()
	api.Services = b.services()
	api.ErrorType = sharedErrorType(api.Services)
	b.unusedTypes()
	for _, path := range slices.Sorted(maps.Keys(b.imports)) {
		api.Imports = append(api.Imports, b.imports[path])
	}
	b.breakCycles()
	b.oneWay(api)
	slices.SortFunc(b.types, func(x, y *ir.Type) int { return cmp.Compare(x.Name, y.Name) })
	api.Types = b.types
	api.Names = b.names
	if b.cfg.Subset != nil {
		b.cut(api)
	} else {
		prune(api, b.absorbed, false)
	}
	share(api)
	return api
}

// warn records a located warning.
func (b *builder) warn(ptr, format string, args ...any) {
	b.report(diag.Warning, ptr, format, args...)
}

// fail records a located error.
func (b *builder) fail(ptr, format string, args ...any) {
	b.report(diag.Error, ptr, format, args...)
}

func (b *builder) report(sev diag.Severity, ptr, format string, args ...any) {
	file, line, col := b.loc.at(b.cfg.Path, b.cfg.Report, ptr)
	b.diags = append(b.diags, diag.Diagnostic{
		Severity: sev, File: file, Line: line, Col: col, Pointer: ptr,
		Message: fmt.Sprintf(format, args...),
	})
}

// components declares a Go type for every component schema: first every
// name is claimed, in sorted order, then the types are filled, so that
// references between components resolve whatever their order.
func (b *builder) components() {
	if b.doc.Components == nil {
		return
	}
	names := sortedKeys(b.doc.Components.Schemas)
	var pending []func()
	for _, name := range names {
		sr := b.doc.Components.Schemas[name]
		if sr == nil || sr.Value == nil {
			continue
		}
		ptr := diag.Pointer("components", "schemas", name)
		if _, ok := b.mapped(sr, ptr); ok {
			continue // no declaration: its uses spell the user's type
		}
		if sr.Ref != "" {
			if _, local := strings.CutPrefix(sr.Ref, "#/"); local {
				continue // an alias of another component: declared after the others
			}
			// A component defined in another file is named after the
			// component, not the file.
			if fill := b.declare(sr.Value, naming.Exported(name), ptr); fill != nil {
				pending = append(pending, fill)
				b.refs["#/components/schemas/"+name] = b.named[sr.Value]
				for _, k := range refKeys(sr) {
					b.refs[k] = b.named[sr.Value]
				}
			}
			continue
		}
		if _, done := b.named[sr.Value]; done {
			continue
		}
		if fill := b.declare(sr.Value, naming.Exported(name), ptr); fill != nil {
			pending = append(pending, fill)
			b.refs["#/components/schemas/"+name] = b.named[sr.Value]
		}
	}
	for _, fill := range pending {
		fill()
	}
	for _, name := range names {
		sr := b.doc.Components.Schemas[name]
		if sr == nil || sr.Value == nil {
			continue
		}
		if _, ok := b.mapped(sr, diag.Pointer("components", "schemas", name)); ok {
			continue
		}
		if strings.HasPrefix(sr.Ref, "#/") {
			b.alias(naming.Exported(name), sr, diag.Pointer("components", "schemas", name))
		}
	}
}

// alias declares `type Name = Target` for a component that is only a $ref.
func (b *builder) alias(name string, sr *openapi3.SchemaRef, ptr string) {
	target, _ := b.refOf(sr, name, ptr)
	if target.Kind == ir.Named && target.Name == name {
		return
	}
	goName := b.claim
	if chosen := b.goName(sr.Extensions, ptr); chosen != "" {
		goName = func(key, _ string) string { return b.claimChosen(key, chosen, ptr+"/x-go-name") }
	}
	t := &ir.Type{Name: goName(ptr, name), Kind: ir.Defined, Alias: true, Underlying: &target, Pointer: ptr,
		Doc: sr.Value.Description}
	b.add(t)
}

// claim hands out the package-level name of the declaration known by key
// (its spec pointer; "tag:" and the tag for a service). The name the
// previous generation gave the same key is kept when it is free; the names
// it gave other keys are held for them (see newBuilder). So adding a schema,
// tag or enum value never renames an existing identifier, whatever order
// names are claimed in.
//
// A name an x-go-name chose for another declaration is not handed out: that
// is a clash, reported at the x-go-name (see claimChosen).
func (b *builder) claim(key, name string) string {
	if prev, ok := b.cfg.Names[key]; ok && b.names[key] == "" {
		if at, chosen := b.pkg.chose[prev]; chosen {
			b.clash(at, prev, key, "")
		} else if b.pkg.take(key, prev) {
			b.names[key] = prev
			return prev
		}
	}
	got, chosenAt := b.pkg.derive(key, name)
	if chosenAt != "" {
		b.clash(chosenAt, name, key, "")
	}
	if b.names[key] == "" {
		b.names[key] = got
	}
	return got
}

// add records a declared type.
func (b *builder) add(t *ir.Type) {
	b.types = append(b.types, t)
	b.byName[t.Name] = t
}

// baseURL is the first server's URL with its variables at their defaults.
func baseURL(servers openapi3.Servers) string {
	if len(servers) == 0 || servers[0] == nil {
		return ""
	}
	s := servers[0]
	u := s.URL
	for name, v := range s.Variables {
		if v != nil {
			u = strings.ReplaceAll(u, "{"+name+"}", v.Default)
		}
	}
	return strings.TrimSuffix(u, "/")
}

// serverVars returns the first server's URL template and its variables,
// in the order the template names them; none when it has no variables.
func serverVars(servers openapi3.Servers) (string, []ir.ServerVar) {
	if len(servers) == 0 || servers[0] == nil || len(servers[0].Variables) == 0 {
		return "", nil
	}
	s := servers[0]
	scope := naming.NewScope("ctx", "opts")
	var vars []ir.ServerVar
	for _, m := range pathVar.FindAllStringSubmatch(s.URL, -1) {
		v := s.Variables[m[1]]
		if v == nil || slices.ContainsFunc(vars, func(x ir.ServerVar) bool { return x.Name == m[1] }) {
			continue
		}
		vars = append(vars, ir.ServerVar{Name: m[1], GoName: scope.Claim(naming.Unexported(m[1])),
			Default: v.Default, Enum: v.Enum, Doc: v.Description})
	}
	return strings.TrimSuffix(s.URL, "/"), vars
}
