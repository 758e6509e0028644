package templates

// Nullable is a value in one of three states: absent, null, or a value. Its
// zero value is absent. A generated struct leaves an absent Nullable field
// out of its JSON, writes null when it is null and the value otherwise, and
// decoding restores the same state. Get and IsNull tell the three states
// apart (a value, null, neither: absent).
//
// Like Opt, Nullable is kept light for the build of a large API: it has no
// JSON methods of its own, its two methods take a pointer, and it is not
// comparable.
type Nullable[T any] struct {
	_       [0]func() // not comparable; first, where it takes no room
	value   T
	present bool // null or a value
	valid   bool // a value
}

// Value returns a Nullable holding v.
func Value[T any](v T) Nullable[T] {
	return Nullable[T]{value: v, present: true, valid: true}
}

// Null returns a Nullable that is explicitly null.
func Null[T any]() Nullable[T] {
	return Nullable[T]{present: true}
}

// Get returns the value and whether there is one (false when null or
// absent, with the zero value of T).
func (n *Nullable[T]) Get() (T, bool) {
	return n.value, n.valid
}

// IsNull reports whether n is explicitly null.
func (n *Nullable[T]) IsNull() bool {
	return n.present && !n.valid
}
