package unions

import (
	"encoding/json"
	"testing"
)

func TestDiscriminatedUnion(t *testing.T) {
	var h Holder
	doc := `{"shapes":[{"kind":"circle","radius":2},{"kind":"square","side":3},{"kind":"hexagon","n":6}],"contact":{"phone":"1","ext":"2"},"value":[ "x" ],"inline":{"x":1}}`
	if err := json.Unmarshal([]byte(doc), &h); err != nil {
		t.Fatal(err)
	}
	if c, ok := h.Shapes[0].AsCircle(); !ok || c.Radius != 2 {
		t.Errorf("shape 0 = %+v %v", c, ok)
	}
	if _, ok := h.Shapes[0].AsSquare(); ok {
		t.Error("a circle reads as a square")
	}
	if s, ok := h.Shapes[1].AsSquare(); !ok || s.Side != 3 {
		t.Errorf("shape 1 = %+v %v", s, ok)
	}
	if h.Shapes[2].IsKnown() || string(h.Shapes[2].Raw()) != `{"kind":"hexagon","n":6}` {
		t.Errorf("unknown shape: known=%v raw=%s", h.Shapes[2].IsKnown(), h.Shapes[2].Raw())
	}
	c, _ := h.Contact.Get()
	if p, ok := c.AsPhone(); !ok || p.Phone != "1" {
		t.Errorf("contact = %+v %v", p, ok)
	}
	v, _ := h.Value.Get()
	if list, ok := v.AsStringList(); !ok || len(list) != 1 {
		t.Errorf("value = %v %v", list, ok)
	}
	again, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal([]byte(doc), &a)
	json.Unmarshal(again, &b)
	if ja, jb := mustJSON(a), mustJSON(b); ja != jb {
		t.Errorf("round trip\n got %s\nwant %s", jb, ja)
	}
}

func TestScalarUnionByJSONType(t *testing.T) {
	for doc, want := range map[string]string{`"s"`: "string", `12`: "int", `true`: "bool"} {
		var s Scalar
		if err := json.Unmarshal([]byte(doc), &s); err != nil {
			t.Fatal(err)
		}
		_, isString := s.AsString()
		_, isInt := s.AsInt()
		_, isBool := s.AsBool()
		got := map[bool]string{isString: "string"}[true] + map[bool]string{isInt: "int"}[true] + map[bool]string{isBool: "bool"}[true]
		if got != want {
			t.Errorf("%s decoded as %q, want %q", doc, got, want)
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
