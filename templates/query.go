package templates

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// paramPair is one name=value pair of a query string or a form body.
type paramPair struct{ name, value string }

// deepObjectPairs spells v (an object, a map or a struct) in the
// deepObject style: name[key]=value, nested objects as name[a][b]=value and
// list items by index, name[a][0]=value, as Stripe, qs and PHP read them.
// Keys come sorted; null members are left out.
func deepObjectPairs(name string, v any) []paramPair {
	var out []paramPair
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		switch x := x.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				walk(prefix+"["+k+"]", x[k])
			}
		case []any:
			for i, item := range x {
				walk(prefix+"["+strconv.Itoa(i)+"]", item)
			}
		case nil:
		default:
			out = append(out, paramPair{prefix, scalarText(x)})
		}
	}
	walk(name, jsonValue(v))
	return out
}

// formObjectPairs spells v (an object) in the form style. Exploded, each
// property is a pair of its own, key=value; otherwise one pair
// name=key,value,key,value. Nested objects and lists travel as JSON text.
// Keys come sorted; null members are left out.
func formObjectPairs(name string, v any, explode bool) []paramPair {
	obj, ok := jsonValue(v).(map[string]any)
	if !ok {
		return []paramPair{{name, jsonString(v)}}
	}
	var out []paramPair
	var joined []string
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if obj[k] == nil {
			continue
		}
		text := scalarText(obj[k])
		if explode {
			out = append(out, paramPair{k, text})
		} else {
			joined = append(joined, k, text)
		}
	}
	if !explode && len(joined) > 0 {
		out = append(out, paramPair{name, strings.Join(joined, ",")})
	}
	return out
}

// jsonValue is v as encoding/json sees it: maps, slices, json.Number,
// strings, booleans and nil. A value that does not encode is nil.
func jsonValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var x any
	if dec.Decode(&x) != nil {
		return nil
	}
	return x
}

// scalarText spells a decoded JSON value as a parameter value: strings as
// they are, numbers and booleans as JSON writes them, objects and lists as
// JSON text.
func scalarText(x any) string {
	switch x := x.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return jsonString(x)
}

// paramText spells a value of a mapped type as a parameter value: its JSON,
// unquoted when it is a string ("12.50" for a decimal that encodes as
// "12.50"), as scalarText spells any other.
func paramText(v any) string {
	return scalarText(jsonValue(v))
}

// joinText joins values of a string type, such as an enum, with sep, for
// a list parameter sent in one piece. It is generic so that operations
// share one compiled body instead of a loop each; the compiler still adds
// a small wrapper per enum type, one reason why enums with the same values
// are declared once, the others as aliases.
func joinText[S ~string](values []S, sep string) string {
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(string(v))
	}
	return b.String()
}
