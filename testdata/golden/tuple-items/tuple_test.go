package tupleitems

import (
	"encoding/json"
	"testing"
)

// A tuple written with the list form of items is read as prefixItems: a
// tuple type whose fields are the elements, which round-trips.
func TestTupleItemsRoundTrip(t *testing.T) {
	doc := `{"pair":[3,true],"coords":[1.5,2],"tags":["a"]}`
	var p Point
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	if p.Pair.V0 != 3 || !p.Pair.V1 {
		t.Errorf("pair = %#v", p.Pair)
	}
	if !p.Coords.Valid || p.Coords.Value.V0 != 1.5 || p.Coords.Value.V1 != 2 {
		t.Errorf("coords = %#v", p.Coords)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != doc {
		t.Errorf("round trip:\n got %s\nwant %s", out, doc)
	}
}
