package generator

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The config's JSON Schema (for editors) lists exactly the keys Options
// reads, so the two cannot drift apart.
func TestConfigSchemaMatchesOptions(t *testing.T) {
	data, err := os.ReadFile("../oagen.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Properties map[string]struct {
			Description          string          `json:"description"`
			AdditionalProperties json.RawMessage `json:"additionalProperties"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	var keys []string
	typ := reflect.TypeFor[Options]()
	for i := range typ.NumField() {
		key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
		keys = append(keys, key)
		p, ok := schema.Properties[key]
		if !ok {
			t.Errorf("config key %q is not in oagen.schema.json", key)
		} else if p.Description == "" {
			t.Errorf("config key %q has no description in oagen.schema.json", key)
		}
	}
	for key := range schema.Properties {
		if !slices.Contains(keys, key) {
			t.Errorf("oagen.schema.json lists %q, which Options does not read", key)
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range keys {
		if !strings.Contains(string(readme), "`"+key+"`") {
			t.Errorf("config key %q is not documented in README.md", key)
		}
	}
}

func TestParseOptions(t *testing.T) {
	opts, err := ParseOptions([]byte("package: x\nexamples: false\npagination:\n  op: {cursor-param: c, next-cursor: n, items: i}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if opts.Package != "x" || opts.Examples == nil || *opts.Examples || opts.Pagination["op"].CursorParam != "c" {
		t.Errorf("options = %+v", opts)
	}
	if _, err := ParseOptions([]byte("pagination:\n  op: {cursor: c}\n")); err == nil {
		t.Error("an unknown nested key was accepted")
	}
}
