package extras

import (
	"encoding/json"
	"testing"
)

func TestNamesNoTagCanCarry(t *testing.T) {
	doc := `{"a,b":"ab","plain":"p","q\"uote":true,"the id (of it)":7}`
	var o Odd
	if err := json.Unmarshal([]byte(doc), &o); err != nil {
		t.Fatal(err)
	}
	if o.TheIDOfIt != 7 || o.AB.Value != "ab" || !o.QUote.Value || o.Plain.Value != "p" {
		t.Errorf("decoded %+v", o)
	}
	// Members come in the order the schema declares them, whatever their names.
	want := `{"the id (of it)":7,"a,b":"ab","q\"uote":true,"plain":"p"}`
	back, err := json.Marshal(o)
	if err != nil || string(back) != want {
		t.Errorf("encoded %s, %v\nwant %s", back, err, want)
	}
	// Optional members that are absent stay absent; a required one is
	// written even when zero.
	if b, _ := json.Marshal(Odd{}); string(b) != `{"the id (of it)":0}` {
		t.Errorf("zero value encodes as %s", b)
	}

	var open OddOpen
	if err := json.Unmarshal([]byte(`{"has space":"x","n":1}`), &open); err != nil {
		t.Fatal(err)
	}
	if open.HasSpace.Value != "x" || open.AdditionalProperties["n"] != 1 || len(open.AdditionalProperties) != 1 {
		t.Errorf("decoded %+v", open)
	}
	if b, _ := json.Marshal(open); string(b) != `{"has space":"x","n":1}` {
		t.Errorf("encoded %s", b)
	}
}
