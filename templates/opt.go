package templates

// Opt is an optional value: absent, or present with a value. Its zero value
// is absent. A generated struct leaves an absent Opt field out of its JSON,
// and decoding a JSON null into one makes it absent: Opt cannot hold null.
// Use Nullable where null means something.
//
// Opt is kept light because a large API instantiates it thousands of
// times, and every method of a generic type is compiled once per type
// argument: it has no JSON methods of its own (the struct holding it
// encodes and decodes it), Get is its one method and takes a pointer (a
// value method would be compiled twice), and it is not comparable (so no
// equality function is compiled for it, nor for the structs that hold
// one). Compare what Get returns.
type Opt[T any] struct {
	_     [0]func() // not comparable; first, where it takes no room
	value T
	set   bool
}

// Some returns a present Opt holding v.
func Some[T any](v T) Opt[T] {
	return Opt[T]{value: v, set: true}
}

// Get returns the value and whether it is present. An absent Opt returns
// the zero value of T.
func (o *Opt[T]) Get() (T, bool) {
	return o.value, o.set
}
