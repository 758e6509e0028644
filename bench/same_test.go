package bench_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/go-faster/jx"
)

// TestSameBody checks that the four clients encode the same request body,
// so that the benchmarks compare like with like.
func TestSameBody(t *testing.T) {
	bodies := map[string][]byte{}
	var err error
	if bodies["handwritten"], err = json.Marshal(handwrittenRequest()); err != nil {
		t.Fatal(err)
	}
	if bodies["oapi-codegen"], err = json.Marshal(oapiRequest()); err != nil {
		t.Fatal(err)
	}
	e := jx.GetEncoder()
	ogenRequest().Encode(e)
	bodies["ogen"] = e.Bytes()
	if bodies["oagen"], err = json.Marshal(oagenRequest()); err != nil {
		t.Fatal(err)
	}
	var want any
	if err := json.Unmarshal(bodies["handwritten"], &want); err != nil {
		t.Fatal(err)
	}
	for name, b := range bodies {
		var got any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s sends %s, handwritten %s", name, b, bodies["handwritten"])
		}
	}
}
