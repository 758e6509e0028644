package templates

import (
	"encoding/json"
	"maps"
	"testing"
)

// known is the declared part of an object with additional properties.
type known struct {
	A int    `json:"a"`
	B string `json:"b,omitempty"`
}

func TestMarshalObject(t *testing.T) {
	tests := []struct {
		name  string
		known any
		extra map[string]int
		want  string
	}{
		{"no extra", known{A: 1}, nil, `{"a":1}`},
		{"sorted extra", known{A: 1}, map[string]int{"z": 26, "m": 13}, `{"a":1,"m":13,"z":26}`},
		{"declared key wins", known{A: 1}, map[string]int{"a": 9, "b": 2}, `{"a":1,"b":2}`},
		{"empty known", struct{}{}, map[string]int{"k": 1}, `{"k":1}`},
		{"escaped key", struct{}{}, map[string]int{`q"<`: 1}, `{"q\"\u003c":1}`},
	}
	for _, tt := range tests {
		got, err := marshalObject(tt.known, tt.extra)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: marshalObject = %s, %v; want %s", tt.name, got, err, tt.want)
		}
		if err == nil && !json.Valid(got) {
			t.Errorf("%s: invalid JSON %s", tt.name, got)
		}
	}
	for _, bad := range []any{(*known)(nil), 3, []int{1}} {
		if _, err := marshalObject(bad, map[string]int{"k": 1}); err == nil {
			t.Errorf("marshalObject(%#v): no error", bad)
		}
	}
	if _, err := marshalObject(known{}, map[string]any{"f": func() {}}); err == nil {
		t.Error("unmarshalable extra value: no error")
	}
}

func TestUnmarshalObject(t *testing.T) {
	tests := []struct {
		data      string
		wantKnown known
		wantExtra map[string]bool
	}{
		{`{"a":1,"x":true,"y":false}`, known{A: 1}, map[string]bool{"x": true, "y": false}},
		{`{"a":1,"b":"s"}`, known{A: 1, B: "s"}, nil},
		{`{}`, known{}, nil},
	}
	for _, tt := range tests {
		var k known
		extra := map[string]bool{"stale": true}
		if err := unmarshalObject([]byte(tt.data), &k, []string{"a", "b"}, &extra); err != nil {
			t.Fatalf("%s: %v", tt.data, err)
		}
		if k != tt.wantKnown || !maps.Equal(extra, tt.wantExtra) || (extra == nil) != (tt.wantExtra == nil) {
			t.Errorf("%s: known %+v, extra %v; want %+v, %v", tt.data, k, extra, tt.wantKnown, tt.wantExtra)
		}
	}
	var k known
	var extra map[string]bool
	for _, bad := range []string{`{"a":1,"x":"not a bool"}`, `[1]`, `{"a":"str"}`, `{`} {
		if err := unmarshalObject([]byte(bad), &k, []string{"a"}, &extra); err == nil {
			t.Errorf("unmarshalObject(%s): no error", bad)
		}
	}
}

func TestObjectRoundTrip(t *testing.T) {
	in := map[string]json.RawMessage{"x": json.RawMessage(`[1,{"n":null}]`)}
	data, err := marshalObject(known{A: 5, B: "b"}, in)
	if err != nil {
		t.Fatal(err)
	}
	var k known
	var out map[string]json.RawMessage
	if err := unmarshalObject(data, &k, []string{"a", "b"}, &out); err != nil {
		t.Fatal(err)
	}
	if k != (known{A: 5, B: "b"}) || string(out["x"]) != `[1,{"n":null}]` || len(out) != 1 {
		t.Errorf("round trip of %s: %+v, %s", data, k, out)
	}
}
