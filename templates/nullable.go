package templates

// Nullable is a value in one of three states: absent, null, or a value. Its
// zero value is absent. A generated struct leaves an absent Nullable field
// out of its JSON, writes null when it is null and the value otherwise, and
// decoding restores the same state. Nullable has no JSON methods of its
// own; the struct holding it encodes and decodes it. Get and IsNull tell
// the three states apart (a value, null, neither: absent); with Or they
// are its only methods, since every method of a generic type is compiled
// once per type argument.
type Nullable[T any] struct {
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
// absent).
func (n Nullable[T]) Get() (T, bool) {
	return n.value, n.valid
}

// Or returns the value when there is one, def when null or absent.
func (n Nullable[T]) Or(def T) T {
	if n.valid {
		return n.value
	}
	return def
}

// IsNull reports whether n is explicitly null.
func (n Nullable[T]) IsNull() bool {
	return n.present && !n.valid
}
