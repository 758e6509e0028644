package templates

// Nullable is a value in one of three states: absent, null, or a value. Its
// zero value is absent. A generated struct leaves an absent Nullable field
// out of its JSON, writes null when it is null and the value otherwise, and
// decoding restores the same state.
//
// Read a Nullable through its fields: Valid reports whether it holds a
// value, in Value; Null whether it is explicitly null; neither means
// absent. Value and Null make the two present states. Were both fields set
// by hand, Valid wins: the value is sent.
//
// Like Opt, Nullable is kept light for the build of a large API: it has no
// methods, and it is not comparable.
type Nullable[T any] struct {
	_     [0]func() // not comparable; first, where it takes no room
	Value T
	Valid bool // holds Value
	Null  bool // explicitly null
}

// Value returns a Nullable holding v.
func Value[T any](v T) Nullable[T] {
	return Nullable[T]{Value: v, Valid: true}
}

// Null returns a Nullable that is explicitly null.
func Null[T any]() Nullable[T] {
	return Nullable[T]{Null: true}
}
