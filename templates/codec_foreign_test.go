package templates

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// Mapped types, the three ways a type can move itself: JSON methods, text
// methods, or none (encoding/json's reflection).

// cents is a JSON number of cents written as a decimal string, "12.50";
// it refuses a value with more than two decimals.
type cents int64

var errTooPrecise = errors.New("more than two decimals")

func (v cents) MarshalJSON() ([]byte, error) {
	if v < 0 {
		return nil, errors.New("negative")
	}
	return []byte(`"` + itoa(int64(v)/100) + "." + pad2(int64(v)%100) + `"`), nil
}

func (v *cents) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	s := strings.Trim(string(data), `"`)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return errTooPrecise
	}
	for len(frac) < 2 {
		frac += "0"
	}
	var n int64
	for _, d := range whole + frac {
		n = n*10 + int64(d-'0')
	}
	*v = cents(n)
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
func pad2(n int64) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// color travels as text.
type color struct{ r, g, b byte }

func (c color) MarshalText() ([]byte, error) {
	const hex = "0123456789abcdef"
	out := []byte{'#'}
	for _, x := range []byte{c.r, c.g, c.b} {
		out = append(out, hex[x>>4], hex[x&15])
	}
	return out, nil
}

func (c *color) UnmarshalText(text []byte) error {
	if len(text) != 7 || text[0] != '#' {
		return errors.New("not a #rrggbb color")
	}
	var v [3]byte
	for i := range v {
		for _, h := range text[1+2*i : 3+2*i] {
			v[i] = v[i]<<4 | byte(strings.IndexByte("0123456789abcdef", h))
		}
	}
	c.r, c.g, c.b = v[0], v[1], v[2]
	return nil
}

// point has no methods: encoding/json moves it.
type point struct {
	X int `json:"x"`
	Y int `json:"y"`
}

type foreignHolder struct {
	Price   cents
	Tip     Opt[cents]
	Refund  Nullable[cents]
	Color   color
	Where   point
	History []cents
}

var foreignHolderMembers = objectMembers{names: []string{"price", "tip", "refund", "color", "where", "history"}}

func (v *foreignHolder) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&foreignHolderMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			c.foreign(&v.Price)
		case 1:
			if c.optional(&v.Tip.Valid) {
				c.foreign(&v.Tip.Value)
			}
		case 2:
			if c.nullable(&v.Refund.Valid, &v.Refund.Null) {
				c.foreign(&v.Refund.Value)
			}
		case 3:
			c.foreign(&v.Color)
		case 4:
			c.foreign(&v.Where)
		case 5:
			if c.hasValue(v.History != nil) {
				moveSlice(c, &v.History, foreignValue[cents])
			}
		}
	}
}

func TestForeignRoundTrip(t *testing.T) {
	in := `{"price":"12.50","tip":"1.05","refund":null,"color":"#ff8000","where":{"x":1,"y":2},"history":["0.10","3.00"]}`
	var v foreignHolder
	if err := unmarshalJSON([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.Price != 1250 || v.Tip.Value != 105 || !v.Tip.Valid || !v.Refund.Null || v.Refund.Valid ||
		v.Color != (color{0xff, 0x80, 0}) || v.Where != (point{1, 2}) || len(v.History) != 2 || v.History[1] != 300 {
		t.Fatalf("decoded %+v", v)
	}
	out, err := marshalJSON(&v)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("encoded\n%s\nwant\n%s", out, in)
	}
	// Absent wrappers stay absent.
	out, err = marshalJSON(&foreignHolder{Price: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"price":"0.01","color":"#000000","where":{"x":0,"y":0}}`; string(out) != want {
		t.Errorf("encoded %s, want %s", out, want)
	}
}

// A type's own error reaches the caller as it is, as encoding/json's does.
func TestForeignErrors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want error
	}{
		{`{"price":"1.005"}`, errTooPrecise},
		{`{"tip":"1.005"}`, errTooPrecise},
		{`{"history":["1.005"]}`, errTooPrecise},
	} {
		var v foreignHolder
		err := unmarshalJSON([]byte(tt.in), &v)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.in, err, tt.want)
		}
	}
	for _, in := range []string{`{"color":"red"}`, `{"color":12}`, `{"where":"x"}`, `{"price":"1.00"`} {
		var v foreignHolder
		if err := unmarshalJSON([]byte(in), &v); err == nil {
			t.Errorf("%s: decoded without error", in)
		}
		var twin struct {
			Color color `json:"color"`
			Where point `json:"where"`
			Price cents `json:"price"`
		}
		if err := json.Unmarshal([]byte(in), &twin); err == nil {
			t.Errorf("%s: encoding/json decodes it; the codec must too", in)
		}
	}
	if err := unmarshalJSON([]byte(`{"color":null}`), &foreignHolder{}); err != nil {
		t.Errorf("null into a text type: %v (encoding/json leaves it alone)", err)
	}
	_, err := marshalJSON(&foreignHolder{Price: -1})
	var me *json.MarshalerError
	if !errors.As(err, &me) || me.Err.Error() != "negative" {
		t.Errorf("encode error %v, want a *json.MarshalerError of the type's own", err)
	}
}

func TestParamText(t *testing.T) {
	if got := paramText(cents(1250)); got != "12.50" {
		t.Errorf("paramText(cents) = %q", got)
	}
	if got := paramText(color{1, 2, 3}); got != "#010203" {
		t.Errorf("paramText(color) = %q", got)
	}
	if got := paramText(point{1, 2}); got != `{"x":1,"y":2}` {
		t.Errorf("paramText(point) = %q", got)
	}
}
