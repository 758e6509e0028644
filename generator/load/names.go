package load

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/naming"
)

// Names the user chose: x-go-name on a schema (the type), a property (the
// field), an operation (the method) or a parameter (its field), and
// x-enum-varnames (or x-enumNames) on an enum (its constants, after the
// type's name), spelled as oapi-codegen spells them. A chosen name is used
// as written; it never gets a numeric suffix. When it meets another name
// in its scope, chosen or not, that is an error naming both places.

// chooser hands out the names of one Go scope (the package, a struct's
// fields, a service's methods), some chosen by the user, and remembers who
// has each name, so that a clash can name both places.
type chooser struct {
	scope *naming.Scope
	owner map[string]string // name -> key of the declaration that has it
	chose map[string]string // name -> pointer of the x-go-name that chose it
}

func newChooser(scope *naming.Scope) *chooser {
	return &chooser{scope: scope, owner: map[string]string{}, chose: map[string]string{}}
}

// derive claims name for owner, or name2, name3... when it is taken. When
// an x-go-name chose name for another declaration, it also returns the
// pointer of that x-go-name: a clash to report.
func (c *chooser) derive(owner, name string) (got, chosenAt string) {
	got = c.scope.Claim(name)
	c.owner[got] = owner
	if c.owner[name] == owner {
		return got, ""
	}
	return got, c.chose[name]
}

// take claims exactly name for owner, as a kept name is claimed, and
// reports whether it was free.
func (c *chooser) take(owner, name string) bool {
	if !c.scope.Take(name) {
		return false
	}
	c.owner[name] = owner
	return true
}

// choose claims the name an x-go-name (at the pointer at) chose for owner.
// When the name is taken it returns the key of the declaration that has it
// ("" when the generated code reserves it) and false; the owner then gets
// a numbered name, so that building can go on to find other problems.
func (c *chooser) choose(owner, name, at string) (got, other string, ok bool) {
	if _, dup := c.chose[name]; !dup {
		c.chose[name] = at
	}
	if c.scope.Take(name) {
		c.owner[name] = owner
		return name, "", true
	}
	other = c.owner[name]
	got = c.scope.Claim(name)
	c.owner[got] = owner
	return got, other, false
}

// goName returns the x-go-name among ext, or "" when there is none; a value
// that is not an exported Go identifier is an error at it.
func (b *builder) goName(ext map[string]any, ptr string) string {
	v, ok := ext["x-go-name"]
	if !ok {
		return ""
	}
	s, _ := v.(string)
	if !naming.IsChosen(s) {
		b.fail(ptr+"/x-go-name", "x-go-name must be an exported Go identifier (a capital letter, then letters, digits or _), got %s", shown(v))
		return ""
	}
	return s
}

// propertyGoName is the x-go-name of a property: beside its $ref, or in
// its own schema when it has no $ref (the x-go-name of a referenced schema
// names that schema's type, not the field).
func (b *builder) propertyGoName(sr *openapi3.SchemaRef, ptr string) string {
	switch {
	case sr == nil:
		return ""
	case sr.Ref != "":
		return b.goName(sr.Extensions, ptr)
	case sr.Value != nil:
		return b.goName(sr.Value.Extensions, ptr)
	}
	return ""
}

// enumVarNames returns the names x-enum-varnames (else x-enumNames) gives
// the values of s.Enum, by index; nil when there are none. These lists
// come with third-party descriptions written for other generators, so
// they are read leniently: a name that is not a Go identifier is made one
// as any spec word is ("Only Selected" is OnlySelected), and a list of
// another length, or one that names two values alike, is left out with a
// warning, the values then named as without it.
func (b *builder) enumVarNames(s *openapi3.Schema, ptr string) []string {
	key := varNamesKey(s)
	v, ok := s.Extensions[key]
	if !ok {
		return nil
	}
	list, isList := v.([]any)
	if !isList || len(list) != len(s.Enum) {
		b.warn(ptr+"/"+key, "%s should list one name for each of the %d values of enum, got %s; the values are named as without it", key, len(s.Enum), shown(v))
		return nil
	}
	out := make([]string, len(list))
	seen := map[string]int{}
	for i, x := range list {
		name, _ := x.(string)
		if !naming.IsChosen(name) {
			name = naming.Exported(name)
		}
		if j, dup := seen[name]; dup && fmt.Sprint(s.Enum[i]) != fmt.Sprint(s.Enum[j]) {
			b.warn(fmt.Sprintf("%s/%s/%d", ptr, key, i), "%s names two values %s; the values are named as without it", key, name)
			return nil
		}
		seen[name] = i
		out[i] = name
	}
	return out
}

// claimChosen hands the package-level name an x-go-name (at the pointer
// at) chose to the declaration known by key. It wins over the name the
// previous generation kept for the declaration.
func (b *builder) claimChosen(key, name, at string) string {
	got, other, ok := b.pkg.choose(key, name, at)
	if !ok {
		b.clash(at, name, other, "the generated package declares it itself")
	}
	b.names[key] = got
	return got
}

// clash reports at the x-go-name at that the name it chose is also
// other's, or, when other is "", reserved for the reason given.
func (b *builder) clash(at, name, other, reserved string) {
	if other == "" {
		b.fail(at, "x-go-name %q cannot be used: %s; choose another name", name, reserved)
		return
	}
	b.fail(at, "x-go-name %q is also the name of %s; choose another name, or give that one an x-go-name of its own", name, b.place(other))
}

// place names a declaration by its key for a message: file:line:col and
// pointer, or the tag of a service.
func (b *builder) place(key string) string {
	if tag, ok := strings.CutPrefix(key, "tag:"); ok {
		return fmt.Sprintf("the service of tag %q", tag)
	}
	ptr, value, isValue := strings.Cut(key, "=")
	ptr = strings.TrimSuffix(ptr, "/request")
	file, line, col := b.loc.at(b.cfg.Path, b.cfg.Report, ptr)
	what := ""
	switch {
	case isValue:
		what = fmt.Sprintf("the constant of enum value %s of ", value)
	case strings.HasSuffix(key, "/request"):
		what = "the request struct of "
	}
	return fmt.Sprintf("%s%s:%d:%d (%s)", what, file, line, col, ptr)
}

// shown spells a YAML value in a message.
func shown(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	out, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(out)
}

// deriveField claims the Go name of a field (or method) in its scope for
// owner, the pointer of its property (or operation, or parameter).
func (b *builder) deriveField(names *chooser, owner, name string) string {
	got, chosenAt := names.derive(owner, name)
	if chosenAt != "" {
		b.clash(chosenAt, name, owner, "")
	}
	return got
}

// chooseField claims the name an x-go-name (at the pointer at) chose for a
// field (or method) in its scope.
func (b *builder) chooseField(names *chooser, owner, name, at string) string {
	got, other, ok := names.choose(owner, name, at)
	if !ok {
		b.clash(at, name, other, "the field "+b.cfg.ExtraField+" holds the members the schema does not declare")
	}
	return got
}

// varNamesKey is the extension that names the values of an enum:
// x-enum-varnames, else x-enumNames.
func varNamesKey(s *openapi3.Schema) string {
	if _, ok := s.Extensions["x-enum-varnames"]; !ok {
		if _, ok := s.Extensions["x-enumNames"]; ok {
			return "x-enumNames"
		}
	}
	return "x-enum-varnames"
}
