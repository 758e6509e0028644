package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// codecSparse starts with optional members and declares one, "c", that
// its moveJSON does not move.
type codecSparse struct {
	A Opt[int64]
	B Nullable[string]
}

var codecSparseMembers = objectMembers{names: []string{"a", "b", "c"}}

func (v *codecSparse) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&codecSparseMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			if c.optional(&v.A.Valid) {
				c.int64(&v.A.Value)
			}
		case 1:
			if c.nullable(&v.B.Valid, &v.B.Null) {
				c.string(&v.B.Value)
			}
		}
	}
}

// codecEmpty declares no members; codecBag keeps all members.
type (
	codecEmpty struct{}
	codecBag   struct{ Extra map[string]int64 }
)

var (
	codecEmptyMembers = objectMembers{}
	codecBagMembers   = objectMembers{additional: true}
)

func (v *codecEmpty) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&codecEmptyMembers); i >= 0; i = c.nextMember() {
	}
}

func (v *codecBag) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&codecBagMembers); i >= 0; i = c.nextMember() {
		moveExtra(c, &v.Extra, int64Value)
	}
}

func TestCodecObjects(t *testing.T) {
	sparse := (*codecSparse).moveJSON
	testEncode(t, sparse, []encodeCase[codecSparse]{
		{codecSparse{}, `{}`, ""},
		{codecSparse{B: Null[string]()}, `{"b":null}`, ""},
		{codecSparse{B: Value("x")}, `{"b":"x"}`, ""},
		{codecSparse{A: Some(int64(0)), B: Value("")}, `{"a":0,"b":""}`, ""},
	})
	testDecode(t, sparse, []decodeCase[codecSparse]{
		{in: `{}`, want: codecSparse{}},
		{in: `{"a":null,"b":null}`, want: codecSparse{B: Null[string]()}},
		{in: `{"A":1,"B":"x"}`, want: codecSparse{A: Some(int64(1)), B: Value("x")}},
		{in: `{"c":[1,{"x":[2]}],"a":3,"zz":{"y":[]}}`, want: codecSparse{A: Some(int64(3))}},
		{in: `null`, start: codecSparse{A: Some(int64(1))}, want: codecSparse{A: Some(int64(1))}},
		{in: `{"b":"x","b":"y"}`, want: codecSparse{B: Value("y")}},
		{in: `{"c":[1,}`, err: "invalid character '}' looking for beginning of value"},
		{in: `{"a":"1"}`, err: "cannot unmarshal string into Go value of type int64"},
		{in: `[]`, err: "cannot unmarshal array into Go value of type object"},
		{in: `{"a":1}}`, err: "invalid character '}' after top-level value"},
	})
	testEncode(t, (*codecEmpty).moveJSON, []encodeCase[codecEmpty]{{codecEmpty{}, "{}", ""}})
	testDecode(t, (*codecEmpty).moveJSON, []decodeCase[codecEmpty]{{in: `{"a":[{}]}`}, {in: `{"a"}`, err: "invalid character '}' after object key"}})

	bag := (*codecBag).moveJSON
	testEncode(t, bag, []encodeCase[codecBag]{
		{codecBag{}, "{}", ""},
		{codecBag{Extra: map[string]int64{"b": 2, "a": 1}}, `{"a":1,"b":2}`, ""},
	})
	testDecode(t, bag, []decodeCase[codecBag]{
		{in: `{"b":2,"a":1,"\u0062":3}`, want: codecBag{Extra: map[string]int64{"a": 1, "b": 3}}},
		{in: `{}`, want: codecBag{}},
		{in: `{"a":true}`, err: "cannot unmarshal bool into Go value of type int64"},
	})
}

