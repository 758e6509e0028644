package templates

import (
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"
)

// patch has the field shapes generated request types use.
type patch struct {
	A Opt[int]                 `json:"a,omitzero"`
	B Nullable[string]         `json:"b,omitzero"`
	C Nullable[map[string]int] `json:"c,omitzero"`
}

var patchMembers = objectMembers{names: []string{"a", "b", "c"}}

// moveJSON is what the generator writes for patch.
func (v *patch) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&patchMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			if c.optional(&v.A.Valid) {
				c.int(&v.A.Value)
			}
		case 1:
			if c.nullable(&v.B.Valid, &v.B.Null) {
				c.string(&v.B.Value)
			}
		case 2:
			if c.nullable(&v.C.Valid, &v.C.Null) {
				moveMap(c, &v.C.Value, intValue)
			}
		}
	}
}

func (v patch) MarshalJSON() ([]byte, error) { return marshalJSON(&v) }

func (v *patch) UnmarshalJSON(data []byte) error { return unmarshalJSON(data, v) }

func TestThreeStatesRoundTrip(t *testing.T) {
	tests := []struct {
		json             string
		aSet, bSet, bNul bool
	}{
		{`{}`, false, false, false},
		{`{"b":null}`, false, true, true},
		{`{"b":"x"}`, false, true, false},
		{`{"b":""}`, false, true, false},
		{`{"a":0}`, true, false, false},
		{`{"a":7,"b":null,"c":{"k":1}}`, true, true, true},
		{`{"c":null}`, false, false, false},
	}
	for _, tt := range tests {
		var p patch
		if err := json.Unmarshal([]byte(tt.json), &p); err != nil {
			t.Fatalf("%s: %v", tt.json, err)
		}
		aSet := p.A.Valid
		if bSet := p.B.Valid || p.B.Null; aSet != tt.aSet || bSet != tt.bSet || p.B.Null != tt.bNul {
			t.Errorf("%s: a set %v, b set %v, b null %v", tt.json, aSet, bSet, p.B.Null)
		}
		if got := mustJSON(t, p); got != tt.json {
			t.Errorf("%s marshals back as %s", tt.json, got)
		}
	}
}

func TestOptNullDecodesAsAbsent(t *testing.T) {
	p := patch{A: Some(3)}
	if err := json.Unmarshal([]byte(`{"a":null}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.A.Valid || mustJSON(t, p) != `{}` {
		t.Errorf("after a:null, A = %+v, JSON %s; want absent", p.A, mustJSON(t, p))
	}
}

func TestOptFields(t *testing.T) {
	var none Opt[string]
	some := Some("v")
	if none.Valid || none.Value != "" {
		t.Errorf("absent Opt misbehaves: %+v", none)
	}
	if !some.Valid || some.Value != "v" {
		t.Errorf("present Opt misbehaves: %+v", some)
	}
	var bad patch
	if err := json.Unmarshal([]byte(`{"a":"text"}`), &bad); err == nil {
		t.Errorf("string into Opt[int]: no error, A = %+v", bad.A)
	}
}

func TestNullableFields(t *testing.T) {
	var absent Nullable[int]
	null, val := Null[int](), Value(7)
	checks := []struct {
		name        string
		n           Nullable[int]
		valid, null bool
		value       int
		json        string
	}{
		{"absent", absent, false, false, 0, `{}`},
		{"null", null, false, true, 0, `{"b":null}`},
		{"value", val, true, false, 7, `{"b":"v"}`},
		{"both set by hand: the value wins", Nullable[int]{Value: 7, Valid: true, Null: true}, true, true, 7, `{"b":"v"}`},
	}
	for _, c := range checks {
		if c.n.Valid != c.valid || c.n.Null != c.null || c.n.Value != c.value {
			t.Errorf("%s: %+v", c.name, c.n)
		}
		if got := mustJSON(t, patch{B: Nullable[string]{Valid: c.n.Valid, Null: c.n.Null, Value: "v"}}); got != c.json {
			t.Errorf("%s marshals as %s, want %s", c.name, got, c.json)
		}
	}
	var bad patch
	if err := json.Unmarshal([]byte(`{"b":{}}`), &bad); err == nil || bad.B.Value != "" {
		t.Errorf("object into Nullable[string]: err %v, value %q", err, bad.B.Value)
	}
}

// TestWrappersStayLight checks what keeps Opt and Nullable cheap to
// compile and to hold: they are not comparable (no equality function is
// compiled for them or for the structs holding them), and the field that
// makes them so takes no room.
func TestWrappersStayLight(t *testing.T) {
	if reflect.TypeFor[Opt[int64]]().Comparable() || reflect.TypeFor[Nullable[string]]().Comparable() {
		t.Error("Opt or Nullable is comparable")
	}
	type optInt64 struct {
		value int64
		set   bool
	}
	type nullableInt32 struct {
		value          int32
		present, valid bool
	}
	if got, want := unsafe.Sizeof(Opt[int64]{}), unsafe.Sizeof(optInt64{}); got != want {
		t.Errorf("Opt[int64] takes %d bytes, want %d", got, want)
	}
	if got, want := unsafe.Sizeof(Nullable[int32]{}), unsafe.Sizeof(nullableInt32{}); got != want {
		t.Errorf("Nullable[int32] takes %d bytes, want %d", got, want)
	}
}
