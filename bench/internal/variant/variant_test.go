package variant

import (
	"os"
	"strings"
	"testing"
)

func TestCourier(t *testing.T) {
	src, err := os.ReadFile("../../../spec/courier-bulk.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, rw, err := Courier(src)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range rw {
		total += n
	}
	if total != 2+9+5 {
		t.Errorf("rewrites %s, want 2 type lists, 9 free-form objects, 5 names", rw)
	}
	for _, want := range []string{"x-ogen-name: BulkCreateJobParamsBody", "additionalProperties: true"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the variant has no %q", want)
		}
	}
	if strings.Contains(string(out), "[object, string, 'null']") || strings.Contains(string(out), "- object\n") {
		t.Error("a type list of several non-null types is left")
	}
	// The committed variant is what genpeers writes today.
	committed, err := os.ReadFile("../../peerspec/courier-bulk.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(committed), string(out)) {
		t.Error("peerspec/courier-bulk.yaml is stale: run go generate in bench/")
	}
}
