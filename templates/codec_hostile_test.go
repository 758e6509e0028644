package templates

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCodecDeepNesting feeds a million levels of nesting to every path that
// reads nested values: each fails cleanly at encoding/json's depth limit.
func TestCodecDeepNesting(t *testing.T) {
	const n = 1_000_000
	arrays := []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
	objects := []byte(strings.Repeat(`{"child":`, n) + "{}" + strings.Repeat("}", n))
	unknown := []byte(`{"zz":` + string(arrays) + `}`)
	const want = "exceeded max depth"
	checks := []struct {
		name string
		err  error
	}{
		{"arrays into any", decodeValue(arrays, new(any), anyValue)},
		{"objects into any", decodeValue(objects, new(any), anyValue)},
		{"arrays into a struct", unmarshalJSON(arrays, new(codecItem))},
		{"objects into a struct", unmarshalJSON(objects, new(codecItem))},
		{"skipped member", unmarshalJSON(unknown, new(codecInner))},
		{"additional member", unmarshalJSON(unknown, new(codecItem))},
		{"arrays into raw", decodeValue(arrays, new(json.RawMessage), rawValue)},
		{"arrays into [][]float64", decodeValue(arrays, new([][]float64), func(p *[][]float64, c *jsonCodec) {
			moveSlice(c, p, func(q *[]float64, c *jsonCodec) { moveSlice(c, q, float64Value) })
		})},
		{"arrays into []any", decodeValue(arrays, new([]any), func(p *[]any, c *jsonCodec) { moveSlice(c, p, anyValue) })},
	}
	for _, tc := range checks {
		if tc.err == nil || !strings.Contains(tc.err.Error(), want) {
			// Into a struct, arrays are the wrong kind: that error is fine.
			if !(tc.name == "arrays into a struct" && tc.err != nil) {
				t.Errorf("%s: error %v, want %q", tc.name, tc.err, want)
			}
		}
	}
	if got := pickVariant(objects, "type", nodeVariants); got != -1 {
		t.Errorf("pickVariant of deep objects = %d", got)
	}
	if got := errorMessage(unknown); got != "" {
		t.Errorf("errorMessage of deep arrays = %q", got)
	}
	raw := json.RawMessage(arrays)
	if _, err := encodeValue(&raw, rawValue); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("encoding deep raw JSON: %v", err)
	}

	// Encoding a cycle fails too, instead of overflowing the stack.
	cycle := &codecItem{ID: "loop"}
	cycle.Child = cycle
	if _, err := marshalJSON(cycle); err == nil || !strings.Contains(err.Error(), "nested deeper than") {
		t.Errorf("encoding a cycle: %v", err)
	}
}

// TestCodecDepthLimit checks the limit itself: 10000 levels decode, 10001
// do not, as in encoding/json.
func TestCodecDepthLimit(t *testing.T) {
	for _, depth := range []int{10000, 10001} {
		data := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		err := decodeValue(data, new(any), anyValue)
		if wantErr := json.Unmarshal(data, new(any)); (err == nil) != (wantErr == nil) || (err == nil) != (depth == 10000) {
			t.Errorf("depth %d: codec error %v, encoding/json error %v", depth, err, wantErr)
		}
	}
}

// TestCodecTruncated cuts a document at every byte: each cut is an error
// for every reader, and none panics or hangs.
func TestCodecTruncated(t *testing.T) {
	doc := `{"id":"x\u00e9\"","count":-12,"small":3,"ratio":1.5e-3,"ok":true,"name":null,"note":4,` +
		`"tags":["a","b"],"scores":{"k":1},"child":{"id":"c","q":[{}]},"inner":{"a":1,"list":[1,2]},` +
		`"items":[{"a":1}],"when":"2024-02-29T12:00:00Z","data":"aGk=","raw":[1,{"a":null}],` +
		`"any":{"x":[true,false,null]},"a<b&é":"o","zz":{"y":[1.5,"s"]}}`
	if err := unmarshalJSON([]byte(doc), new(codecItem)); err != nil {
		t.Fatalf("the whole document: %v", err)
	}
	for i := range len(doc) {
		cut := []byte(doc[:i])
		errs := []error{
			unmarshalJSON(cut, new(codecItem)),
			unmarshalJSON(cut, new(codecEmpty)),
			decodeValue(cut, new(any), anyValue),
			decodeValue(cut, new(json.RawMessage), rawValue),
			decodeValue(cut, new(map[string]any), func(p *map[string]any, c *jsonCodec) { moveMap(c, p, anyValue) }),
		}
		for j, err := range errs {
			if err == nil {
				t.Errorf("reader %d accepted %q", j, cut)
			}
		}
		if got := pickVariant(cut, "type", rankedVariants); got != -1 {
			t.Errorf("pickVariant(%q) = %d", cut, got)
		}
		if got := errorMessage(cut); got != "" {
			t.Errorf("errorMessage(%q) = %q", cut, got)
		}
	}
}
