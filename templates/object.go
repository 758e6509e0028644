package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
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
