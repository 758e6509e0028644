package load

import (
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzChecks feeds arbitrary files to what load does before kin-openapi
// reads a spec: sniffing and parsing, the version, the keyword and
// reference checks, and freezing the trees. Any input may be rejected;
// none may panic, and the frozen file places what the tree placed.
//
//	go test -run '^$' -fuzz FuzzChecks -fuzztime 1m ./generator/load/
func FuzzChecks(f *testing.F) {
	for _, s := range []string{
		"openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths: {}\n",
		"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {type: [string, null], items: [1], properties: {a: 1}, minimum: x}\n",
		"{\"openapi\": \"3.0.0\", \"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"required\": 1}]}}}}",
		"swagger: \"2.0\"\ndefinitions: {A: {enum: 1, $ref: other.yaml#/x}}\n",
		"openapi: \"3.0\ninfo: {a: [\n\tb: c\n",
		"a: &x {allOf: *x}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "spec.yaml")
		cfg := Config{Path: path, Report: "spec.yaml"}
		root, tree, _, problem := parseFile("spec.yaml", data)
		if problem != nil {
			return
		}
		loc := newLocator()
		loc.files[path] = root
		yamlDuplicates(loc, path, "spec.yaml", data)
		if _, p := version(cfg, loc, tree); p != nil {
			return
		}
		_, trees := checkRefs(cfg, loc, tree)
		checkKeywords(cfg, loc, trees, map[string]bool{})
		if _, err := yaml.Marshal(tree); err != nil {
			t.Logf("marshal: %v", err)
		}
		// Freezing keeps every position the tree gave.
		pointers := pointersOf(root, 200)
		want := make([][2]int, len(pointers))
		for i, p := range pointers {
			_, want[i][0], want[i][1] = loc.at(path, "spec.yaml", p)
		}
		loc.freeze()
		for i, p := range pointers {
			if _, line, col := loc.at(path, "spec.yaml", p); line != want[i][0] || col != want[i][1] {
				t.Errorf("%s: frozen at %d:%d, the tree at %d:%d", p, line, col, want[i][0], want[i][1])
			}
		}
	})
}
