package apidiff

import (
	"cmp"
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
)

// GoChange is one change to the Go API of the generated package.
type GoChange struct {
	// Name is the Go identifier: "Job", "Job.Total", "JobsService.Get".
	Name string
	// Change says what changed, in Markdown: "field removed".
	Change string
	// Breaking is set when code that compiled against the old package may
	// not compile against the new one.
	Breaking bool
}

// apiComparer compares the exported API of two versions of one package.
// Types of the package are matched by name across the versions; other
// types by package path and name.
type apiComparer struct {
	old, new *types.Package
	out      []GoChange
}

func compareAPI(old, new *types.Package) []GoChange {
	c := &apiComparer{old: old, new: new}
	oldScope, newScope := old.Scope(), new.Scope()
	for _, name := range oldScope.Names() {
		o := oldScope.Lookup(name)
		if !o.Exported() {
			continue
		}
		if n := newScope.Lookup(name); n != nil {
			c.object(name, o, n)
			continue
		}
		c.breaking(name, kindOf(o)+" removed"+c.renameHint(o))
	}
	for _, name := range newScope.Names() {
		if n := newScope.Lookup(name); n.Exported() && oldScope.Lookup(name) == nil {
			c.compatible(name, kindOf(n)+" added")
		}
	}
	slices.SortFunc(c.out, func(a, b GoChange) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Change, b.Change))
	})
	return c.out
}

func (c *apiComparer) breaking(name, change string) {
	c.out = append(c.out, GoChange{Name: name, Change: change, Breaking: true})
}

func (c *apiComparer) compatible(name, change string) {
	c.out = append(c.out, GoChange{Name: name, Change: change})
}

// kindOf names what an object declares, for messages.
func kindOf(o types.Object) string {
	switch o := o.(type) {
	case *types.Const:
		return "constant"
	case *types.Var:
		if o.IsField() {
			return "field"
		}
		return "variable"
	case *types.Func:
		if o.Type().(*types.Signature).Recv() != nil {
			return "method"
		}
		return "function"
	case *types.TypeName:
		return "type"
	}
	return "declaration"
}

func (c *apiComparer) object(name string, o, n types.Object) {
	if kindOf(o) != kindOf(n) {
		c.breaking(name, fmt.Sprintf("changed from a %s to a %s", kindOf(o), kindOf(n)))
		return
	}
	switch o := o.(type) {
	case *types.Const:
		n := n.(*types.Const)
		switch {
		case !c.same(o.Type(), n.Type()):
			c.typeChanged(name, "type", o.Type(), n.Type())
		case !constant.Compare(o.Val(), token.EQL, n.Val()):
			c.breaking(name, fmt.Sprintf("value changed from `%s` to `%s`", o.Val(), n.Val()))
		}
	case *types.Var:
		if !c.same(o.Type(), n.Type()) {
			c.typeChanged(name, "type", o.Type(), n.Type())
		}
	case *types.Func:
		if !c.same(o.Type(), n.Type()) {
			c.typeChanged(name, "signature", o.Type(), n.Type())
		}
	case *types.TypeName:
		c.typeName(name, o, n.(*types.TypeName))
	}
}

func (c *apiComparer) typeChanged(name, what string, o, n types.Type) {
	c.breaking(name, fmt.Sprintf("%s changed from `%s` to `%s`", what, c.str(o), c.str(n)))
}

func (c *apiComparer) typeName(name string, o, n *types.TypeName) {
	if o.IsAlias() || n.IsAlias() {
		if o.IsAlias() != n.IsAlias() || !c.same(types.Unalias(o.Type()), types.Unalias(n.Type())) {
			c.breaking(name, fmt.Sprintf("changed from `%s` to `%s`", c.declString(o), c.declString(n)))
		}
		return
	}
	on, ok1 := o.Type().(*types.Named)
	nn, ok2 := n.Type().(*types.Named)
	if !ok1 || !ok2 {
		return
	}
	if !c.sameTypeParams(on.TypeParams(), nn.TypeParams()) {
		c.breaking(name, fmt.Sprintf("type parameters changed from `%s` to `%s`", c.declString(o), c.declString(n)))
		return
	}
	ou, nu := on.Underlying(), nn.Underlying()
	ostruct, oStruct := ou.(*types.Struct)
	nstruct, nStruct := nu.(*types.Struct)
	oi, oIface := ou.(*types.Interface)
	ni, nIface := nu.(*types.Interface)
	switch {
	case oStruct && nStruct:
		c.fields(name, ostruct, nstruct)
	case oIface && nIface:
		c.interfaceMethods(name, oi, ni)
	case !c.same(ou, nu):
		c.breaking(name, fmt.Sprintf("changed from `%s` to `%s`", c.declString(o), c.declString(n)))
	}
	if !oIface && !nIface {
		c.methods(name, on, nn)
	}
}

// declString renders a type declaration: "type X string", "type Y = Z".
func (c *apiComparer) declString(tn *types.TypeName) string {
	if tn.IsAlias() {
		return fmt.Sprintf("type %s = %s", tn.Name(), c.str(types.Unalias(tn.Type())))
	}
	named, ok := tn.Type().(*types.Named)
	if !ok {
		return "type " + tn.Name()
	}
	u := c.str(named.Underlying())
	if _, ok := named.Underlying().(*types.Struct); ok {
		u = "struct{...}"
	}
	return fmt.Sprintf("type %s%s %s", tn.Name(), c.typeParamsString(named.TypeParams()), u)
}

