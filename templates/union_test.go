package templates

import "testing"

// Courier's content union: no discriminator, told apart by required keys.
var contentVariants = []unionVariant{
	{kinds: kindObject, required: []string{"title", "body"}, properties: []string{"title", "body"}},
	{kinds: kindObject, required: []string{"version", "elements"}, properties: []string{"version", "elements", "brand"}},
}

// Scalar variants, one per kind.
var scalarVariants = []unionVariant{
	{kinds: kindString},
	{kinds: kindInteger},
	{kinds: kindNumber},
	{kinds: kindBool},
	{kinds: kindNull},
	{kinds: kindArray},
}

// Node variants with a "type" discriminator, and one variant with no tag.
var nodeVariants = []unionVariant{
	{kinds: kindObject, required: []string{"type", "content"}, properties: []string{"type", "content"}, discriminator: []string{"text"}},
	{kinds: kindObject, required: []string{"type", "src"}, properties: []string{"type", "src"}, discriminator: []string{"image", "img"}},
	{kinds: kindObject, required: []string{"channel"}, properties: []string{"channel"}},
}

// Overlapping object variants, for the ranking rules.
var rankedVariants = []unionVariant{
	{kinds: kindObject, required: []string{"a"}, properties: []string{"a"}},
	{kinds: kindObject, required: []string{"a"}, properties: []string{"a", "c"}},
	{kinds: kindObject, required: []string{"a", "b"}, properties: []string{"a", "b"}},
	{kinds: kindObject | kindString},
}

func TestPickVariant(t *testing.T) {
	tests := []struct {
		name     string
		variants []unionVariant
		disc     string
		data     string
		want     int
	}{
		{"sugar", contentVariants, "", `{"title":"t","body":"b"}`, 0},
		{"elemental", contentVariants, "", `{"version":"2022-01-01","elements":[]}`, 1},
		{"elemental, extra key", contentVariants, "", ` {"version":"v","elements":[],"x":1}`, 1},
		{"missing required", contentVariants, "", `{"title":"t"}`, -1},
		{"wrong kind", contentVariants, "", `"text"`, -1},
		{"malformed object", contentVariants, "", `{"title":`, -1},
		{"string", scalarVariants, "", `"x"`, 0},
		{"integer", scalarVariants, "", `-3`, 1},
		{"fraction", scalarVariants, "", `3.5`, 2},
		{"exponent", scalarVariants, "", `1e3`, 2},
		{"bool", scalarVariants, "", `false`, 3},
		{"null", scalarVariants, "", `null`, 4},
		{"array", scalarVariants, "", "\n[1]", 5},
		{"object among scalars", scalarVariants, "", `{}`, -1},
		{"empty", scalarVariants, "", ``, -1},
		{"garbage", scalarVariants, "", `?`, -1},
		{"number for integer-only", []unionVariant{{kinds: kindInteger}}, "", `2.0`, -1},
		{"discriminator", nodeVariants, "type", `{"type":"img","src":"s"}`, 1},
		{"discriminator beats shape", nodeVariants, "type", `{"type":"text","src":"s"}`, 0},
		{"unknown discriminator, untagged variant fits", nodeVariants, "type", `{"type":"video","channel":"c"}`, 2},
		{"unknown discriminator, only tagged variants fit", nodeVariants, "type", `{"type":"video","src":"s"}`, -1},
		{"discriminator not a string", nodeVariants, "type", `{"type":3,"channel":"c"}`, 2},
		{"no discriminator", nodeVariants, "type", `{"channel":"email"}`, 2},
		{"most required", rankedVariants, "", `{"a":1,"b":2}`, 2},
		{"most covered", rankedVariants, "", `{"a":1,"c":2}`, 1},
		{"tie: lowest index", rankedVariants, "", `{"a":1}`, 0},
		{"kind set", rankedVariants, "", `"s"`, 3},
		{"escaped discriminator key and value", nodeVariants, "type", `{"\u0074ype":"im\u0067","src":"s"}`, 1},
		{"last duplicate discriminator wins", nodeVariants, "type", `{"type":"text","type":"img","src":"s"}`, 1},
		{"last duplicate not a string", nodeVariants, "type", `{"type":"img","type":3,"channel":"c"}`, 2},
		{"keys compared exactly", nodeVariants, "type", `{"Type":"img","Channel":"c"}`, -1},
		{"trailing data", contentVariants, "", `{"title":"t","body":"b"} {}`, -1},
		{"trailing comma", contentVariants, "", `{"title":"t","body":"b",}`, -1},
		{"bad nested value", contentVariants, "", `{"title":"t","body":[1,}`, -1},
	}
	for _, tt := range tests {
		if got := pickVariant([]byte(tt.data), tt.disc, tt.variants); got != tt.want {
			t.Errorf("%s: pickVariant(%s) = %d, want %d", tt.name, tt.data, got, tt.want)
		}
	}
}

func BenchmarkPickVariant(b *testing.B) {
	data := []byte(`{"version":"2022-01-01","elements":[{"type":"text","content":"hello"}],"brand":null}`)
	b.ReportAllocs()
	for b.Loop() {
		if pickVariant(data, "", contentVariants) != 1 {
			b.Fatal("wrong variant")
		}
	}
}
