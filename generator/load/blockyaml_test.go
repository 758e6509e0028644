package load

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestBlockYAMLReadsAsTheJSON writes JSON documents as block YAML and
// reads them back: every node must come back with the kind, tag and value
// the JSON gave it, whatever its strings hold.
func TestBlockYAMLReadsAsTheJSON(t *testing.T) {
	long := strings.Repeat("k", 1500)
	docs := []string{
		`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{}}`,
		`{"a":"quote \" backslash \\ slash \/ tab \t nl \n","b":"é 日本 \u2028 \u0085 \u007f \u0000 \ufeff","c":""}`,
		`{"n":[1,-2.5,1e400,123456789012345678901234567890,0.1e-3],"t":true,"f":false,"z":null}`,
		`{"empty":{},"none":[],"deep":[[[]],[{}],[{"x":[1,{"y":{}}]}]]}`,
		`{"<<":{"a":1},"?":"-","- x":": y","#":"# not a comment","yes":"no","~":"null","'":"'"}`,
		`{"` + long + `":{"` + long + `":1}}`,
		`[{"a":1},[2],"3"]`,
	}
	for i, doc := range docs {
		var want yaml.Node
		if err := yaml.Unmarshal([]byte(doc), &want); err != nil {
			// As parseFile does: JSON allows escapes YAML does not.
			if want, err = fromJSON([]byte(doc)); err != nil {
				t.Fatalf("doc %d: %v", i, err)
			}
		}
		text := blockYAML(&want)
		if strings.ContainsAny(string(text[:1]), "{[") && len(want.Content[0].Content) > 0 {
			t.Errorf("doc %d is not written in block style:\n%s", i, text)
		}
		var got yaml.Node
		if err := yaml.Unmarshal(text, &got); err != nil {
			t.Fatalf("doc %d: block YAML does not read: %v\n%s", i, err, text)
		}
		if a, b := nodeShape(&want), nodeShape(&got); a != b {
			t.Errorf("doc %d reads back differently:\njson  %s\nblock %s\ntext:\n%s", i, a, b, text)
		}
	}
}

// nodeShape spells a node tree by kind, resolved tag and value.
func nodeShape(n *yaml.Node) string {
	var b strings.Builder
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		fmt.Fprintf(&b, "(%d %s %q", n.Kind, n.ShortTag(), n.Value)
		for _, c := range n.Content {
			walk(c)
		}
		b.WriteString(")")
	}
	walk(n)
	return b.String()
}
