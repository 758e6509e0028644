package templates

import (
	"bytes"
	"slices"
)

// jsonKind is a set of JSON value kinds.
type jsonKind uint8

// JSON value kinds. kindInteger is a number without fraction or exponent:
// a variant of kind kindInteger accepts 3 but not 3.5, one of kind
// kindNumber accepts both.
const (
	kindNull jsonKind = 1 << iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
	kindInteger
)

// unionVariant is what pickVariant knows of one variant of a union.
type unionVariant struct {
	kinds         jsonKind // the JSON kinds the variant accepts
	required      []string // required properties, for object variants
	properties    []string // all declared properties, for object variants
	discriminator []string // discriminator values that select the variant
}

// pickVariant returns the index of the variant that data most likely holds,
// or -1 when none fits. In order:
//  1. With a discriminator property present as a string in an object, the
//     variant listing that value wins. If none lists it, only the variants
//     that list no value at all (which the spec could not map) remain.
//  2. Only variants accepting the JSON kind remain, and object variants
//     only if all their required properties are present.
//  3. Among those, the most required properties wins, then the most of the
//     object's keys among the declared properties, then the lowest index.
func pickVariant(data []byte, discriminatorProperty string, variants []unionVariant) int {
	kind := kindOf(data)
	var fields []jsonMember
	if kind == kindObject {
		var ok bool
		if fields, ok = scanMembers(data); !ok {
			return -1
		}
	}
	tag, tagged := stringField(fields, discriminatorProperty)
	if tagged {
		if i := slices.IndexFunc(variants, func(v unionVariant) bool { return slices.Contains(v.discriminator, tag) }); i >= 0 {
			return i
		}
	}
	best, bestRequired, bestCovered := -1, -1, -1
	for i, v := range variants {
		if v.kinds&kind == 0 || tagged && len(v.discriminator) > 0 {
			continue
		}
		required, covered := 0, 0
		if kind == kindObject {
			if countPresent(fields, v.required) < len(v.required) {
				continue
			}
			required, covered = len(v.required), countPresent(fields, v.properties)
		}
		if required > bestRequired || required == bestRequired && covered > bestCovered {
			best, bestRequired, bestCovered = i, required, covered
		}
	}
	return best
}

// kindOf returns the kind of the JSON value data without validating it; 0
// when data is empty or starts like no JSON value.
func kindOf(data []byte) jsonKind {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return 0
	}
	switch c := data[0]; {
	case c == 'n':
		return kindNull
	case c == 't' || c == 'f':
		return kindBool
	case c == '"':
		return kindString
	case c == '[':
		return kindArray
	case c == '{':
		return kindObject
	case c == '-' || c >= '0' && c <= '9':
		if bytes.ContainsAny(data, ".eE") {
			return kindNumber
		}
		return kindNumber | kindInteger
	}
	return 0
}

// jsonMember is a member of a JSON object, its value undecoded. Both alias
// the scanned input, unless the key had to be unquoted.
type jsonMember struct {
	key, value []byte
}

// scanMembers returns the members of the JSON object data, in order,
// duplicates included; false when data is not one well-formed object.
func scanMembers(data []byte) ([]jsonMember, bool) {
	c := newDecoder(data)
	defer c.release()
	if c.peek() != '{' || !c.openObject() {
		return nil, false
	}
	var members []jsonMember
	for n := 0; ; n++ {
		key, ok := c.nextKey(n)
		if !ok {
			break
		}
		if c.textUnquoted {
			key = bytes.Clone(key) // the scratch buffer is reused by the next key
		}
		c.peek()
		start := c.pos
		c.skipValue()
		members = append(members, jsonMember{key: key, value: data[start:c.pos]})
	}
	return members, c.decoded() == nil
}

// memberValue returns the value of the last member of fields named key, as
// encoding/json keeps the last of duplicate keys; nil when there is none.
func memberValue(fields []jsonMember, key string) []byte {
	for i := len(fields) - 1; i >= 0; i-- {
		if string(fields[i].key) == key {
			return fields[i].value
		}
	}
	return nil
}

// stringField returns the member key of fields when it is a JSON string.
func stringField(fields []jsonMember, key string) (string, bool) {
	raw := memberValue(fields, key)
	if key == "" || kindOf(raw) != kindString {
		return "", false
	}
	return string(unquoteJSON(nil, raw[1:len(raw)-1])), true
}

// countPresent returns how many of keys fields has.
func countPresent(fields []jsonMember, keys []string) int {
	n := 0
	for _, k := range keys {
		if memberValue(fields, k) != nil {
			n++
		}
	}
	return n
}