func (c *apiComparer) typeParamsString(l *types.TypeParamList) string {
	if l.Len() == 0 {
		return ""
	}
	s := "["
	for i := range l.Len() {
		if i > 0 {
			s += ", "
		}
		s += l.At(i).Obj().Name() + " " + c.str(l.At(i).Constraint())
	}
	return s + "]"
}

// fields compares the exported fields of two structs. Adding a field is
// compatible (keyed composite literals still compile), unless it makes a
// comparable struct incomparable.
func (c *apiComparer) fields(name string, o, n *types.Struct) {
	oldFields, newFields := exportedFields(o), exportedFields(n)
	for fname, of := range oldFields {
		nf, ok := newFields[fname]
		switch {
		case !ok:
			c.breaking(name+"."+fname, "field removed")
		case !c.same(of.Type(), nf.Type()):
			c.typeChanged(name+"."+fname, "field type", of.Type(), nf.Type())
		}
	}
	for fname, nf := range newFields {
		if _, ok := oldFields[fname]; !ok {
			c.compatible(name+"."+fname, fmt.Sprintf("field added (`%s`)", c.str(nf.Type())))
		}
	}
	if types.Comparable(o) && !types.Comparable(n) {
		c.breaking(name, "no longer comparable: `==` on its values no longer compiles")
	}
}

func exportedFields(s *types.Struct) map[string]*types.Var {
	out := map[string]*types.Var{}
	for i := range s.NumFields() {
		if f := s.Field(i); f.Exported() {
			out[f.Name()] = f
		}
	}
	return out
}

// methods compares the exported method sets of two defined types, *T's
// (which holds T's) and T's.
func (c *apiComparer) methods(name string, o, n *types.Named) {
	oldPtr, newPtr := types.NewMethodSet(types.NewPointer(o)), types.NewMethodSet(types.NewPointer(n))
	oldVal, newVal := types.NewMethodSet(o), types.NewMethodSet(n)
	for sel := range oldPtr.Methods() {
		m := sel.Obj()
		if !m.Exported() {
			continue
		}
		id := name + "." + m.Name()
		nsel := newPtr.Lookup(m.Pkg(), m.Name())
		switch {
		case nsel == nil:
			c.breaking(id, "method removed")
		case !c.same(bare(m.Type()), bare(nsel.Obj().Type())):
			c.typeChanged(id, "signature", bare(m.Type()), bare(nsel.Obj().Type()))
		case oldVal.Lookup(m.Pkg(), m.Name()) != nil && newVal.Lookup(m.Pkg(), m.Name()) == nil:
			c.breaking(id, "receiver changed to a pointer: values (not pointers) of `"+name+"` no longer have the method")
		}
	}
	for sel := range newPtr.Methods() {
		m := sel.Obj()
		if m.Exported() && oldPtr.Lookup(m.Pkg(), m.Name()) == nil {
			c.compatible(name+"."+m.Name(), "method added")
		}
	}
}

// interfaceMethods compares two interfaces. Any change to the methods of an
// interface others may implement breaks someone: callers when a method
// goes, implementations when one comes.
func (c *apiComparer) interfaceMethods(name string, o, n *types.Interface) {
	sealed := false
	for m := range o.Methods() {
		sealed = sealed || !m.Exported()
	}
	oldMethods, newMethods := exportedMethods(o), exportedMethods(n)
	for mname, om := range oldMethods {
		nm, ok := newMethods[mname]
		switch {
		case !ok:
			c.breaking(name+"."+mname, "method removed from the interface")
		case !c.same(bare(om.Type()), bare(nm.Type())):
			c.typeChanged(name+"."+mname, "signature", bare(om.Type()), bare(nm.Type()))
		}
	}
	for mname := range newMethods {
		if _, ok := oldMethods[mname]; !ok {
			if sealed {
				c.compatible(name+"."+mname, "method added to the interface")
			} else {
				c.breaking(name+"."+mname, "method added to the interface: types that implemented it no longer do")
			}
		}
	}
}

func exportedMethods(i *types.Interface) map[string]*types.Func {
	out := map[string]*types.Func{}
	for m := range i.Methods() {
		if m.Exported() {
			out[m.Name()] = m
		}
	}
	return out
}

// bare is a method's signature without its receiver.
func bare(t types.Type) *types.Signature {
	s := t.(*types.Signature)
	return types.NewSignatureType(nil, nil, nil, s.Params(), s.Results(), s.Variadic())
}

// renameHint suggests, for a removed struct type, the one added struct
// type with the same fields.
func (c *apiComparer) renameHint(o types.Object) string {
	tn, ok := o.(*types.TypeName)
	if !ok || tn.IsAlias() {
		return ""
	}
	fields, ok := tn.Type().Underlying().(*types.Struct)
	if !ok || fields.NumFields() == 0 {
		return ""
	}
	var match []string
	for _, name := range c.new.Scope().Names() {
		n, ok := c.new.Scope().Lookup(name).(*types.TypeName)
		if !ok || !n.Exported() || n.IsAlias() || c.old.Scope().Lookup(name) != nil {
			continue
		}
		if ns, ok := n.Type().Underlying().(*types.Struct); ok && c.same(fields, ns) {
			match = append(match, name)
		}
	}
	if len(match) != 1 {
		return ""
	}
	return fmt.Sprintf(" (renamed to `%s`? it has the same fields)", match[0])
}

// str renders a type with this package's names unqualified.
func (c *apiComparer) str(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == c.old || p == c.new {
			return ""
		}
		return p.Name()
	})
}
