package apidiff

import "go/types"

// same reports whether a type of the old package means the same as a type
// of the new one: identical in structure, with the package's own named
// types matched by name (they are distinct objects in the two versions)
// and other named types by package path and name.
func (c *apiComparer) same(o, n types.Type) bool {
	// A name the package declares is the same name wherever it is used,
	// also when it changed between a type and an alias (oagen declares a
	// struct spelled out twice once, the other name an alias of it): the
	// declaration's own change is reported once, where it is declared.
	on, oAlias := localName(o, c.old)
	nn, nAlias := localName(n, c.new)
	if oAlias || nAlias {
		return on == nn
	}
	o, n = types.Unalias(o), types.Unalias(n)
	switch o := o.(type) {
	case *types.Basic:
		n, ok := n.(*types.Basic)
		return ok && o.Kind() == n.Kind()
	case *types.Pointer:
		n, ok := n.(*types.Pointer)
		return ok && c.same(o.Elem(), n.Elem())
	case *types.Slice:
		n, ok := n.(*types.Slice)
		return ok && c.same(o.Elem(), n.Elem())
	case *types.Array:
		n, ok := n.(*types.Array)
		return ok && o.Len() == n.Len() && c.same(o.Elem(), n.Elem())
	case *types.Map:
		n, ok := n.(*types.Map)
		return ok && c.same(o.Key(), n.Key()) && c.same(o.Elem(), n.Elem())
	case *types.Chan:
		n, ok := n.(*types.Chan)
		return ok && o.Dir() == n.Dir() && c.same(o.Elem(), n.Elem())
	case *types.Signature:
		n, ok := n.(*types.Signature)
		return ok && c.sameSignature(o, n)
	case *types.Tuple:
		n, ok := n.(*types.Tuple)
		return ok && c.sameTuple(o, n)
	case *types.Struct:
		n, ok := n.(*types.Struct)
		return ok && c.sameStruct(o, n)
	case *types.Interface:
		n, ok := n.(*types.Interface)
		return ok && c.sameInterface(o, n)
	case *types.Union:
		n, ok := n.(*types.Union)
		if !ok || o.Len() != n.Len() {
			return false
		}
		for i := range o.Len() {
			if o.Term(i).Tilde() != n.Term(i).Tilde() || !c.same(o.Term(i).Type(), n.Term(i).Type()) {
				return false
			}
		}
		return true
	case *types.Named:
		n, ok := n.(*types.Named)
		return ok && c.sameNamed(o, n)
	case *types.TypeParam:
		n, ok := n.(*types.TypeParam)
		return ok && o.Index() == n.Index()
	}
	return false
}

// localName returns the name of t when t is a type or an alias that pkg
// declares (not an instance of a generic one), "" otherwise, and whether
// it is an alias.
func localName(t types.Type, pkg *types.Package) (name string, alias bool) {
	var obj *types.TypeName
	var args *types.TypeList
	switch t := t.(type) {
	case *types.Alias:
		obj, args, alias = t.Obj(), t.TypeArgs(), true
	case *types.Named:
		obj, args = t.Obj(), t.TypeArgs()
	default:
		return "", false
	}
	if obj.Pkg() != pkg || args.Len() != 0 {
		return "", false
	}
	return obj.Name(), alias
}

func (c *apiComparer) sameNamed(o, n *types.Named) bool {
	if o.Obj().Name() != n.Obj().Name() || !c.samePackage(o.Obj().Pkg(), n.Obj().Pkg()) {
		return false
	}
	oa, na := o.TypeArgs(), n.TypeArgs()
	if oa.Len() != na.Len() {
		return false
	}
	for i := range oa.Len() {
		if !c.same(oa.At(i), na.At(i)) {
			return false
		}
	}
	return true
}

// samePackage matches the compared packages with each other, and any other
// package by path; nil (the universe of error and comparable) with nil.
func (c *apiComparer) samePackage(o, n *types.Package) bool {
	switch {
	case o == nil || n == nil:
		return o == n
	case o == c.old || n == c.new:
		return o == c.old && n == c.new
	default:
		return o.Path() == n.Path()
	}
}

func (c *apiComparer) sameSignature(o, n *types.Signature) bool {
	return o.Variadic() == n.Variadic() &&
		c.sameTypeParams(o.TypeParams(), n.TypeParams()) &&
		c.sameTuple(o.Params(), n.Params()) &&
		c.sameTuple(o.Results(), n.Results())
}

func (c *apiComparer) sameTypeParams(o, n *types.TypeParamList) bool {
	if o.Len() != n.Len() {
		return false
	}
	for i := range o.Len() {
		if !c.same(o.At(i).Constraint(), n.At(i).Constraint()) {
			return false
		}
	}
	return true
}

func (c *apiComparer) sameTuple(o, n *types.Tuple) bool {
	if o.Len() != n.Len() {
		return false
	}
	for i := range o.Len() {
		if !c.same(o.At(i).Type(), n.At(i).Type()) {
			return false
		}
	}
	return true
}

func (c *apiComparer) sameStruct(o, n *types.Struct) bool {
	if o.NumFields() != n.NumFields() {
		return false
	}
	for i := range o.NumFields() {
		of, nf := o.Field(i), n.Field(i)
		if of.Name() != nf.Name() || of.Embedded() != nf.Embedded() || o.Tag(i) != n.Tag(i) ||
			!c.same(of.Type(), nf.Type()) {
			return false
		}
	}
	return true
}

func (c *apiComparer) sameInterface(o, n *types.Interface) bool {
	if o.NumMethods() != n.NumMethods() || o.NumEmbeddeds() != n.NumEmbeddeds() {
		return false
	}
	for i := range o.NumMethods() {
		om, nm := o.Method(i), n.Method(i)
		if om.Name() != nm.Name() || !c.same(bare(om.Type()), bare(nm.Type())) {
			return false
		}
	}
	for i := range o.NumEmbeddeds() {
		if !c.same(o.EmbeddedType(i), n.EmbeddedType(i)) {
			return false
		}
	}
	return true
}
