package templates

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// decodeCase decodes in into a value that starts as start; err is a
// substring of the expected error, "" when in must decode to want.
type decodeCase[T any] struct {
	in          string
	start, want T
	err         string
}

func testDecode[T any](t *testing.T, move func(*T, *jsonCodec), cases []decodeCase[T]) {
	t.Helper()
	for _, tc := range cases {
		got := tc.start
		err := decodeValue([]byte(tc.in), &got, move)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("decoding %q into %T: %v", tc.in, got, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("decoding %q into %T: error %v, want one containing %q", tc.in, got, err, tc.err)
		case tc.err == "" && !reflect.DeepEqual(got, tc.want):
			t.Errorf("decoding %q into %T: %#v, want %#v", tc.in, got, got, tc.want)
		}
	}
}

// encodeCase encodes in; err is a substring of the expected error, ""
// when in must encode to want.
type encodeCase[T any] struct {
	in   T
	want string
	err  string
}

func testEncode[T any](t *testing.T, move func(*T, *jsonCodec), cases []encodeCase[T]) {
	t.Helper()
	for _, tc := range cases {
		got, err := encodeValue(&tc.in, move)
		switch {
		case tc.err == "" && (err != nil || string(got) != tc.want):
			t.Errorf("encoding %T %#v: %s, %v; want %s", tc.in, tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("encoding %T %#v: %s, error %v; want one containing %q", tc.in, tc.in, got, err, tc.err)
		}
	}
}

func TestCodecString(t *testing.T) {
	testDecode(t, stringValue, []decodeCase[string]{
		{in: `"abc"`, want: "abc"},
		{in: ` "" `, start: "old", want: ""},
		{in: `null`, start: "old", want: "old"},
		{in: `"\"\\\/\b\f\n\r\t"`, want: "\"\\/\b\f\n\r\t"},
		{in: `"\u00e9\u20AC\ud83d\ude00"`, want: "é€😀"},
		{in: `"\ud83d"`, want: "\uFFFD"},
		{in: `"\ude00\ud83d\ude00"`, want: "\uFFFD😀"},
		{in: `"\ud83dx"`, want: "\uFFFDx"},
		{in: "\"a\xffb\xc3\"", want: "a\uFFFDb\uFFFD"},
		{in: "\"\xed\xa0\x80\"", want: "\uFFFD\uFFFD\uFFFD"},
		{in: "\"é\"", want: "é"},
		{in: `"\x"`, err: `invalid character 'x' in string escape code`},
		{in: `"\'"`, err: `invalid character '\'' in string escape code`},
		{in: `"\u12"`, err: `invalid character '"' in \u hexadecimal character escape`},
		{in: `"\u12G4"`, err: `invalid character 'G' in \u hexadecimal character escape`},
		{in: `"\`, err: "unexpected end of JSON input"},
		{in: "\"a\nb\"", err: `invalid character '\n' in string literal`},
		{in: `"abc`, err: "unexpected end of JSON input"},
		{in: `1`, err: "cannot unmarshal number into Go value of type string"},
		{in: `[1,`, err: "unexpected end of JSON input"},
		{in: `"a" "b"`, err: "invalid character '\"' after top-level value"},
		{in: "\xef\xbb\xbf\"a\"", err: "invalid character 'ï' looking for beginning of value"},
	})
	testEncode(t, stringValue, []encodeCase[string]{
		{in: "", want: `""`},
		{in: "plain text", want: `"plain text"`},
		{in: "<a href=\"x\">&amp;</a>", want: `"<a href=\"x\">&amp;</a>"`},
		{in: "\\\b\f\n\r\t\x00\x1f\x7f", want: `"\\\b\f\n\r\t\u0000\u001f` + "\x7f\""},
		{in: "a\xffb\xc3", want: `"a\ufffdb\ufffd"`},
		{in: "\u2028\u2029é😀", want: `"\u2028\u2029é😀"`},
	})
}

func TestCodecIntegers(t *testing.T) {
	testDecode(t, int64Value, []decodeCase[int64]{
		{in: `12`, want: 12},
		{in: ` -0 `, start: 5, want: 0},
		{in: `null`, start: 5, want: 5},
		{in: `-9223372036854775808`, want: math.MinInt64},
		{in: `9223372036854775807`, want: math.MaxInt64},
		{in: `9223372036854775808`, err: "cannot unmarshal number 9223372036854775808 into Go value of type int64"},
		{in: `1.0`, err: "cannot unmarshal number 1.0 into Go value of type int64"},
		{in: `1e2`, err: "cannot unmarshal number 1e2"},
		{in: `01`, err: "invalid character '1' after top-level value"},
		{in: `-`, err: "unexpected end of JSON input"},
		{in: `-x`, err: "invalid character 'x' in numeric literal"},
		{in: `1.`, err: "unexpected end of JSON input"},
		{in: `1.e3`, err: "invalid character 'e' after decimal point in numeric literal"},
		{in: `1e+`, err: "unexpected end of JSON input"},
		{in: `"1"`, err: "cannot unmarshal string into Go value of type int64"},
		{in: `true`, err: "cannot unmarshal bool"},
		{in: `{}`, err: "cannot unmarshal object"},
	})
	testDecode(t, int32Value, []decodeCase[int32]{
		{in: `2147483647`, want: math.MaxInt32},
		{in: `-2147483648`, want: math.MinInt32},
		{in: `2147483648`, err: "into Go value of type int32"},
		{in: `-2147483649`, err: "into Go value of type int32"},
	})
	testDecode(t, intValue, []decodeCase[int]{{in: `-7`, want: -7}, {in: `0.5`, err: "type int"}})
	testEncode(t, int64Value, []encodeCase[int64]{{0, "0", ""}, {-1 << 63, "-9223372036854775808", ""}})
	testEncode(t, int32Value, []encodeCase[int32]{{math.MaxInt32, "2147483647", ""}})
	testEncode(t, intValue, []encodeCase[int]{{-3, "-3", ""}})
}

func TestCodecFloats(t *testing.T) {
	testDecode(t, float64Value, []decodeCase[float64]{
		{in: `1.5`, want: 1.5},
		{in: `-12.5e+3`, want: -12500},
		{in: `1E-2`, want: 0.01},
		{in: `-0`, want: math.Copysign(0, -1)},
		{in: `1e-400`, want: 0},
		{in: `null`, start: 2, want: 2},
		{in: `1e400`, err: "cannot unmarshal number 1e400 into Go value of type float64"},
		{in: `NaN`, err: "invalid character 'N' looking for beginning of value"},
		{in: `"1"`, err: "cannot unmarshal string"},
	})
	testDecode(t, float32Value, []decodeCase[float32]{
		{in: `1.1`, want: 1.1},
		{in: `3.4e38`, want: 3.4e38},
		{in: `3.5e38`, err: "into Go value of type float32"},
	})
	testEncode(t, float64Value, []encodeCase[float64]{
		{0, "0", ""},
		{math.Copysign(0, -1), "-0", ""},
		{1.5, "1.5", ""},
		{123456789, "123456789", ""},
		{1e20, "100000000000000000000", ""},
		{1e21, "1e+21", ""},
		{0.000001, "0.000001", ""},
		{1e-7, "1e-7", ""},
		{-1.5e-10, "-1.5e-10", ""},
		{5e-324, "5e-324", ""},
		{math.MaxFloat64, "1.7976931348623157e+308", ""},
		{math.NaN(), "", "json: unsupported value: NaN"},
		{math.Inf(-1), "", "json: unsupported value: -Inf"},
	})
	testEncode(t, float32Value, []encodeCase[float32]{
		{0.1, "0.1", ""},
		{1e21, "1e+21", ""},
		{1e-7, "1e-7", ""},
		{math.MaxFloat32, "3.4028235e+38", ""},
		{float32(math.Inf(1)), "", "json: unsupported value: +Inf"},
	})
}

func TestCodecBool(t *testing.T) {
	testDecode(t, boolValue, []decodeCase[bool]{
		{in: `true`, want: true},
		{in: `false`, start: true, want: false},
		{in: `null`, start: true, want: true},
		{in: `tru`, err: "unexpected end of JSON input"},
		{in: `trUe`, err: "invalid character 'U' in literal true (expecting 'u')"},
		{in: `nul`, err: "unexpected end of JSON input"},
		{in: `1`, err: "cannot unmarshal number into Go value of type bool"},
	})
	testEncode(t, boolValue, []encodeCase[bool]{{true, "true", ""}, {false, "false", ""}})
}

func TestCodecBytes(t *testing.T) {
	testDecode(t, bytesValue, []decodeCase[[]byte]{
		{in: `"aGk="`, want: []byte("hi")},
		{in: `""`, want: []byte{}},
		{in: `"aG\nk="`, want: []byte("hi")}, // base64 skips newlines, as in encoding/json
		{in: `null`, start: []byte("x"), want: nil},
		{in: `[104, 105]`, want: []byte("hi")},
		{in: `[]`, want: []byte{}},
		{in: `[256]`, err: "cannot unmarshal number 256 into Go value of type uint8"},
		{in: `[-1]`, err: "cannot unmarshal number -1 into Go value of type uint8"},
		{in: `"!"`, err: "illegal base64 data"},
		{in: `"aGk"`, err: "illegal base64 data"},
		{in: `1`, err: "cannot unmarshal number into Go value of type []uint8"},
	})
	testEncode(t, bytesValue, []encodeCase[[]byte]{
		{nil, "null", ""},
		{[]byte{}, `""`, ""},
		{[]byte("hi?>"), `"aGk/Pg=="`, ""},
	})
}

func TestCodecTime(t *testing.T) {
	when := time.Date(2024, 2, 29, 12, 30, 0, 500000000, time.UTC)
	testDecode(t, timeValue, []decodeCase[time.Time]{
		{in: `"2024-02-29T12:30:00.5Z"`, want: when},
		{in: `null`, start: when, want: when},
		{in: `"2024-02-30T12:30:00Z"`, err: "day out of range"},
		{in: `"2024-02-29 12:30:00Z"`, err: "cannot parse"},
		{in: `1`, err: "Time.UnmarshalJSON: input is not a JSON string"},
		{in: `"2024-02-29T12:30:00.5Z`, err: "unexpected end of JSON input"},
	})
	testEncode(t, timeValue, []encodeCase[time.Time]{
		{when, `"2024-02-29T12:30:00.5Z"`, ""},
		{time.Time{}, `"0001-01-01T00:00:00Z"`, ""},
		{when.In(time.FixedZone("", -90*60)), `"2024-02-29T11:00:00.5-01:30"`, ""},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "", "year outside of range"},
	})
}

func TestCodecRaw(t *testing.T) {
	testDecode(t, rawValue, []decodeCase[json.RawMessage]{
		{in: ` [1, {"a" : 2}] `, want: json.RawMessage(`[1, {"a" : 2}]`)},
		{in: `null`, want: json.RawMessage(`null`)},
		{in: `"s"`, start: json.RawMessage(`old`), want: json.RawMessage(`"s"`)},
		{in: `[1,]`, err: "invalid character ']' looking for beginning of value"},
	})
	testEncode(t, rawValue, []encodeCase[json.RawMessage]{
		{nil, "null", ""},
		{json.RawMessage(" { \"a\" : [ 1 , \"x y\\\" \" ] }\n"), `{"a":[1,"x y\" "]}`, ""},
		{json.RawMessage(`"<&>"`), `"<&>"`, ""},
		{json.RawMessage{}, "", "unexpected end of JSON input"},
		{json.RawMessage(`{`), "", "unexpected end of JSON input"},
		{json.RawMessage(`1 2`), "", "invalid character '2' after top-level value"},
	})
}

func TestCodecAny(t *testing.T) {
	testDecode(t, anyValue, []decodeCase[any]{
		{in: `{"a":[1,"s",true,false,null,{}],"b":-0.5,"a":[]}`, want: map[string]any{"a": []any{}, "b": -0.5}},
		{in: `null`, start: "x", want: nil},
		{in: `[]`, want: []any{}},
		{in: `1e400`, err: "cannot unmarshal number 1e400 into Go value of type float64"},
		{in: `{"a" 1}`, err: "invalid character '1' after object key"},
		{in: `{"a":1 "b":2}`, err: "invalid character '\"' after object key:value pair"},
		{in: `{1:2}`, err: "invalid character '1' looking for beginning of object key string"},
		{in: `[1 2]`, err: "invalid character '2' after array element"},
	})
	type other struct {
		S string `json:"s"`
	}
	var nilItem *codecItem
	testEncode(t, anyValue, []encodeCase[any]{
		{nil, "null", ""},
		{map[string]any{"b": 1, "a": []any{int8(-1), uint64(1 << 63), float32(0.1), json.Number("")}}, `{"a":[-1,9223372036854775808,0.1,0],"b":1}`, ""},
		{map[string]any(nil), "null", ""},
		{[]any(nil), "null", ""},
		{json.Number("1e3"), "1e3", ""},
		{json.Number("1e"), "", `invalid number literal "1e"`},
		{json.RawMessage(` [ ] `), "[]", ""},
		{[]byte("hi"), `"aGk="`, ""},
		{time.Unix(0, 0).UTC(), `"1970-01-01T00:00:00Z"`, ""},
		{&codecInner{A: 1, B: "<b>"}, `{"a":1,"b":"<b>","list":null}`, ""},
		{nilItem, "null", ""},
		{other{S: "<&>"}, `{"s":"<&>"}`, ""},
		{[]string{"x"}, `["x"]`, ""},
		{func() {}, "", "unsupported type"},
	})
}

func TestCodecContainers(t *testing.T) {
	strings := func(p *[]string, c *jsonCodec) { moveSlice(c, p, stringValue) }
	testDecode(t, strings, []decodeCase[[]string]{
		{in: `["a","b"]`, start: []string{"x", "y", "z"}, want: []string{"a", "b"}},
		{in: `[]`, want: []string{}},
		{in: `null`, start: []string{"x"}, want: nil},
		{in: `[null,"b"]`, want: []string{"", "b"}},
		{in: `["a",1]`, err: "cannot unmarshal number into Go value of type string"},
		{in: `{}`, err: "cannot unmarshal object into Go value of type []string"},
	})
	testEncode(t, strings, []encodeCase[[]string]{{nil, "null", ""}, {[]string{}, "[]", ""}, {[]string{"a", "b"}, `["a","b"]`, ""}})

	ints := func(p *map[string]int64, c *jsonCodec) { moveMap(c, p, int64Value) }
	testDecode(t, ints, []decodeCase[map[string]int64]{
		{in: `{"b":2,"a":1,"b":3}`, want: map[string]int64{"a": 1, "b": 3}},
		{in: `{"n":null}`, want: map[string]int64{"n": 0}},
		{in: `{}`, start: map[string]int64{"old": 1}, want: map[string]int64{"old": 1}},
		{in: `null`, start: map[string]int64{"old": 1}, want: nil},
		{in: `{"\u00e9":1}`, want: map[string]int64{"é": 1}},
		{in: `[]`, err: "cannot unmarshal array into Go value of type map[string]int64"},
	})
	testEncode(t, ints, []encodeCase[map[string]int64]{
		{nil, "null", ""},
		{map[string]int64{}, "{}", ""},
		{map[string]int64{"b": 2, "a": 1, "<\"é": 0}, `{"<\"é":0,"a":1,"b":2}`, ""},
	})

	ptr := func(p **int64, c *jsonCodec) { movePointer(c, p, int64Value) }
	seven := int64(7)
	testDecode(t, ptr, []decodeCase[*int64]{
		{in: `null`, start: &seven, want: nil},
		{in: `8`, want: func() *int64 { n := int64(8); return &n }()},
	})
	testEncode(t, ptr, []encodeCase[*int64]{{nil, "null", ""}, {&seven, "7", ""}})

	// A non-nil pointer is decoded into, not replaced.
	p := &seven
	if err := decodeValue([]byte(`9`), &p, ptr); err != nil || p != &seven || seven != 9 {
		t.Errorf("decoding into a non-nil pointer: %v, %v, %d", err, p == &seven, seven)
	}
}
