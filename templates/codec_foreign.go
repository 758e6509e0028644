package templates

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
)

// foreign moves a value of a type the generated code does not declare: a
// type the user mapped a schema to (x-go-type, or the config's types). p
// points to it. The type moves itself, as encoding/json would move it:
// through its MarshalJSON and UnmarshalJSON, else its MarshalText and
// UnmarshalText (as a JSON string), else through encoding/json. An error
// of the type's own methods is kept as it is, so that errors.As finds it
// in the *DecodeError of a call.
func (c *jsonCodec) foreign(p any) {
	if c.err != nil {
		return
	}
	if !c.decode {
		c.writeForeign(p)
		return
	}
	raw := c.rawValue()
	if raw == nil {
		return
	}
	switch u := p.(type) {
	case json.Unmarshaler:
		if err := u.UnmarshalJSON(raw); err != nil {
			c.fail(err)
		}
	case encoding.TextUnmarshaler:
		// As encoding/json: a string is unquoted for the method, a null
		// leaves the value alone, and anything else is an error.
		switch raw[0] {
		case '"':
			d := newDecoder(raw)
			text, ok := d.text()
			if ok {
				if err := u.UnmarshalText(text); err != nil {
					c.fail(err)
				}
			} else {
				c.fail(d.err)
			}
			d.release()
		case 'n':
		default:
			c.fail(&json.UnmarshalTypeError{Value: jsonKindName(raw[0]), Type: reflect.TypeOf(p).Elem()})
		}
	default:
		if err := json.Unmarshal(raw, p); err != nil {
			c.fail(err)
		}
	}
}

// writeForeign encodes the value p points to; see foreign.
func (c *jsonCodec) writeForeign(p any) {
	switch m := p.(type) {
	case json.Marshaler:
		b, err := m.MarshalJSON()
		if err != nil {
			c.fail(&json.MarshalerError{Type: reflect.TypeOf(p).Elem(), Err: err})
			return
		}
		c.writeJSON(b)
	case encoding.TextMarshaler:
		b, err := m.MarshalText()
		if err != nil {
			c.fail(fmt.Errorf("json: error calling MarshalText for type %s: %w", reflect.TypeOf(p).Elem(), err))
			return
		}
		c.writeString(string(b))
	default:
		c.writeFallback(p)
	}
}

// foreignValue moves an element (of a slice or map) of a mapped type.
func foreignValue[T any](p *T, c *jsonCodec) { c.foreign(p) }