func TestCodecItem(t *testing.T) {
	zero := `{"id":"","count":0,"small":0,"size":0,"ratio":0,"ratio32":0,"ok":false,` +
		`"inner":{"a":0,"b":"","list":null},"when":"0001-01-01T00:00:00Z","a<b&é":"","status":""}`
	testEncode(t, (*codecItem).moveJSON, []encodeCase[codecItem]{
		{codecItem{}, zero, ""},
		// An extra member may carry a declared name that was left out,
		// but not one that was written.
		{codecItem{Extra: map[string]any{"name": "from map", "id": "shadowed", "~": 1}},
			strings.Replace(zero, `"status":""}`, `"status":"","name":"from map","~":1}`, 1), ""},
		{codecItem{Ratio: math.NaN()}, "", "unsupported value: NaN"},
	})
	var v codecItem
	in := `{"ID":"fold","Id":"fold again","id":"exact","A<B&É":"folded odd","zz":[1],"Zz":2,"status":"open",` +
		`"child":{"id":"c","x":{"y":null}},"items":[{"a":1},{"b":"2"}],"note":null}`
	if err := unmarshalJSON([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	want := codecItem{
		ID: "exact", Odd: "folded odd", Status: "open", Note: Null[int64](),
		Child: &codecItem{ID: "c", Extra: map[string]any{"x": map[string]any{"y": nil}}},
		Items: []codecInner{{A: 1}, {B: "2"}},
		Extra: map[string]any{"zz": []any{1.0}, "Zz": 2.0},
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("decoded %+v\nwant    %+v", v, want)
	}

	// MarshalJSON and UnmarshalJSON go through the codec; encoding/json
	// escapes HTML in what MarshalJSON returns, as it always does.
	data, err := json.Marshal(codecInner{B: "<>"})
	if err != nil || string(data) != `{"a":0,"b":"\u003c\u003e","list":null}` {
		t.Errorf("json.Marshal = %s, %v", data, err)
	}
	var inner codecInner
	err = json.Unmarshal([]byte(`{"a":"x"}`), &inner)
	if jerr := (*jsonError)(nil); !errors.As(err, &jerr) {
		t.Errorf("json.Unmarshal error %v (%T), want a *jsonError", err, err)
	}
}

// TestCodecErrorStops checks that after an error the movers and the object
// loop do nothing, whatever the generated code calls next.
func TestCodecErrorStops(t *testing.T) {
	c := newDecoder([]byte(`{"a":"x","b":"y"}`))
	defer c.release()
	var v codecSparse
	v.moveJSON(c)
	first := c.err
	if first == nil {
		t.Fatal("no error")
	}
	c.fail(errors.New("second"))
	var s string
	c.string(&s)
	if c.beginObject(&codecSparseMembers) != -1 || c.nextMember() != -1 || c.rawValue() != nil || s != "" || c.err != first {
		t.Errorf("after the error %v: s=%q, err=%v", first, s, c.err)
	}
}

func TestEncodeBodyAndDecodeJSON(t *testing.T) {
	v := &codecItem{ID: "<a&b>", Extra: map[string]any{"x": "\u2028"}}
	body, err := encodeBody(v)
	want, _ := plainEncode(v.plain())
	if err != nil || !bytes.Equal(body, want) {
		t.Errorf("encodeBody = %s, %v; want %s", body, err, want)
	}
	if body, err := encodeBody((*codecItem)(nil)); err != nil || string(body) != "null" {
		t.Errorf("encodeBody(nil *codecItem) = %s, %v", body, err)
	}
	if _, err := encodeBody(&codecItem{Ratio: math.Inf(1)}); err == nil || !strings.HasPrefix(err.Error(), "encoding request body: ") {
		t.Errorf("encodeBody(Inf) error = %v", err)
	}
	var out codecItem
	if err := decodeJSON(body, &out); err != nil || out.ID != "<a&b>" || out.Extra["x"] != "\u2028" {
		t.Errorf("decodeJSON = %v, %+v", err, out)
	}
	err = decodeJSON([]byte(`{"id":1}`), &out)
	if jerr := (*jsonError)(nil); !errors.As(err, &jerr) || !strings.Contains(err.Error(), "cannot unmarshal number") {
		t.Errorf("decodeJSON error %v (%T), want a *jsonError", err, err)
	}
}

// codecUnion is a union written the way the emitter writes one: an inner
// object, a list of strings, or JSON it could not place.
type codecUnion struct {
	variant int // 1: codecInner, 2: []string; 0: raw
	value   any // *codecInner or []string
	raw     json.RawMessage
}

var codecUnionVariants = []unionVariant{
	{kinds: kindObject, required: []string{"a"}, properties: []string{"a", "b", "list"}},
	{kinds: kindArray},
}

func (u *codecUnion) moveJSON(c *jsonCodec) {
	if c.decoding() {
		data := c.rawValue()
		if data == nil {
			return
		}
		switch pickVariant(data, "", codecUnionVariants) {
		case 0:
			v := new(codecInner)
			if unmarshalJSON(data, v) == nil {
				*u = codecUnion{variant: 1, value: v}
				return
			}
		case 1:
			var v []string
			if decodeValue(data, &v, func(p *[]string, c *jsonCodec) { moveSlice(c, p, stringValue) }) == nil {
				*u = codecUnion{variant: 2, value: v}
				return
			}
		}
		*u = codecUnion{raw: bytes.Clone(data)}
		return
	}
	if m, ok := u.value.(jsonMover); ok {
		m.moveJSON(c)
		return
	}
	switch u.variant {
	case 2:
		v := u.value.([]string)
		moveSlice(c, &v, stringValue)
	default:
		c.raw(&u.raw)
	}
}

func TestCodecUnion(t *testing.T) {
	move := func(p *[]codecUnion, c *jsonCodec) { moveSlice(c, p, (*codecUnion).moveJSON) }
	in := `[{"a":1,"b":"x"}, ["s","t"], {"b":"no a"}, [1], 7, null]`
	var got []codecUnion
	if err := decodeValue([]byte(in), &got, move); err != nil {
		t.Fatal(err)
	}
	want := []codecUnion{
		{variant: 1, value: &codecInner{A: 1, B: "x"}},
		{variant: 2, value: []string{"s", "t"}},
		{raw: json.RawMessage(`{"b":"no a"}`)},
		{raw: json.RawMessage(`[1]`)},
		{raw: json.RawMessage(`7`)},
		{raw: json.RawMessage(`null`)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded %+v\nwant    %+v", got, want)
	}
	data, err := encodeValue(&got, move)
	if want := `[{"a":1,"b":"x","list":null},["s","t"],{"b":"no a"},[1],7,null]`; err != nil || string(data) != want {
		t.Errorf("encoded %s, %v; want %s", data, err, want)
	}
	if err := decodeValue([]byte(`[{"a":1},{"a":`), &got, move); err == nil {
		t.Error("a truncated union decoded")
	}
}

// TestCodecConcurrent shares the pooled codecs and the lazily built member
// tables between goroutines; run it with -race.
func TestCodecConcurrent(t *testing.T) {
	want, err := marshalJSON(benchItem())
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			for range 100 {
				var v codecItem
				if err := unmarshalJSON(want, &v); err != nil {
					errs <- err
					return
				}
				got, err := marshalJSON(&v)
				if err == nil && !bytes.Equal(got, want) {
					err = errors.New("round trip gave " + string(got))
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
