package unions

import (
	"encoding/json"
	"fmt"
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
	c := h.Contact.Value
	if p, ok := c.AsPhone(); !ok || p.Phone != "1" {
		t.Errorf("contact = %+v %v", p, ok)
	}
	v := h.Value.Value
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

func TestDiscriminatorInheritedThroughAllOf(t *testing.T) {
	doc := `{"pets":[{"petType":"cat","name":"Tom","meows":true},{"petType":"Dog","barks":false},{"petType":"Puppy","ageWeeks":9},{"petType":"Dragon"}]}`
	var k Kennel
	if err := json.Unmarshal([]byte(doc), &k); err != nil {
		t.Fatal(err)
	}
	if len(k.Pets) != 4 {
		t.Fatalf("%d pets", len(k.Pets))
	}
	if c, ok := k.Pets[0].AsCat(); !ok || c.Name.Value != "Tom" || !c.Meows.Value || c.PetType != "cat" {
		t.Errorf("pet 0 = %+v %v", c, ok)
	}
	if _, ok := k.Pets[0].AsDog(); ok {
		t.Error("a cat reads as a dog")
	}
	d, ok := k.Pets[1].AsDog()
	if !ok || !d.Barks.Valid || d.Barks.Value {
		t.Errorf("pet 1 = %+v %v", d, ok)
	}
	if p, ok := k.Pets[2].AsPuppy(); !ok || p.AgeWeeks.Value != 9 {
		t.Errorf("pet 2 = %+v %v", p, ok)
	}
	if k.Pets[3].IsKnown() {
		t.Error("an unknown petType reads as a known pet")
	}
	again, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal([]byte(doc), &a)
	json.Unmarshal(again, &b)
	if x, y := fmt.Sprint(a), fmt.Sprint(b); x != y {
		t.Errorf("round trip:\n got %s\nwant %s", y, x)
	}
}

func TestOneOfBesideProperties(t *testing.T) {
	doc := `{"vehicle":{"type":"car","wheels":4,"doors":5},"tag":{"slug":"x"}}`
	var k Kennel
	if err := json.Unmarshal([]byte(doc), &k); err != nil {
		t.Fatal(err)
	}
	v := k.Vehicle.Value
	c, ok := v.AsCar()
	if !ok || c.Wheels.Value != 4 || c.Doors.Value != 5 || c.Type != "car" {
		t.Errorf("vehicle = %+v %v", c, ok)
	}
	bike := VehicleOfBike(VehicleBike{Type: "bike", Gears: Some[int64](21)})
	b, err := json.Marshal(bike)
	if err != nil || string(b) != `{"type":"bike","gears":21}` {
		t.Errorf("bike = %s, %v", b, err)
	}
	var back Vehicle
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if got, ok := back.AsBike(); !ok || got.Gears.Value != 21 {
		t.Errorf("bike decoded as %+v %v", got, ok)
	}
	tag := k.Tag.Value
	if tag.Slug.Value != "x" {
		t.Errorf("tag = %+v", tag)
	}
}

// TestUnionIsAValue checks that a union holding a struct by pointer still
// behaves as a value: neither the constructor's argument, nor what an
// accessor returns, nor a decoded copy is shared with the union.
func TestUnionIsAValue(t *testing.T) {
	e := ContactEmail{Email: "a@example.com"}
	u := ContactOfEmail(e)
	e.Email = "changed@example.com"
	got, ok := u.AsEmail()
	if !ok || got.Email != "a@example.com" {
		t.Fatalf("after changing the constructor's argument: %+v %v", got, ok)
	}
	got.Email = "changed@example.com"
	if again, _ := u.AsEmail(); again.Email != "a@example.com" {
		t.Errorf("after changing what the accessor returned: %q", again.Email)
	}
	if _, ok := u.AsPhone(); ok {
		t.Error("an email reads as a phone")
	}
	out, err := json.Marshal(u)
	if err != nil || string(out) != `{"email":"a@example.com"}` {
		t.Errorf("encoded %s, %v", out, err)
	}

	var decoded Contact
	if err := json.Unmarshal([]byte(`{"email":"b@example.com"}`), &decoded); err != nil {
		t.Fatal(err)
	}
	first := decoded
	if err := json.Unmarshal([]byte(`{"email":"c@example.com"}`), &decoded); err != nil {
		t.Fatal(err)
	}
	if e, _ := first.AsEmail(); e.Email != "b@example.com" {
		t.Errorf("a copy changed when the original was decoded into again: %q", e.Email)
	}
	if e, _ := decoded.AsEmail(); e.Email != "c@example.com" {
		t.Errorf("decoded again: %q", e.Email)
	}
}
