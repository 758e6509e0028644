package templates

import (
	"encoding/json"
	"strings"
	"testing"
)

// codecPoint is a tuple as the emitter writes one: [x, label, extra?, rest...].
type codecPoint struct {
	X     float64
	Label string
	Extra Opt[bool]
	Rest  []int64
}

func (v *codecPoint) moveJSON(c *jsonCodec) {
	t, ok := c.beginTuple()
	if !ok {
		return
	}
	if c.decoding() {
		*v = codecPoint{}
	}
	if t.element() {
		c.float64(&v.X)
	}
	if t.element() {
		c.string(&v.Label)
	}
	if t.optionalElement(&v.Extra.Valid) {
		c.bool(&v.Extra.Value)
	}
	moveRest(&t, &v.Rest, int64Value)
}

func (v codecPoint) MarshalJSON() ([]byte, error)     { return marshalJSON(&v) }
func (v *codecPoint) UnmarshalJSON(data []byte) error { return unmarshalJSON(data, v) }

// codecPair is a closed tuple whose second element may be null or left out.
type codecPair struct {
	A codecPoint
	B Nullable[string]
}

func (v *codecPair) moveJSON(c *jsonCodec) {
	t, ok := c.beginTuple()
	if !ok {
		return
	}
	if c.decoding() {
		*v = codecPair{}
	}
	if t.element() {
		v.A.moveJSON(c)
	}
	if t.nullableElement(&v.B.Valid, &v.B.Null) {
		c.string(&v.B.Value)
	}
	t.endTuple()
}

func (v codecPair) MarshalJSON() ([]byte, error)     { return marshalJSON(&v) }
func (v *codecPair) UnmarshalJSON(data []byte) error { return unmarshalJSON(data, v) }

func TestTupleRoundTrip(t *testing.T) {
	for _, doc := range []string{
		`[1.5,"a"]`,
		`[1.5,"a",true]`,
		`[1.5,"a",false,1,2,3]`,
		`[[0,""],"b"]`,
		`[[0,""],null]`,
		`[[2,"x",true,7]]`,
	} {
		var got []byte
		var err error
		if strings.HasPrefix(doc, "[[") {
			var p codecPair
			if err = json.Unmarshal([]byte(doc), &p); err == nil {
				got, err = json.Marshal(p)
			}
		} else {
			var p codecPoint
			if err = json.Unmarshal([]byte(doc), &p); err == nil {
				got, err = json.Marshal(p)
			}
		}
		if err != nil || string(got) != doc {
			t.Errorf("%s: round trip gives %s, %v", doc, got, err)
		}
	}
}

// Decoding behaves as encoding/json does on a Go array: missing elements
// are zero, elements no field holds are skipped; a wrong kind is an error.
func TestTupleDecode(t *testing.T) {
	p := codecPoint{X: 9, Label: "old", Extra: Some(true), Rest: []int64{1}}
	if err := json.Unmarshal([]byte(`[2]`), &p); err != nil {
		t.Fatal(err)
	}
	if p.X != 2 || p.Label != "" || p.Extra.Valid || p.Rest != nil {
		t.Errorf("short array: %+v", p)
	}
	var pair codecPair
	if err := json.Unmarshal([]byte(` [ [1, "a"] , "b", {"skipped": [1]}, 4 ] `), &pair); err != nil {
		t.Fatal(err)
	}
	if pair.A.X != 1 || pair.B.Value != "b" {
		t.Errorf("long array: %+v", pair)
	}
	if err := json.Unmarshal([]byte(`null`), &pair); err != nil || pair.A.X != 1 {
		t.Errorf("null: %v, %+v", err, pair)
	}
	for _, bad := range []string{`{"x":1}`, `"a"`, `[1,2]`, `["a"]`, `[1,"a",true,"x"]`, `[1,"a"`, `[1,"a",]`, `[1 "a"]`} {
		var p codecPoint
		err := unmarshalJSON([]byte(bad), &p)
		if err == nil {
			t.Errorf("%s: decoded without error", bad)
		}
	}
}

