package templates

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"
)

// Types written by hand the way the emitter writes them, each with a plain
// twin that encoding/json handles by reflection, to compare with.

type codecInner struct {
	A    int64
	B    string
	List []int64
}

var codecInnerMembers = objectMembers{names: []string{"a", "b", "list"}}

func (v *codecInner) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&codecInnerMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			c.int64(&v.A)
		case 1:
			c.string(&v.B)
		case 2:
			moveSlice(c, &v.List, int64Value)
		}
	}
}

func (v codecInner) MarshalJSON() ([]byte, error) {
	c := newEncoder()
	v.moveJSON(c)
	return c.encoded()
}

func (v *codecInner) UnmarshalJSON(data []byte) error { return unmarshalJSON(data, v) }

type plainInner struct {
	A    int64   `json:"a"`
	B    string  `json:"b"`
	List []int64 `json:"list"`
}

// codecItem has one member of each kind the emitter writes, and keeps
// undeclared members in Extra.
type codecItem struct {
	ID      string
	Count   int64
	Small   int32
	Size    int
	Ratio   float64
	Ratio32 float32
	OK      bool
	Name    Opt[string]
	Note    Nullable[int64]
	Tags    []string
	Scores  map[string]float64
	Child   *codecItem
	Inner   codecInner
	Items   []codecInner
	When    time.Time
	Data    []byte
	Raw     json.RawMessage
	Any     any
	Odd     string
	Status  codecStatus
	Extra   map[string]any
}

type codecStatus string

var codecItemMembers = objectMembers{
	names: []string{"id", "count", "small", "size", "ratio", "ratio32", "ok", "name", "note", "tags",
		"scores", "child", "inner", "items", "when", "data", "raw", "any", "a<b&é", "status"},
	additional: true,
}

func (v *codecItem) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&codecItemMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			c.string(&v.ID)
		case 1:
			c.int64(&v.Count)
		case 2:
			c.int32(&v.Small)
		case 3:
			c.int(&v.Size)
		case 4:
			c.float64(&v.Ratio)
		case 5:
			c.float32(&v.Ratio32)
		case 6:
			c.bool(&v.OK)
		case 7:
			if c.optional(&v.Name.Valid) {
				c.string(&v.Name.Value)
			}
		case 8:
			if c.nullable(&v.Note.Valid, &v.Note.Null) {
				c.int64(&v.Note.Value)
			}
		case 9:
			if c.hasValue(v.Tags != nil) {
				moveSlice(c, &v.Tags, stringValue)
			}
		case 10:
			if c.hasValue(v.Scores != nil) {
				moveMap(c, &v.Scores, float64Value)
			}
		case 11:
			if c.hasValue(v.Child != nil) {
				movePointer(c, &v.Child, (*codecItem).moveJSON)
			}
		case 12:
			v.Inner.moveJSON(c)
		case 13:
			if c.hasValue(v.Items != nil) {
				moveSlice(c, &v.Items, (*codecInner).moveJSON)
			}
		case 14:
			c.time(&v.When)
		case 15:
			if c.hasValue(v.Data != nil) {
				c.bytes(&v.Data)
			}
		case 16:
			if c.hasValue(v.Raw != nil) {
				c.raw(&v.Raw)
			}
		case 17:
			if c.hasValue(v.Any != nil) {
				c.any(&v.Any)
			}
		case 18:
			c.string(&v.Odd)
		case 19:
			c.string((*string)(&v.Status))
		case 20:
			moveExtra(c, &v.Extra, anyValue)
		}
	}
}

func (v codecItem) MarshalJSON() ([]byte, error) {
	c := newEncoder()
	v.moveJSON(c)
	return c.encoded()
}

func (v *codecItem) UnmarshalJSON(data []byte) error { return unmarshalJSON(data, v) }

