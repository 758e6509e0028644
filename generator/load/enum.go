package load

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/generator/ir"
	"github.com/oagen/oagen/generator/naming"
)

// fillEnum fills an enum type. Values that repeat are declared once;
// values that would share a Go name are numbered.
func (b *builder) fillEnum(t *ir.Type, s *openapi3.Schema, ptr string) {
	t.Kind = ir.Enum
	base := enumBase(s)
	t.Base = &base
	seen := map[string]bool{}
	chosen := map[string]int{} // value -> index of its name in x-enum-varnames
	varNames := b.enumVarNames(s, ptr)
	for i, v := range s.Enum {
		if varNames != nil && v != nil {
			if val, ok := enumValue(base.Name, v); ok {
				if _, dup := chosen[fmt.Sprint(val)]; !dup {
					chosen[fmt.Sprint(val)] = i
				}
			}
		}
	}
	for _, v := range enumValues(s) {
		val, ok := enumValue(base.Name, v)
		if !ok {
			b.warn(ptr, "enum value %v is not a %s; left out", v, base.Name)
			continue
		}
		key := fmt.Sprint(val)
		if seen[key] {
			continue
		}
		seen[key] = true
		name := ""
		if i, ok := chosen[key]; ok {
			name = b.claimChosen(ptr+"="+key, t.Name+varNames[i], fmt.Sprintf("%s/%s/%d", ptr, varNamesKey(s), i))
		} else {
			name = b.claim(ptr+"="+key, t.Name+valueWord(val))
		}
		t.Values = append(t.Values, ir.EnumValue{Name: name, Value: val})
	}
}

// enumBase is the Go type of an enum's values.
func enumBase(s *openapi3.Schema) ir.TypeRef {
	switch primaryType(s) {
	case "integer":
		return ir.BuiltinRef(ir.Int64)
	case "number":
		return ir.BuiltinRef(ir.Float64)
	case "boolean":
		return ir.BuiltinRef(ir.Bool)
	}
	return ir.BuiltinRef(ir.String)
}

// constOf returns the only value an enum schema allows (const, or an enum
// of one value), as its base type; nil when it allows more, or null, or
// when the value is the zero value, which needs no filling in.
func constOf(s *openapi3.Schema) any {
	vals := enumValues(s)
	if len(vals) == 0 || nullable(s) || shapeOf(s) != shapeEnum {
		return nil
	}
	for _, v := range vals[1:] {
		if fmt.Sprint(v) != fmt.Sprint(vals[0]) {
			return nil
		}
	}
	v, ok := enumValue(enumBase(s).Name, vals[0])
	if !ok || v == "" || v == int64(0) || v == 0.0 || v == false {
		return nil
	}
	return v
}

// enumValue converts a decoded enum value to the enum's base type.
func enumValue(base string, v any) (any, bool) {
	switch base {
	case ir.String:
		s, ok := v.(string)
		return s, ok
	case ir.Bool:
		x, ok := v.(bool)
		return x, ok
	case ir.Int64:
		switch x := v.(type) {
		case float64:
			if x == math.Trunc(x) {
				return int64(x), true
			}
		case int:
			return int64(x), true
		case int64:
			return x, true
		}
	case ir.Float64:
		switch x := v.(type) {
		case float64:
			return x, true
		case int:
			return float64(x), true
		case int64:
			return float64(x), true
		}
	}
	return nil, false
}

// valueWord turns an enum value into the suffix of its constant's name.
func valueWord(v any) string {
	switch x := v.(type) {
	case string:
		if strings.TrimSpace(x) == "" {
			return "Empty"
		}
		if strings.ToUpper(x) == x {
			// SCREAMING_CASE reads as words: COMPLETED -> Completed, API_ERROR -> APIError.
			x = strings.ToLower(x)
		}
		w := naming.Exported(x)
		if w == "X" && x != "x" {
			// Only punctuation: spell the characters.
			var sb strings.Builder
			for _, r := range x {
				sb.WriteString(fmt.Sprintf("U%04X", r))
			}
			return sb.String()
		}
		if words := naming.Words(x); len(words) > 0 && !unicode.IsLetter([]rune(words[0])[0]) {
			return strings.TrimPrefix(w, "X") // the type name already leads
		}
		return w
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		if x < 0 {
			return fmt.Sprintf("Minus%d", -x)
		}
		return fmt.Sprintf("%d", x)
	case float64:
		s := strings.NewReplacer("-", "Minus", ".", "_", "+", "").Replace(fmt.Sprint(x))
		return s
	}
	return "Value"
}
