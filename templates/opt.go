package templates

// Opt is an optional value: absent, or present with a value. Its zero value
// is absent. A generated struct leaves an absent Opt field out of its JSON,
// and decoding a JSON null into one makes it absent: Opt cannot hold null.
// Use Nullable where null means something. Opt has no JSON methods of its
// own; the struct holding it encodes and decodes it. Get and Or are its
// only methods: every method of a generic type is compiled once per type
// argument, and a large API has thousands of them.
type Opt[T any] struct {
	value T
	set   bool
}

// Some returns a present Opt holding v.
func Some[T any](v T) Opt[T] {
	return Opt[T]{value: v, set: true}
}

// Get returns the value and whether it is present.
func (o Opt[T]) Get() (T, bool) {
	return o.value, o.set
}

// Or returns the value when present, def otherwise.
func (o Opt[T]) Or(def T) T {
	if o.set {
		return o.value
	}
	return def
}
