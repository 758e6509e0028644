package templates

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// wrapped moves its fields with the one-call movers (optString, ...);
// wrappedLong, the same fields, with optional or nullable and the value's
// mover, as moveJSON does for other types.
type wrapped struct {
	S  Opt[string]
	B  Opt[bool]
	I  Opt[int64]
	F  Opt[float64]
	T  Opt[time.Time]
	NS Nullable[string]
	NB Nullable[bool]
	NI Nullable[int64]
	NF Nullable[float64]
	NT Nullable[time.Time]
	E  Opt[codecStatus]
	NE Nullable[codecStatus]
}

type wrappedLong wrapped

var wrappedMembers = objectMembers{names: []string{"s", "b", "i", "f", "t", "ns", "nb", "ni", "nf", "nt", "e", "ne"}}

func (v *wrapped) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&wrappedMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			c.optString(&v.S)
		case 1:
			c.optBool(&v.B)
		case 2:
			c.optInt64(&v.I)
		case 3:
			c.optFloat64(&v.F)
		case 4:
			c.optTime(&v.T)
		case 5:
			c.nullString(&v.NS)
		case 6:
			c.nullBool(&v.NB)
		case 7:
			c.nullInt64(&v.NI)
		case 8:
			c.nullFloat64(&v.NF)
		case 9:
			c.nullTime(&v.NT)
		case 10:
			c.optText(&v.E.Valid, (*string)(&v.E.Value))
		case 11:
			c.nullText(&v.NE.Valid, &v.NE.Null, (*string)(&v.NE.Value))
		}
	}
}

func (v *wrappedLong) moveJSON(c *jsonCodec) {
	for i := c.beginObject(&wrappedMembers); i >= 0; i = c.nextMember() {
		switch i {
		case 0:
			if c.optional(&v.S.Valid) {
				c.string(&v.S.Value)
			}
		case 1:
			if c.optional(&v.B.Valid) {
				c.bool(&v.B.Value)
			}
		case 2:
			if c.optional(&v.I.Valid) {
				c.int64(&v.I.Value)
			}
		case 3:
			if c.optional(&v.F.Valid) {
				c.float64(&v.F.Value)
			}
		case 4:
			if c.optional(&v.T.Valid) {
				c.time(&v.T.Value)
			}
		case 5:
			if c.nullable(&v.NS.Valid, &v.NS.Null) {
				c.string(&v.NS.Value)
			}
		case 6:
			if c.nullable(&v.NB.Valid, &v.NB.Null) {
				c.bool(&v.NB.Value)
			}
		case 7:
			if c.nullable(&v.NI.Valid, &v.NI.Null) {
				c.int64(&v.NI.Value)
			}
		case 8:
			if c.nullable(&v.NF.Valid, &v.NF.Null) {
				c.float64(&v.NF.Value)
			}
		case 9:
			if c.nullable(&v.NT.Valid, &v.NT.Null) {
				c.time(&v.NT.Value)
			}
		case 10:
			if c.optional(&v.E.Valid) {
				c.string((*string)(&v.E.Value))
			}
		case 11:
			if c.nullable(&v.NE.Valid, &v.NE.Null) {
				c.string((*string)(&v.NE.Value))
			}
		}
	}
}

func TestWrapMoversMoveAsTheLongForm(t *testing.T) {
	for _, doc := range []string{
		`{}`,
		`{"s":"a","b":true,"i":-3,"f":1.5,"t":"2026-12-01T02:03:04Z","ns":"x","nb":false,"ni":7,"nf":0.25,"nt":"2026-01-02T03:04:05+01:00","e":"OK","ne":"new"}`,
		`{"s":null,"b":null,"i":null,"f":null,"t":null,"ns":null,"nb":null,"ni":null,"nf":null,"nt":null,"e":null,"ne":null}`,
		`{"e":"a\u00e9\ud800","ne":"<&>"}`, `{"e":1}`, `{"ne":{}}`,
		`{"s":1}`, `{"b":"x"}`, `{"i":1.5}`, `{"f":"1"}`, `{"t":"yesterday"}`,
		`{"ns":2}`, `{"nb":0}`, `{"ni":99999999999999999999}`, `{"nf":[]}`, `{"nt":5}`,
	} {
		var short wrapped
		var long wrappedLong
		errShort, errLong := unmarshalJSON([]byte(doc), &short), unmarshalJSON([]byte(doc), &long)
		if fmt.Sprint(errShort) != fmt.Sprint(errLong) {
			t.Errorf("%s: error %v, the long form's %v", doc, errShort, errLong)
		}
		if !reflect.DeepEqual(short, wrapped(long)) {
			t.Errorf("%s: decoded %+v, the long form %+v", doc, short, long)
		}
		if errShort != nil {
			continue
		}
		outShort, err1 := marshalJSON(&short)
		outLong, err2 := marshalJSON(&long)
		if string(outShort) != string(outLong) || err1 != nil || err2 != nil {
			t.Errorf("%s: encoded %s (%v), the long form %s (%v)", doc, outShort, err1, outLong, err2)
		}
	}
}
