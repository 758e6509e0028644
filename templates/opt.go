package templates

import (
	"bytes"
	"encoding/json"
)

// Opt is an optional value: absent, or present with a value. Its zero value
// is absent. A struct field of type Opt tagged `json:",omitzero"` is left
// out of JSON when absent. Opt cannot hold null: decoding a JSON null into
// it makes it absent. Use Nullable where null means something.
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

// IsSet reports whether the value is present.
func (o Opt[T]) IsSet() bool {
	return o.set
}

// IsZero reports whether the value is absent, so that omitzero omits it.
func (o Opt[T]) IsZero() bool {
	return !o.set
}

// MarshalJSON encodes the value, or null when absent (a field tagged
// omitzero is omitted instead).
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.set {
		return []byte("null"), nil
	}
	return json.Marshal(o.value)
}

// UnmarshalJSON decodes a value; a JSON null makes o absent.
func (o *Opt[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		*o = Opt[T]{}
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*o = Some(v)
	return nil
}
