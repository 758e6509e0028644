package templates

import (
	"slices"
	"testing"
)

type filter struct {
	Status  string            `json:"status"`
	Created map[string]int    `json:"created,omitzero"`
	Tags    []string          `json:"tags,omitzero"`
	Items   []map[string]any  `json:"items,omitzero"`
	Note    Opt[string]       `json:"note,omitzero"`
	Extra   Nullable[float64] `json:"extra,omitzero"`
	Deleted *bool             `json:"deleted"`
}

var filterMembers = objectMembers{names: []string{"status", "created", "tags", "items", "note", "extra", "deleted"}}

func (v *filter) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&filterMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			c.string(&v.Status)
		case 1:
			if c.hasValue(v.Created != nil) {
				moveMap(c, &v.Created, func(p *int, c *jsonCodec) { c.int(p) })
			}
		case 2:
			if c.hasValue(v.Tags != nil) {
				moveSlice(c, &v.Tags, stringValue)
			}
		case 3:
			if c.hasValue(v.Items != nil) {
				moveSlice(c, &v.Items, func(p *map[string]any, c *jsonCodec) { moveMap(c, p, anyValue) })
			}
		case 4:
			if c.optional(&v.Note.Valid) {
				c.string(&v.Note.Value)
			}
		case 5:
			if c.nullable(&v.Extra.Valid, &v.Extra.Null) {
				c.float64(&v.Extra.Value)
			}
		case 6:
			movePointer(c, &v.Deleted, boolValue)
		}
	}
}

func (v filter) MarshalJSON() ([]byte, error) { return marshalJSON(&v) }

func TestDeepObjectPairs(t *testing.T) {
	v := filter{
		Status:  "open",
		Created: map[string]int{"lt": 20, "gte": 10},
		Tags:    []string{"a", "b"},
		Items:   []map[string]any{{"price": "p_1", "quantity": 2}},
		Extra:   Value(1.5),
	}
	want := []paramPair{
		{"f[created][gte]", "10"}, {"f[created][lt]", "20"},
		{"f[extra]", "1.5"},
		{"f[items][0][price]", "p_1"}, {"f[items][0][quantity]", "2"},
		{"f[status]", "open"},
		{"f[tags][0]", "a"}, {"f[tags][1]", "b"},
	}
	if got := deepObjectPairs("f", v); !slices.Equal(got, want) {
		t.Errorf("deepObjectPairs =\n %v\nwant\n %v", got, want)
	}
	if got := deepObjectPairs("m", map[string]string{"b": "2", "a": "x y"}); !slices.Equal(got, []paramPair{{"m[a]", "x y"}, {"m[b]", "2"}}) {
		t.Errorf("map: %v", got)
	}
	if got := deepObjectPairs("n", nil); got != nil {
		t.Errorf("nil: %v", got)
	}
}

func TestFormObjectPairs(t *testing.T) {
	v := filter{Status: "open", Tags: []string{"a"}, Note: Some("n")}
	exploded := []paramPair{{"note", "n"}, {"status", "open"}, {"tags", `["a"]`}}
	if got := formObjectPairs("f", v, true); !slices.Equal(got, exploded) {
		t.Errorf("exploded = %v, want %v", got, exploded)
	}
	if got := formObjectPairs("f", v, false); !slices.Equal(got, []paramPair{{"f", `note,n,status,open,tags,["a"]`}}) {
		t.Errorf("not exploded = %v", got)
	}
	if got := formObjectPairs("f", []int{1}, true); !slices.Equal(got, []paramPair{{"f", "[1]"}}) {
		t.Errorf("a list = %v", got)
	}
}
