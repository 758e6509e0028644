package templates

// Opt is an optional value: absent, or present with a value. Its zero value
// is absent. A generated struct leaves an absent Opt field out of its JSON,
// and decoding a JSON null into one makes it absent: Opt cannot hold null.
// Use Nullable where null means something.
//
// Read an Opt through its fields, as a sql.Null: Valid reports whether it
// is present, and Value holds the value when it is. Some makes a present
// one.
//
// Opt is kept light because a large API instantiates it thousands of
// times, and every method of a generic type is compiled once per type
// argument, as a wrapper at least: it has no methods at all (the struct
// holding it encodes and decodes it), and it is not comparable (so no
// equality function is compiled for it, nor for the structs that hold
// one). Compare its Value.
type Opt[T any] struct {
	_     [0]func() // not comparable; first, where it takes no room
	Value T
	Valid bool
}

// Some returns a present Opt holding v.
func Some[T any](v T) Opt[T] {
	return Opt[T]{Value: v, Valid: true}
}
