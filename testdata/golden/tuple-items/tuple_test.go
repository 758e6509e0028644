package tupleitems

import (
	"encoding/json"
	"testing"
)

// A tuple written with the list form of items is held as []any and
// round-trips.
func TestTupleItemsRoundTrip(t *testing.T) {
	doc := `{"pair":[3,true],"coords":[1.5,2],"tags":["a"]}`
	var p Point
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Pair) != 2 || p.Pair[0] != 3.0 || p.Pair[1] != true {
		t.Errorf("pair = %#v", p.Pair)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != doc {
		t.Errorf("round trip:\n got %s\nwant %s", out, doc)
	}
}
