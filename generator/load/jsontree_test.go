package load

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// sameTree reports the first place where got differs from want in kind,
// style, tag, value, line or column.
func sameTree(got, want *yaml.Node, path string) error {
	if got.Kind != want.Kind || got.Style != want.Style || got.Tag != want.Tag || got.Value != want.Value ||
		got.Line != want.Line || got.Column != want.Column || len(got.Content) != len(want.Content) {
		return fmt.Errorf("at %q: got kind %v style %v %s %q at %d:%d with %d children; yaml.v3 has kind %v style %v %s %q at %d:%d with %d",
			path, got.Kind, got.Style, got.Tag, got.Value, got.Line, got.Column, len(got.Content),
			want.Kind, want.Style, want.Tag, want.Value, want.Line, want.Column, len(want.Content))
	}
	for i := range got.Content {
		if err := sameTree(got.Content[i], want.Content[i], fmt.Sprint(path, "/", i)); err != nil {
			return err
		}
	}
	return nil
}

// JSON that YAML reads the same way: jsonTree must build yaml.v3's tree,
// positions included.
var treeCases = []string{
	`{}`,
	`[]`,
	`{"a": 1}`,
	"{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {\n    \"/x\": {}\n  }\n}\n",
	"{\r\n\t\"a\":\t[1, 2.5, -3, 0, -0, 1e3, 1E-2, 2.5e+10],\r\n \"b\" : [ ] }",
	"{\"a\":\r[\r1\r]}",
	`{"big": 9223372036854775807, "bigger": 9223372036854775808, "huge": 18446744073709551616, "past": 1e400, "tiny": 1e-400}`,
	`{"t": true, "f": false, "n": null, "s": "true", "q": "null", "num": "12"}`,
	`{"esc": "a\"b\\c\/d\b\f\n\r\t", "u": "\u00e9\u4e2d\ud83d\ude00", "é": {"日本": ["ü", "x"]}, "after": 1}`,
	"{\"wide\": \"日本語のテキスト\", \"next\": {\"k\": [true]}}",
	`[{"a": [[[]]], "b": [{}]}, "x", 1, null]`,
	`{"dup": 1, "dup": 2}`,
	`{"long": "` + strings.Repeat("x", 3000) + `", "k": 1}`,
}

func TestJSONTreeIsYAMLsTree(t *testing.T) {
	docs := map[string][]byte{}
	for i, c := range treeCases {
		docs[fmt.Sprint("case ", i)] = []byte(c)
	}
	// Every JSON file of the repository that YAML reads too.
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".cache" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".json") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			docs[path] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for name, data := range docs {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || !json.Valid(data) {
			continue // YAML cannot carry it, or it is a broken spec of the error tests
		}
		got, ok := jsonTree(data)
		if !ok {
			t.Errorf("%s: jsonTree rejects it", name)
			continue
		}
		if err := sameTree(got, doc.Content[0], ""); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		compared++
	}
	if compared < len(treeCases)+20 {
		t.Errorf("compared %d documents, want the %d cases and the repository's JSON files", compared, len(treeCases))
	}
}

// treeValue turns a jsonTree node back into what encoding/json decodes.
func treeValue(t *testing.T, n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i < len(n.Content); i += 2 {
			m[n.Content[i].Value] = treeValue(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, treeValue(t, c))
		}
		return s
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!str":
		if n.Style != yaml.DoubleQuotedStyle { // a number past float64
			return json.Number(n.Value)
		}
		return n.Value
	}
	return json.Number(n.Value)
}

// JSON that YAML reads otherwise, or not at all, reads as JSON means it.
func TestJSONTreeReadsAsEncodingJSON(t *testing.T) {
	for _, doc := range []string{
		"{\"ls\": \"a\u2028b\", \"ps\": \"\u2029\", \"nel\": \"c\u0085d\"}",
		`{"lone": "\ud800", "low": "\udc00x", "pair-broken": "\ud83d\u0041", "zero": "\u0000"}`,
		`{"k": "` + strings.Repeat("y", 1100) + `"}`,
		`{"` + strings.Repeat("k", 1500) + `": 1}`,
	} {
		got, ok := jsonTree([]byte(doc))
		if !ok {
			t.Errorf("%q: jsonTree rejects it", doc)
			continue
		}
		var want any
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if v := treeValue(t, got); !reflect.DeepEqual(v, want) {
			t.Errorf("%q: read as %#v, encoding/json reads %#v", doc, v, want)
		}
	}
}

func TestJSONTreeRejects(t *testing.T) {
	for _, doc := range []string{
		``, ` `, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{a:1}`, `{'a':1}`,
		`01`, `1.`, `.5`, `-`, `1e`, `1e+`, `+1`, `tru`, `nul`, `truex`, `"a`, `"\x"`, `"\u12"`, `"\u12G4"`,
		"\"a\tb\"", "\"a\nb\"", `{} {}`, `{}x`, `[` + `"` + `]`,
		strings.Repeat("[", maxTreeDepth+1) + strings.Repeat("]", maxTreeDepth+1),
	} {
		if _, ok := jsonTree([]byte(doc)); ok {
			t.Errorf("%.40q: jsonTree reads it; it is not JSON", doc)
		}
		if len(doc) < 1000 && json.Valid([]byte(doc)) {
			t.Errorf("%q: encoding/json reads it: a wrong case", doc)
		}
	}
	deep := strings.Repeat("[", maxTreeDepth) + strings.Repeat("]", maxTreeDepth)
	if _, ok := jsonTree([]byte(deep)); !ok {
		t.Errorf("jsonTree rejects %d nested arrays, which encoding/json reads", maxTreeDepth)
	}
}

func FuzzJSONTree(f *testing.F) {
	for _, c := range treeCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(`{"a": "\ud800\udc00", "b": [1e5, -0.0]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // parseFile has said where already
		}
		got, ok := jsonTree(data)
		if ok != json.Valid(data) {
			t.Fatalf("jsonTree ok = %v, json.Valid = %v", ok, !ok)
		}
		if !ok {
			return
		}
		var want any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if v := treeValue(t, got); !reflect.DeepEqual(v, want) {
			t.Fatalf("read as %#v, encoding/json reads %#v", v, want)
		}
	})
}
