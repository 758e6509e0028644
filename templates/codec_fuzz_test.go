package templates

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// codecSeeds are inputs that have tripped JSON decoders: they seed the
// fuzz tests and run in every go test.
var codecSeeds = []string{
	``, ` `, `null`, `nul`, `nulll`, `true`, `tru`, `false `, `0`, `-0`, `01`, `-`, `1.`, `.5`, `1e`, `1e+`,
	`1.0`, `1e2`, `1E-2`, `-12.5e+3`, `1e400`, `-1e400`, `1e-400`, `3.4e39`, `3.4e38`, `255`, `256`, `-1`,
	`2147483647`, `2147483648`, `-2147483648`, `-2147483649`, `9223372036854775807`,
	`9223372036854775808`, `-9223372036854775808`, `-9223372036854775809`, `123456789012345678`,
	`1234567890123456789`, `00`, `1 2`, `[]`, `[ ]`, `[1,]`, `[,1]`, `[1 2]`, `[1,2,3]`, `[[]]`,
	`[null,1]`, `[256]`, `[-0]`, `[1.5]`, `{}`, `{ }`, `{"a":1,}`, `{,}`, `{"a" 1}`, `{"a":1 "b":2}`,
	`{1:2}`, `{"a":1}`, `{"a":1,"a":2}`, `{"a":{"x":1},"a":{"y":2}}`, `"`, `"abc`, `"abc"`, `""`,
	`"\"\\\/\b\f\n\r\t"`, `"\u00e9\u20AC"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ude00"`, `"\ud83d\u0041"`,
	`"\ud83dx"`, `"\ud83d\ud83d\ude00"`, `"\u12"`, `"\u12g4"`, `"\x"`, `"\'"`, "\"a\tb\"", "\"a\nb\"",
	"\"\xff\"", "\"a\xc3\"", "\"\xed\xa0\x80\"", "\"\u2028\u2029\"", "\"<>&\"", "\"\x7f\"",
	"\xef\xbb\xbf{}", "\xef\xbb\xbf\"x\"", " \t\r\n{} \t\r\n", "{}\x00", "[1]x", "{} {}",
	`"AAEC"`, `"AAE="`, `"AA=="`, `"A"`, "\"AA\\nEC\"", "\"AA\\r\\nEC\"", `"_-8="`,
	`"2006-01-02T15:04:05Z"`, `"2006-01-02T15:04:05.999999999+01:00"`, `"2006-01-02T15:04:05"`,
	`"2006-01-02t15:04:05z"`, `"2006-01-02T15:04:05\u005a"`, `"0000-01-01T00:00:00Z"`, `"10000-01-01T00:00:00Z"`,
	`{"id":"x","count":3,"small":-4,"size":5,"ratio":0.5,"ratio32":1.25,"ok":true}`,
	`{"name":"n","note":null,"tags":["a","b"],"scores":{"b":2,"a":1},"extra":[1,{"z":null}]}`,
	`{"name":null,"note":7,"tags":null,"scores":null,"child":null,"data":null,"raw":null,"any":null}`,
	`{"child":{"id":"c","child":{"id":"g","x":1}},"inner":{"a":1,"b":"2","list":[1,2]},"items":[{"a":1},{}]}`,
	`{"when":"2024-02-29T12:00:00.5Z","data":"aGk=","raw":[1, {"a" : 2}],"any":{"k":[true,false,null,1.5,"s"]}}`,
	`{"a<b&é":"odd","A<B&É":"fold","status":"open","ID":"fold","Id":"fold2","ıd":"dotless"}`,
	`{"count":1.0}`, `{"count":"1"}`, `{"small":2147483648}`, `{"ratio32":1e39}`, `{"ok":"true"}`,
	`{"name":"a","name":null}`, `{"note":1,"note":null}`, `{"inner":{"a":1},"inner":{"b":"x"}}`,
	`{"inner":null,"items":[null]}`, `{"tags":[1]}`, `{"data":"!"}`, `{"data":[1,2,300]}`, `{"raw":}`,
	`{"when":1}`, `{"when":"bad"}`, `{"x":1,"x":2,"y":{"deep":[[[]]]}}`, `{"\u0069d":"escaped key"}`,
	"{\"\xffid\":1}", `{"id":"a","id":"b"}`, `{"K":1,"k":2}`, "{\"sc\u017fores\":{}}", `[{"a":1},{"b":2}]`,
	`{"a":[1,2],"b":{"c":"d"}}`, `{"type":"img","src":"s"}`, `{"type":"text","type":3,"channel":"c"}`,
	`{"\u0074ype":"text","content":1}`, `{"error":{"message":"m"}}`, `{"message":"","detail":"d"}`, `null`, `{"a":-0.0,"b":1E+2}`, `[[1,2],[3.5],[],null]`,
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001),
	strings.Repeat(`{"child":`, 200) + "{}" + strings.Repeat("}", 200),
}

func FuzzCodecDecode(f *testing.F) {
	for _, s := range codecSeeds {
		if len(s) < 1000 { // the deep ones slow fuzzing down; TestCodecSeeds runs them
			f.Add([]byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, data)
	})
}

