package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// jsonView is an undecoded JSON value that aliases the decoded input
// instead of copying it. It is only valid while that input is.
type jsonView []byte

// UnmarshalJSON keeps data without copying it.
func (v *jsonView) UnmarshalJSON(data []byte) error {
	*v = data
	return nil
}

// objectFields returns the top-level members of the JSON object data, their
// values undecoded. A JSON null yields a nil map; anything else that is not
// an object is an error.
func objectFields(data []byte) (map[string]jsonView, error) {
	var fields map[string]jsonView
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, err
	}
	return fields, nil
}

// marshalObject marshals known, a struct, then appends the members of
// extra in key order, skipping keys that known already wrote.
func marshalObject[T any](known any, extra map[string]T) ([]byte, error) {
	data, err := json.Marshal(known)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	written, err := objectFields(data)
	if err != nil || written == nil {
		return nil, fmt.Errorf("%T does not marshal to a JSON object", known)
	}
	var buf bytes.Buffer
	buf.Grow(len(data) + 32*len(extra))
	buf.Write(data[:len(data)-1]) // all but the closing brace
	sep := len(written) > 0
	for _, key := range slices.Sorted(maps.Keys(extra)) {
		if _, ok := written[key]; ok {
			continue
		}
		value, err := json.Marshal(extra[key])
		if err != nil {
			return nil, fmt.Errorf("additional property %q: %w", key, err)
		}
		name, _ := json.Marshal(key) // a string always marshals
		if sep {
			buf.WriteByte(',')
		}
		sep = true
		buf.Write(name)
		buf.WriteByte(':')
		buf.Write(value)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// unmarshalObject decodes data into known, a pointer to a struct, and every
// member whose key is not in knownKeys (compared exactly) into *extra, which
// is left nil when there are none. known must not be the type whose
// UnmarshalJSON calls this, or decoding would recurse.
func unmarshalObject[T any](data []byte, known any, knownKeys []string, extra *map[string]T) error {
	if err := json.Unmarshal(data, known); err != nil {
		return err
	}
	fields, err := objectFields(data)
	if err != nil {
		return err
	}
	*extra = nil
	for key, raw := range fields {
		if slices.Contains(knownKeys, key) {
			continue
		}
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("additional property %q: %w", key, err)
		}
		if *extra == nil {
			*extra = make(map[string]T)
		}
		(*extra)[key] = v
	}
	return nil
}

// namedMember is a struct field whose JSON name no struct tag can carry (a
// name with a space, a comma or a quote): the generated MarshalJSON and
// UnmarshalJSON move it through these helpers instead of a tag.
type namedMember struct {
	key  string
	ptr  any  // pointer to the field
	omit bool // left out when zero, as omitzero leaves it
}

// memberValues returns the members to write, by key: each field's value,
// except optional ones that are zero.
func memberValues(members []namedMember) map[string]any {
	out := make(map[string]any, len(members))
	for _, m := range members {
		v := reflect.ValueOf(m.ptr).Elem()
		if m.omit && isZero(v) {
			continue
		}
		out[m.key] = v.Interface()
	}
	return out
}

// isZero reports what omitzero would: the value's IsZero method when it
// has one, else whether it is its type's zero value.
func isZero(v reflect.Value) bool {
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
		return z.IsZero()
	}
	return v.IsZero()
}

// unmarshalMembers decodes the members of the JSON object data that the
// fields of members stand for.
func unmarshalMembers(data []byte, members []namedMember) error {
	fields, err := objectFields(data)
	if err != nil {
		return err
	}
	for _, m := range members {
		if raw, ok := fields[m.key]; ok {
			if err := json.Unmarshal(raw, m.ptr); err != nil {
				return fmt.Errorf("property %q: %w", m.key, err)
			}
		}
	}
	return nil
}
