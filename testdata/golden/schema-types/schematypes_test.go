package schematypes

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// server answers every request with reply and keeps the body and query
// it received.
func server(t *testing.T, reply string) (*Client, *string, *string) {
	t.Helper()
	var body, query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body, query = string(b), r.URL.RawQuery
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithMaxRetries(0)), &body, &query
}

// The request carries the consts the caller left empty, the union variant
// held, the tuples as arrays and the bytes in each alphabet; the response
// decodes to the same values and encodes back to the same document.
func TestShapeOverTheWire(t *testing.T) {
	want := `{"kind":"shape","level":3,"id":42,"size":null,"label":true,"origin":[1.5,-2],` +
		`"segment":[[0,0],[3,4],"a","b"],"path":["p",null,[true]],"thumbnail":"+/8=","token":"-_8=","notes":"=3D"}`
	client, got, _ := server(t, want)
	shape, err := client.Default.CreateShape(context.Background(), &DefaultCreateShapeRequest{
		ID:        ShapeIDOfInt(42),
		Size:      Null[ShapeSize](),
		Label:     Some(ShapeLabelOfBoolean(ShapeLabelBooleanTrue)),
		Origin:    Point{X: 1.5, Y: -2},
		Segment:   Some(Segment{V0: Point{}, V1: Some(Point{X: 3, Y: 4}), Rest: []string{"a", "b"}}),
		Path:      Some(Path{V0: "p", V1: Null[int64](), V2: []bool{true}}),
		Thumbnail: []byte{0xfb, 0xff},
		Token:     []byte{0xfb, 0xff},
		Notes:     Some("=3D"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if *got != want {
		t.Errorf("request body\n got %s\nwant %s", *got, want)
	}
	if id, ok := shape.ID.AsInt(); !ok || id != 42 {
		t.Errorf("id = %v, %v", id, ok)
	}
	if _, ok := shape.ID.AsString(); ok {
		t.Error("an integer id is also a string")
	}
	if seg := shape.Segment.Value; seg.V1.Value.Y != 4 || len(seg.Rest) != 2 {
		t.Errorf("segment = %+v", seg)
	}
	if string(shape.Token) != "\xfb\xff" || string(shape.Thumbnail) != "\xfb\xff" {
		t.Errorf("bytes = %q, %q", shape.Thumbnail, shape.Token)
	}
	again, err := json.Marshal(shape)
	if err != nil || string(again) != want {
		t.Errorf("response encoded again\n got %s, %v\nwant %s", again, err, want)
	}
}

// A string id decodes to the string variant; a short tuple leaves the
// missing elements zero; elements beyond a closed tuple are skipped; a
// string in the size union is its string variant.
func TestShapeDecodes(t *testing.T) {
	var s Shape
	doc := `{"kind":"shape","level":3,"id":"sq-1","size":"12px","origin":[1,2,3],"segment":[[5,6]],"path":["p"]}`
	if err := json.Unmarshal([]byte(doc), &s); err != nil {
		t.Fatal(err)
	}
	if id, ok := s.ID.AsString(); !ok || id != "sq-1" {
		t.Errorf("id = %q, %v", id, ok)
	}
	if size := s.Size.Value; !size.IsKnown() {
		t.Errorf("size = %+v", size)
	} else if v, ok := size.AsString(); !ok || v != "12px" {
		t.Errorf("size = %q, %v", v, ok)
	}
	if s.Origin != (Point{X: 1, Y: 2}) {
		t.Errorf("origin = %+v", s.Origin)
	}
	seg := s.Segment.Value
	if seg.V1.Valid || seg.V0 != (Point{X: 5, Y: 6}) || seg.Rest != nil {
		t.Errorf("segment = %+v", seg)
	}
	out, _ := json.Marshal(seg)
	if string(out) != `[[5,6]]` {
		t.Errorf("segment encodes as %s", out)
	}
}

// Elements of the wrong type are errors, as encoding/json's are, and so
// is a tuple that is not an array; a response that has one is a
// *DecodeError.
func TestTupleErrors(t *testing.T) {
	for _, doc := range []string{`["a",2]`, `[1,true]`, `{"x":1}`, `"1,2"`} {
		var p Point
		if err := json.Unmarshal([]byte(doc), &p); err == nil {
			t.Errorf("%s: decoded into %+v", doc, p)
		}
	}
	var seg Segment
	if err := json.Unmarshal([]byte(`[[1,2],[3,4],"a",5]`), &seg); err == nil {
		t.Error("a number decoded as a rest label")
	}
	client, _, _ := server(t, `{"kind":"shape","level":3,"id":1,"origin":[1,"two"]}`)
	_, err := client.Default.GetShape(context.Background(), "1", nil)
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Errorf("err = %v, want a *DecodeError", err)
	}
}

// Leaving out an optional tuple element and setting a later one cannot be
// sent: an array has no gaps.
func TestTupleGap(t *testing.T) {
	_, err := json.Marshal(Segment{Rest: []string{"a"}})
	if err == nil {
		t.Error("a rest element after a missing end encoded")
	}
}

// A query parameter in base64url travels in the URL alphabet; one whose
// type is a list travels as the text of the variant it holds.
func TestQueryParameters(t *testing.T) {
	client, _, query := server(t, `{"kind":"shape","level":3,"id":1,"origin":[0,0]}`)
	for _, tt := range []struct {
		req  *DefaultGetShapeRequest
		want string
	}{
		{&DefaultGetShapeRequest{Digest: []byte{0xfb, 0xff}}, "digest=-_8%3D"},
		{&DefaultGetShapeRequest{Near: Some(DefaultGetShapeRequestNearOfString("a b"))}, "near=a+b"},
		{&DefaultGetShapeRequest{Near: Some(DefaultGetShapeRequestNearOfInt(7))}, "near=7"},
	} {
		if _, err := client.Default.GetShape(context.Background(), "s1", tt.req); err != nil {
			t.Fatal(err)
		}
		if *query != tt.want {
			t.Errorf("query = %s, want %s", *query, tt.want)
		}
	}
}

// A const set to another value is sent as set: the caller may know better.
func TestConstAsSet(t *testing.T) {
	out, err := json.Marshal(Shape{Kind: "other", Level: 4, ID: ShapeIDOfString("x")})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"kind":"other","level":4,"id":"x","origin":[0,0]}`; string(out) != want {
		t.Errorf("got %s\nwant %s", out, want)
	}
}
