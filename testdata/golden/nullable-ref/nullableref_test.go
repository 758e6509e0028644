package nullableref

import (
	"encoding/json"
	"testing"
)

// anyOf [$ref, {type: object, nullable: true}] is a nullable reference:
// null, absent and an object stay apart, and an object decodes as the
// referenced type even without the properties it requires.
func TestNullableReference(t *testing.T) {
	for _, doc := range []string{
		`{"@odata.type":"thing","owner":null,"watchers":[{"@odata.type":"set","displayName":"ann"}]}`,
		`{"@odata.type":"thing","owner":{"@odata.type":"set","displayName":"bob"}}`,
		`{"@odata.type":"thing"}`,
		`{"@odata.type":"thing","color":"red"}`,
		`{"@odata.type":"thing","color":null}`,
		`{"@odata.type":"thing","color":"blue"}`,
	} {
		var th Thing
		if err := json.Unmarshal([]byte(doc), &th); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(th)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != doc {
			t.Errorf("round trip:\n got %s\nwant %s", out, doc)
		}
	}
	var th Thing
	if err := json.Unmarshal([]byte(`{"owner":{"displayName":"bob"},"watchers":[{"displayName":"ann"}]}`), &th); err != nil {
		t.Fatal(err)
	}
	if !th.Owner.Valid || th.Owner.Null || th.Owner.Value.DisplayName.Value != "bob" {
		t.Errorf("owner = %+v", th.Owner)
	}
	if len(th.Watchers) != 1 || th.Watchers[0].DisplayName.Value != "ann" {
		t.Errorf("watchers = %+v", th.Watchers)
	}
}

// A nullable reference to a string enum is Nullable of the enum: its
// values, null and absence stay apart, and an object in its place is an
// error, not a value kept in a map.
func TestNullableEnumReference(t *testing.T) {
	var th Thing
	if err := json.Unmarshal([]byte(`{"color":"green"}`), &th); err != nil {
		t.Fatal(err)
	}
	if !th.Color.Valid || th.Color.Value != ColorGreen {
		t.Errorf("color = %+v, want green", th.Color)
	}
	th = Thing{}
	if err := json.Unmarshal([]byte(`{"color":null}`), &th); err != nil || !th.Color.Null {
		t.Errorf("color = %+v, %v; want null", th.Color, err)
	}
	if err := json.Unmarshal([]byte(`{"color":{"a":1}}`), &th); err == nil {
		t.Error("an object where the color belongs decodes; want an error")
	}
}