// plainItem is codecItem for encoding/json. Its methods add the
// undeclared members to what encoding/json does with plainFields.
type plainItem struct {
	ID      string             `json:"id"`
	Count   int64              `json:"count"`
	Small   int32              `json:"small"`
	Size    int                `json:"size"`
	Ratio   float64            `json:"ratio"`
	Ratio32 float32            `json:"ratio32"`
	OK      bool               `json:"ok"`
	Name    *string            `json:"name,omitzero"` // Opt's MarshalJSON escapes HTML
	Note    refNullable        `json:"note,omitzero"`
	Tags    []string           `json:"tags,omitzero"`
	Scores  map[string]float64 `json:"scores,omitzero"`
	Child   *plainItem         `json:"child,omitzero"`
	Inner   plainInner         `json:"inner"`
	Items   []plainInner       `json:"items,omitzero"`
	When    time.Time          `json:"when"`
	Data    []byte             `json:"data,omitzero"`
	Raw     json.RawMessage    `json:"raw,omitzero"`
	Any     any                `json:"any,omitzero"`
	Odd     string             `json:"a<b&é"`
	Status  codecStatus        `json:"status"`
	Extra   map[string]any     `json:"-"`
}

// refNullable is what a three-state Nullable[int64] means to encoding/json:
// absent when zero (omitzero), null, or a number.
type refNullable struct {
	value          int64
	present, valid bool
}

func (n refNullable) IsZero() bool { return !n.present }

func (n refNullable) MarshalJSON() ([]byte, error) {
	if !n.valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

func (n *refNullable) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*n = refNullable{present: true}
		return nil
	}
	var v int64
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*n = refNullable{value: v, present: true, valid: true}
	return nil
}

// plainFields is plainItem without its methods.
type plainFields plainItem

func (p plainItem) MarshalJSON() ([]byte, error)     { return plainEncode(&p) }
func (p *plainItem) UnmarshalJSON(data []byte) error { return plainDecode(data, p) }

// plain converts v to its twin. An absent Opt or Nullable, or a null one,
// becomes the zero value: the codec leaves the value an earlier duplicate
// member set in place, which no getter shows.
func (v *codecItem) plain() *plainItem {
	if v == nil {
		return nil
	}
	p := &plainItem{
		ID: v.ID, Count: v.Count, Small: v.Small, Size: v.Size, Ratio: v.Ratio, Ratio32: v.Ratio32, OK: v.OK,
		Tags: v.Tags, Scores: v.Scores, Child: v.Child.plain(), Inner: plainInner(v.Inner), When: v.When,
		Data: v.Data, Raw: v.Raw, Any: v.Any, Odd: v.Odd, Status: v.Status, Extra: v.Extra,
	}
	if v.Name.Valid {
		p.Name = &v.Name.Value
	}
	switch {
	case v.Note.Valid:
		p.Note = refNullable{value: v.Note.Value, present: true, valid: true}
	case v.Note.Null:
		p.Note = refNullable{present: true}
	}
	if v.Items != nil {
		p.Items = make([]plainInner, len(v.Items))
		for i, it := range v.Items {
			p.Items[i] = plainInner(it)
		}
	}
	return p
}

// plainEncode encodes p as the codec should encode its codecItem twin:
// encoding/json without HTML escaping, then the undeclared members in key
// order, but those whose key a declared member wrote.
func plainEncode(p *plainItem) ([]byte, error) {
	data, err := stdEncode((*plainFields)(p))
	if err != nil || len(p.Extra) == 0 {
		return data, err
	}
	var written map[string]json.RawMessage
	if err := json.Unmarshal(data, &written); err != nil {
		return nil, err
	}
	out := bytes.TrimSuffix(data, []byte("}"))
	for _, k := range slices.Sorted(maps.Keys(p.Extra)) {
		if _, ok := written[k]; ok {
			continue
		}
		key, _ := stdEncode(k)
		value, err := stdEncode(p.Extra[k])
		if err != nil {
			return nil, err
		}
		if out[len(out)-1] != '{' {
			out = append(out, ',')
		}
		out = append(append(append(out, key...), ':'), value...)
	}
	return append(out, '}'), nil
}

// plainDecode decodes data into p as the codec should decode it into the
// codecItem twin: a member whose key matches no declared name, even under
// case folding, goes to Extra.
func plainDecode(data []byte, p *plainItem) error {
	if err := json.Unmarshal(data, (*plainFields)(p)); err != nil {
		return err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	for k, raw := range members {
		if slices.ContainsFunc(codecItemMembers.names, func(name string) bool { return strings.EqualFold(k, name) }) {
			continue
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		if p.Extra == nil {
			p.Extra = map[string]any{}
		}
		p.Extra[k] = v
	}
	return nil
}

// stdEncode is encoding/json's encoding of v without HTML escaping.
func stdEncode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