func TestCodecSeeds(t *testing.T) {
	for _, s := range codecSeeds {
		checkDecode(t, []byte(s))
	}
}

// checkDecode decodes data into each kind of value with the codec and with
// encoding/json, and compares the outcomes and the re-encoded results.
func checkDecode(t *testing.T, data []byte) {
	t.Helper()
	diffDecode(t, data, stringValue)
	diffDecode(t, data, int64Value)
	diffDecode(t, data, int32Value)
	diffDecode(t, data, intValue)
	diffDecode(t, data, float64Value)
	diffDecode(t, data, float32Value)
	diffDecode(t, data, boolValue)
	diffDecode(t, data, bytesValue)
	diffDecode(t, data, anyValue)
	diffDecode(t, data, rawValue)
	diffDecode(t, data, timeValue)
	diffDecode(t, data, func(p *[]any, c *jsonCodec) { moveSlice(c, p, anyValue) })
	diffDecode(t, data, func(p *[]string, c *jsonCodec) { moveSlice(c, p, stringValue) })
	diffDecode(t, data, func(p *[][]float64, c *jsonCodec) {
		moveSlice(c, p, func(q *[]float64, c *jsonCodec) { moveSlice(c, q, float64Value) })
	})
	diffDecode(t, data, func(p *map[string]int32, c *jsonCodec) { moveMap(c, p, int32Value) })
	diffDecode(t, data, func(p *map[string][]any, c *jsonCodec) {
		moveMap(c, p, func(q *[]any, c *jsonCodec) { moveSlice(c, q, anyValue) })
	})
	diffDecode(t, data, func(p **string, c *jsonCodec) { movePointer(c, p, stringValue) })
	diffDecode(t, data, (*codecInner).moveJSON)
	diffItem(t, data)
	checkScanners(t, data)
}

// diffDecode compares decoding data into a T with move and with
// encoding/json: both accept it or both reject it, with equal values, and
// the values encode to the same bytes.
func diffDecode[T any](t *testing.T, data []byte, move func(*T, *jsonCodec)) {
	t.Helper()
	var got, want T
	errGot := decodeValue(data, &got, move)
	errWant := json.Unmarshal(data, &want)
	if (errGot == nil) != (errWant == nil) {
		t.Fatalf("decoding %q into %T: codec error %v, encoding/json error %v", data, want, errGot, errWant)
	}
	if errWant != nil {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoding %q into %T: codec %#v, encoding/json %#v", data, want, got, want)
	}
	diffEncode(t, &got, move)
}

// diffEncode compares encoding *p with move and with encoding/json.
func diffEncode[T any](t *testing.T, p *T, move func(*T, *jsonCodec)) {
	t.Helper()
	got, errGot := encodeValue(p, move)
	want, errWant := stdEncode(*p)
	if (errGot == nil) != (errWant == nil) || !bytes.Equal(got, want) {
		t.Fatalf("encoding %T %#v: codec %s, %v; encoding/json %s, %v", *p, *p, got, errGot, want, errWant)
	}
}

// diffItem compares decoding data into a codecItem with decoding it into a
// plainItem, and their encodings.
func diffItem(t *testing.T, data []byte) {
	t.Helper()
	var got codecItem
	var want plainItem
	errGot := unmarshalJSON(data, &got)
	errWant := json.Unmarshal(data, &want)
	if (errGot == nil) != (errWant == nil) {
		t.Fatalf("decoding %q into codecItem: codec error %v, encoding/json error %v", data, errGot, errWant)
	}
	if errWant != nil {
		return
	}
	if p := got.plain(); !reflect.DeepEqual(p, &want) {
		t.Fatalf("decoding %q into codecItem:\ncodec         %+v\nencoding/json %+v", data, p, &want)
	}
	diffItemEncode(t, &got)
}

// diffItemEncode compares encoding v with encoding its plain twin.
func diffItemEncode(t *testing.T, v *codecItem) {
	t.Helper()
	got, errGot := marshalJSON(v)
	want, errWant := plainEncode(v.plain())
	if (errGot == nil) != (errWant == nil) || !bytes.Equal(got, want) {
		t.Fatalf("encoding %+v:\ncodec         %s, %v\nencoding/json %s, %v", v, got, errGot, want, errWant)
	}
}

