package couriertest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	same := [][]string{
		{`{"a":1,"b":[true,null,"x"]}`, ` { "b" : [ true , null , "\u0078" ] , "a" : 1 } `},
		{`{"p":{"z":{},"y":[]},"e":"a\"b\\c"}`, `{"e":"a\u0022b\\c","p":{"y":[ ],"z":{ }}}`},
		{`{"k":"é<>&"}`, `{"k":"\u00e9\u003c\u003e\u0026"}`},
		{`{"a":"x","ab":"y","a b":"z"}`, `{"a b":"z","ab":"y","a":"x"}`},
		{`[]`, `[ ]`},
		{`"s"`, ` "s"`},
	}
	for _, pair := range same {
		a, b := canonical([]byte(pair[0])), canonical([]byte(pair[1]))
		if string(a) != string(b) {
			t.Errorf("%s -> %s\n%s -> %s\nwant equal", pair[0], a, pair[1], b)
		}
	}
	differ := [][]string{
		{`{"a":1}`, `{"a":1.0}`},
		{`{"a":"1"}`, `{"a":1}`},
		{`{"a":null}`, `{}`},
		{`{"a":{"b":1}}`, `{"a":{"b":1},"c":2}`},
		{`{"a":"x\"","b":"y"}`, `{"a":"x","\"b":"y"}`},
		{`[1,2]`, `[2,1]`},
	}
	for _, pair := range differ {
		a, b := canonical([]byte(pair[0])), canonical([]byte(pair[1]))
		if string(a) == string(b) {
			t.Errorf("%s and %s both -> %s, want different", pair[0], pair[1], a)
		}
	}
}

// FuzzCanonical checks the walk against decoding: values that decode equal
// have equal canonical forms when their numbers are written alike.
func FuzzCanonical(f *testing.F) {
	f.Add(`{"b":[1,{"d":"\u00e9","c":null}],"a":"x"}`)
	f.Add(`[true,false,"\\\""]`)
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		again, _ := json.Marshal(v) // sorted keys, its own escapes
		a, b := canonical([]byte(s)), canonical(again)
		if string(a) != string(b) && sameNumbers(s, string(again)) {
			t.Errorf("%s -> %s\n%s -> %s", s, a, again, b)
		}
	})
}

// sameNumbers reports whether re-marshalling kept every number's text, the
// one thing canonical deliberately does not normalise.
func sameNumbers(a, b string) bool {
	var x, y any
	da, db := json.NewDecoder(strings.NewReader(a)), json.NewDecoder(strings.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	if da.Decode(&x) != nil || db.Decode(&y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

// canonical returns the canonical form of raw.
func canonical(raw []byte) []byte {
	var c canonicalizer
	return c.canonical(make([]byte, 0, len(raw)), raw)
}
