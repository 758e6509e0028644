package templates

import (
	"bytes"
	"encoding/json"
)

// Nullable is a value in one of three states: absent, null, or a value. Its
// zero value is absent. A struct field of type Nullable tagged
// `json:",omitzero"` is left out of JSON when absent, written as null when
// null, and as the value otherwise; decoding restores the same state.
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

// IsSet reports whether n is present: null or a value.
func (n Nullable[T]) IsSet() bool {
	return n.present
}

// IsZero reports whether n is absent, so that omitzero omits it.
func (n Nullable[T]) IsZero() bool {
	return !n.present
}

// MarshalJSON encodes the value, or null when null or absent (a field
// tagged omitzero is omitted when absent).
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON decodes a JSON null as null and anything else as a value.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		*n = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*n = Value(v)
	return nil
}