func FuzzCodecEncode(f *testing.F) {
	f.Add("plain", int64(1), 1.5, float32(0.25), []byte("hi"), "k", uint8(0))
	f.Add("<tag> & \u2028\u2029 \x00\x1f\x7f \xff\xfe \"\\", int64(-1<<63), 1e21, float32(1e21), []byte(nil), "a<b&é", uint8(0xff))
	f.Add("", int64(1<<53), 1e-7, float32(1e-7), []byte{}, "id", uint8(7))
	f.Add("é€😀", int64(0), math.Copysign(0, -1), float32(3.4e38), []byte{0, 1, 2}, "", uint8(0x55))
	f.Add("\xed\xa0\x80", int64(42), 5e-324, float32(1.4e-45), []byte("\xff"), "\x00", uint8(0xaa))
	f.Add("x", int64(3), math.NaN(), float32(1), []byte("x"), "x", uint8(1))
	f.Add("x", int64(3), 1.0, float32(math.Inf(1)), []byte("x"), "x", uint8(2))
	f.Fuzz(func(t *testing.T, s string, n int64, x float64, y float32, b []byte, k string, flags uint8) {
		v := codecItem{
			ID: s, Count: n, Small: int32(n), Size: int(n >> 1), Ratio: x, Ratio32: y, OK: flags&1 != 0,
			Inner: codecInner{A: -n, B: k}, When: time.Unix(n%(1<<34), n%1e9).UTC(), Odd: k, Status: codecStatus(s),
		}
		if flags&2 != 0 {
			v.Name = Some(k)
			v.Note = Value(n)
			v.Tags = []string{s, k}
			v.Scores = map[string]float64{s: x, k: float64(y)}
			v.Inner.List = []int64{n, n / 2}
		}
		if flags&4 != 0 {
			v.Note = Null[int64]()
			v.Data = b
			v.Items = []codecInner{{A: 1, B: s}, {}}
			v.Any = map[string]any{s: []any{x, k, nil, true, json.Number("1e3"), int32(n)}}
		}
		if flags&8 != 0 {
			v.Extra = map[string]any{k: s, s: x, "id": "shadowed", "name": "maybe", "zz": []byte(k)}
		}
		if flags&16 != 0 {
			v.Raw = json.RawMessage(" [ " + string(b) + " ] ")
			v.Child = &codecItem{ID: k, Extra: map[string]any{"x": float64(y)}}
		}
		if flags&32 != 0 {
			v.Any = s
			v.When = time.Date(int(n%20000), 1, 1, 0, 0, 0, 0, time.FixedZone("z", int(n%100000)))
		}
		diffItemEncode(t, &v)
		diffEncode(t, &s, stringValue)
		diffEncode(t, &x, float64Value)
		diffEncode(t, &y, float32Value)
		diffEncode(t, &b, bytesValue)
		raw := json.RawMessage(b)
		diffEncode(t, &raw, rawValue)
	})
}

// checkScanners compares pickVariant and errorMessage, which scan with the
// codec, with their encoding/json versions from before it.
func checkScanners(t *testing.T, data []byte) {
	t.Helper()
	for _, variants := range [][]unionVariant{nodeVariants, rankedVariants, contentVariants, scalarVariants} {
		if got, want := pickVariant(data, "type", variants), stdPickVariant(data, "type", variants); got != want {
			t.Fatalf("pickVariant(%q) = %d, encoding/json version %d", data, got, want)
		}
	}
	if got, want := errorMessage(data), stdErrorMessage(data); got != want {
		t.Fatalf("errorMessage(%q) = %q, encoding/json version %q", data, got, want)
	}
}

func stdPickVariant(data []byte, discriminatorProperty string, variants []unionVariant) int {
	kind := kindOf(data)
	var fields map[string]jsonView
	if kind == kindObject {
		var err error
		if fields, err = objectFields(data); err != nil {
			return -1
		}
	}
	var tag string
	tagged := false
	if raw, ok := fields[discriminatorProperty]; ok && discriminatorProperty != "" && kindOf(raw) == kindString {
		tagged = json.Unmarshal(raw, &tag) == nil
	}
	if tagged {
		if i := slices.IndexFunc(variants, func(v unionVariant) bool { return slices.Contains(v.discriminator, tag) }); i >= 0 {
			return i
		}
	}
	present := func(keys []string) int {
		n := 0
		for _, k := range keys {
			if _, ok := fields[k]; ok {
				n++
			}
		}
		return n
	}
	best, bestRequired, bestCovered := -1, -1, -1
	for i, v := range variants {
		if v.kinds&kind == 0 || tagged && len(v.discriminator) > 0 {
			continue
		}
		required, covered := 0, 0
		if kind == kindObject {
			if present(v.required) < len(v.required) {
				continue
			}
			required, covered = len(v.required), present(v.properties)
		}
		if required > bestRequired || required == bestRequired && covered > bestCovered {
			best, bestRequired, bestCovered = i, required, covered
		}
	}
	return best
}

func stdErrorMessage(body []byte) string {
	fields, err := objectFields(body)
	if err != nil {
		return ""
	}
	for _, key := range [...]string{"message", "detail", "title", "error"} {
		var s string
		if json.Unmarshal(fields[key], &s) == nil && s != "" {
			return s
		}
	}
	if nested, err := objectFields(fields["error"]); err == nil {
		var s string
		if json.Unmarshal(nested["message"], &s) == nil {
			return s
		}
	}
	return ""
}

// jsonView is an undecoded JSON value, as the encoding/json versions
// above split objects.
type jsonView []byte

func (v *jsonView) UnmarshalJSON(data []byte) error {
	*v = data
	return nil
}

// objectFields returns the members of the JSON object data, undecoded,
// with encoding/json.
func objectFields(data []byte) (map[string]jsonView, error) {
	var fields map[string]jsonView
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, err
	}
	return fields, nil
}
