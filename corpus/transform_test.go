package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const splitSrc = `{
  "openapi": "3.0.0",
  "info": {"title": "T", "version": "1", "description": "two\nlines"},
  "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet-List"}}}}}}}},
  "components": {"schemas": {
    "Pet-List": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},
    "Pet": {"type": "object", "properties": {"id": {"type": "string", "example": "0012"}, "on": {"type": "string", "enum": ["yes", "no", "null", "1.5"]}}}
  }}
}`

// decode reads JSON or YAML into plain values, for comparison.
func decode(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	// Through JSON, so that YAML's and JSON's number types agree.
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	json.Unmarshal(j, &out)
	return out
}

func TestToYAML(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.json")
	os.WriteFile(src, []byte(splitSrc), 0o644)
	dst := filepath.Join(dir, "a.yaml")
	if err := ToYAML(src, dst); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(decode(t, src), decode(t, dst)) {
		t.Errorf("YAML differs from JSON")
	}
	text, _ := os.ReadFile(dst)
	if strings.Contains(string(text), "{") || !strings.Contains(string(text), `example: "0012"`) {
		t.Errorf("not block style, or a string lost its quotes:\n%s", text)
	}
}

func TestSplit(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.json")
	os.WriteFile(src, []byte(splitSrc), 0o644)
	main, err := Split(src, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	doc := decode(t, main).(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	if got := schemas["Pet-List"]; !reflect.DeepEqual(got, map[string]any{"$ref": "components/schemas/Pet-List.yaml"}) {
		t.Errorf("stub: %v", got)
	}
	list := decode(t, filepath.Join(dir, "out", "components", "schemas", "Pet-List.yaml"))
	if want := map[string]any{"type": "array", "items": map[string]any{"$ref": "Pet.yaml"}}; !reflect.DeepEqual(list, want) {
		t.Errorf("Pet-List.yaml: %v", list)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "components", "schemas", "Pet.yaml")); err != nil {
		t.Error(err)
	}
}