// Encoding stops at the first optional element left out; a set element
// after it is an error, as an array has no gaps.
func TestTupleEncodeGaps(t *testing.T) {
	got, err := json.Marshal(codecPoint{X: 1, Label: "a"})
	if err != nil || string(got) != `[1,"a"]` {
		t.Errorf("got %s, %v", got, err)
	}
	if _, err := json.Marshal(codecPoint{X: 1, Label: "a", Rest: []int64{3}}); err == nil || !strings.Contains(err.Error(), "no gaps") {
		t.Errorf("rest after a missing element: %v", err)
	}
	got, err = json.Marshal(codecPair{A: codecPoint{X: 1}})
	if err != nil || string(got) != `[[1,""]]` {
		t.Errorf("absent nullable: got %s, %v", got, err)
	}
	got, err = json.Marshal(codecPair{B: Null[string]()})
	if err != nil || string(got) != `[[0,""],null]` {
		t.Errorf("null: got %s, %v", got, err)
	}
}

type codecConst struct {
	Kind  codecStatus
	Level int64
}

var codecConstMembers = objectMembers{names: []string{"kind", "level"}}

func (v *codecConst) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&codecConstMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			moveConst(c, (*string)(&v.Kind), "thing", stringValue)
		case 1:
			moveConst(c, &v.Level, 3, int64Value)
		}
	}
}

// A const member left empty is sent as its value; one set is sent as set;
// decoding reads what came.
func TestConstFilledIn(t *testing.T) {
	v := codecConst{}
	got, err := marshalJSON(&v)
	if err != nil || string(got) != `{"kind":"thing","level":3}` || v.Kind != "" {
		t.Errorf("got %s, %v; value %+v", got, err, v)
	}
	got, _ = marshalJSON(&codecConst{Kind: "other", Level: 4})
	if string(got) != `{"kind":"other","level":4}` {
		t.Errorf("got %s", got)
	}
	if err := unmarshalJSON([]byte(`{"kind":"x"}`), &v); err != nil || v.Kind != "x" || v.Level != 0 {
		t.Errorf("decoded %+v, %v", v, err)
	}
}

type codecBlobs struct {
	Std, URL []byte
}

var codecBlobsMembers = objectMembers{names: []string{"std", "url"}}

func (v *codecBlobs) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&codecBlobsMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			c.bytes(&v.Std)
		case 1:
			c.base64URL(&v.URL)
		}
	}
}

// base64url uses the URL-safe alphabet, padded; decoding takes it with or
// without padding, and rejects the standard alphabet's + and /.
func TestBase64URL(t *testing.T) {
	data := []byte{0xfb, 0xff, 0xfe, 'a'}
	got, err := marshalJSON(&codecBlobs{Std: data, URL: data})
	if want := `{"std":"+//+YQ==","url":"-__-YQ=="}`; err != nil || string(got) != want {
		t.Errorf("got %s, %v; want %s", got, err, want)
	}
	for _, doc := range []string{`{"url":"-__-YQ=="}`, `{"url":"-__-YQ"}`} {
		var v codecBlobs
		if err := unmarshalJSON([]byte(doc), &v); err != nil || string(v.URL) != string(data) {
			t.Errorf("%s: %q, %v", doc, v.URL, err)
		}
	}
	var v codecBlobs
	if err := unmarshalJSON([]byte(`{"url":"+//+YQ=="}`), &v); err == nil {
		t.Error("the standard alphabet decoded as base64url")
	}
	if err := unmarshalJSON([]byte(`{"url":null,"std":null}`), &v); err != nil || v.URL != nil || v.Std != nil {
		t.Errorf("null: %+v, %v", v, err)
	}
	if err := unmarshalJSON([]byte(`{"url":3}`), &v); err == nil {
		t.Error("a number decoded as base64url")
	}
}
