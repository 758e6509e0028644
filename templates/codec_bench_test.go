package templates

import (
	"encoding/json"
	"testing"
	"time"
)

// benchPlain is codecItem as a plain struct for encoding/json's
// reflection: pointers for the optional members, no methods.
type benchPlain struct {
	ID      string             `json:"id"`
	Count   int64              `json:"count"`
	Small   int32              `json:"small"`
	Size    int                `json:"size"`
	Ratio   float64            `json:"ratio"`
	Ratio32 float32            `json:"ratio32"`
	OK      bool               `json:"ok"`
	Name    *string            `json:"name,omitempty"`
	Note    *int64             `json:"note,omitempty"`
	Tags    []string           `json:"tags,omitempty"`
	Scores  map[string]float64 `json:"scores,omitempty"`
	Child   *benchPlain        `json:"child,omitempty"`
	Inner   plainInner         `json:"inner"`
	Items   []plainInner       `json:"items,omitempty"`
	When    time.Time          `json:"when"`
	Data    []byte             `json:"data,omitempty"`
	Raw     json.RawMessage    `json:"raw,omitempty"`
	Any     any                `json:"any,omitempty"`
	Odd     string             `json:"a<b&é"`
	Status  string             `json:"status"`
}

// benchItem is a middling API object: strings, numbers, a list, a map, a
// nested object and a list of them, a timestamp.
func benchItem() *codecItem {
	return &codecItem{
		ID: "job_01HQ3Z8K4V7T2Y", Count: 1234567, Small: -42, Size: 8, Ratio: 0.8125, Ratio32: 2.5, OK: true,
		Name: Some("Nightly export of the customer table"), Note: Value(int64(17)),
		Tags:   []string{"export", "nightly", "customers"},
		Scores: map[string]float64{"quality": 0.97, "speed": 12.5},
		Child:  &codecItem{ID: "job_01HQ3Z8K4V7T2X", Status: "done", When: time.Date(2024, 2, 28, 23, 0, 0, 0, time.UTC)},
		Inner:  codecInner{A: 7, B: "s3://bucket/exports/2024-02-29/customers.csv.gz", List: []int64{1, 2, 3}},
		Items:  []codecInner{{A: 1, B: "first"}, {A: 2, B: "second"}, {A: 3, B: "third with \"quotes\""}},
		When:   time.Date(2024, 2, 29, 12, 30, 0, 500000000, time.UTC),
		Odd:    "odd", Status: "running",
	}
}

func BenchmarkCodecEncode(b *testing.B) {
	v := benchItem()
	data, err := marshalJSON(v)
	if err != nil {
		b.Fatal(err)
	}
	var p benchPlain
	if err := json.Unmarshal(data, &p); err != nil {
		b.Fatal(err)
	}
	b.Run("codec", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := marshalJSON(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := json.Marshal(&p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCodecDecode(b *testing.B) {
	data, err := marshalJSON(benchItem())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("codec", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var v codecItem
			if err := unmarshalJSON(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var p benchPlain
			if err := json.Unmarshal(data, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
