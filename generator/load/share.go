package load

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/oagen/oagen/generator/ir"
)

// share declares each struct, enum or union that the description spells
// out inline more than once only once: every other one with the same
// fields, values or variants becomes an alias of it (type
// WebhookForkeeLicense = LicenseSimple). GitHub's description repeats
// inline objects across its operations and webhooks, and Microsoft Graph
// gives each list operation a $select enum of its own with the values of
// many others; each copy cost the build a type, and a struct its codec and
// JSON methods too.
//
// Only inline schemas are shared away: a component keeps its own type, so
// that two components with the same properties stay two types, as the
// description names two concepts. An inline schema that matches a
// component becomes an alias of the component; among inline schemas alone
// the shortest name, then the first in order, is declared. The request
// structs of operations are shared among themselves: Microsoft Graph
// offers one action under many paths, each with its own operation.
// Matching runs until no more structs match, as structs whose fields only
// refer to structs just shared become equal in turn.
func share(api *ir.API) {
	// A request struct is only shared with another operation's whose body
	// is of the same kind, so that the codec each needs is the same, and
	// that sends its parameters the same way, so that the struct's
	// addParams method serves both.
	requests := map[*ir.Type]string{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Request != nil {
				requests[o.Request] = fmt.Sprintf("request %d\n", o.Body) + paramKey(o.Params)
			}
		}
	}
	var structs, enums, unions []*ir.Type
	for _, t := range api.Types {
		switch {
		case t.Alias:
		case t.Kind == ir.Struct:
			structs = append(structs, t)
		case t.Kind == ir.Enum:
			enums = append(enums, t)
		case t.Kind == ir.Union:
			unions = append(unions, t)
		}
	}
	aliasOf := map[string]string{}
	resolve := func(name string) string {
		for aliasOf[name] != "" {
			name = aliasOf[name]
		}
		return name
	}
	// Enums refer to nothing, so one round settles them, before the
	// structs whose fields they type.
	shareRound(enums, enumKey, aliasOf)
	structKeys := func(t *ir.Type) string { return requests[t] + structKey(t, resolve) }
	unionKeys := func(t *ir.Type) string { return unionKey(t, resolve) }
	for shareRound(structs, structKeys, aliasOf)+shareRound(unions, unionKeys, aliasOf) > 0 {
		// Types whose fields or variants name the types just shared may
		// match now.
	}
	for _, t := range slices.Concat(structs, enums, unions) {
		if target := aliasOf[t.Name]; target != "" {
			u := ir.Ref(resolve(target))
			t.Alias, t.Underlying = true, &u
		}
	}
}

// shareRound groups the types not yet shared by key and makes each of a
// group but the first an alias of the first, components excepted. It
// returns how many it made aliases.
func shareRound(types []*ir.Type, key func(*ir.Type) string, aliasOf map[string]string) int {
	// Types are grouped by a digest of their key, not the key itself: the
	// keys of Graph beta's structs hold all their fields' docs.
	groups := map[[sha256.Size]byte][]*ir.Type{}
	var keys [][sha256.Size]byte
	for _, t := range types {
		if aliasOf[t.Name] != "" {
			continue
		}
		k := sha256.Sum256([]byte(key(t)))
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], t)
	}
	shared := 0
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.SortFunc(g, declaredFirst)
		for _, t := range g[1:] {
			if isComponent(t) {
				continue
			}
			aliasOf[t.Name] = g[0].Name
			shared++
		}
	}
	return shared
}

// declaredFirst orders the types of one group: components first, then the
// shortest name, then by name. The first is declared.
func declaredFirst(x, y *ir.Type) int {
	if cx, cy := isComponent(x), isComponent(y); cx != cy {
		if cx {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(len(x.Name), len(y.Name)); c != 0 {
		return c
	}
	return cmp.Compare(x.Name, y.Name)
}

// isComponent reports whether t is a schema the description names under
// #/components/schemas, rather than one spelled out inline.
func isComponent(t *ir.Type) bool {
	rest, ok := strings.CutPrefix(t.Pointer, "#/components/schemas/")
	return ok && !strings.Contains(rest, "/")
}

// structKey spells everything of a struct that its Go declaration and its
// codec are made of, except its name and its own doc comment, with the
// names of the structs it refers to resolved through the aliases found so
// far. A field's Access is not part of it: load has already turned it into
// Required and Wrap.
func structKey(t *ir.Type, resolve func(string) string) string {
	// Strings go in with their lengths, not quoted: the keys of all of a
	// large description's structs are spelled in every round of share,
	// and quoting their docs was most of its time.
	var b strings.Builder
	for _, f := range t.Fields {
		for _, s := range [...]string{f.Name, f.JSONName, f.Doc, refKey(f.Type, resolve)} {
			b.WriteString(strconv.Itoa(len(s)))
			b.WriteByte(':')
			b.WriteString(s)
		}
		b.WriteString(" " + strconv.Itoa(int(f.Wrap)) + " " + strconv.FormatBool(f.Required) + " " + strconv.FormatBool(f.Deprecated))
		if f.Const != nil {
			fmt.Fprintf(&b, " %T:%#v", f.Const, f.Const)
		}
		b.WriteByte('\n')
	}
	if t.Additional != nil {
		b.WriteString("+" + refKey(*t.Additional, resolve))
	}
	return b.String()
}

// paramKey spells how an operation sends the parameters its request
// struct holds: under which name, where and in which style. Their types
// are the fields' own, in structKey.
func paramKey(params []*ir.Param) string {
	var b strings.Builder
	for _, p := range params {
		if p.In != ir.InPath {
			fmt.Fprintf(&b, "param %q %q %q %q %t\n", p.GoName, p.Name, p.In, p.Style, p.Explode)
		}
	}
	return b.String()
}

// enumKey spells an enum's base type and its values with their
// documentation; the names of its constants differ with the type's name.
func enumKey(t *ir.Type) string {
	var b strings.Builder
	b.WriteString(t.Base.Name + "\n")
	for _, v := range t.Values {
		fmt.Fprintf(&b, "%T:%#v %q\n", v.Value, v.Value, v.Doc)
	}
	return b.String()
}

// unionKey spells how a union tells its variants apart and what they are,
// with the names of the types they hold resolved as in structKey.
func unionKey(t *ir.Type, resolve func(string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q\n", t.Discriminator)
	for _, v := range t.Variants {
		fmt.Fprintf(&b, "%q %s %q %q %q %q\n", v.Name, refKey(v.Type, resolve), v.Kinds, v.Required, v.Properties, v.Discriminators)
	}
	return b.String()
}

func refKey(r ir.TypeRef, resolve func(string) string) string {
	switch r.Kind {
	case ir.Named:
		return resolve(r.Name)
	case ir.Slice:
		return "[]" + refKey(*r.Elem, resolve)
	case ir.Map:
		return "map[string]" + refKey(*r.Elem, resolve)
	case ir.External:
		return r.Import.Path + "." + r.Name
	}
	return r.Name
}
