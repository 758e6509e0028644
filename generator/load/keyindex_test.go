package load

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The index answers as a scan does, also after the tree changes under it.
func TestKeyIndexAnswersAsAScan(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 2 * indexFrom {
		fmt.Fprintf(&b, "%q: {\"n\": %d}, ", fmt.Sprint("k", i), i)
	}
	b.WriteString(`"k7": {"n": "second"}, "s": "scalar"}`)
	n, ok := jsonTree([]byte(b.String()))
	if !ok {
		t.Fatal("test document is not JSON")
	}
	var x keyIndex
	check := func(when string) {
		t.Helper()
		for _, key := range []string{"k0", "k7", "k100", "s", "missing", "renamed", "added"} {
			got, want := x.child(n, key), child(n, key)
			if (got == nil) != (want == nil) || got != nil && (got.Value != want.Value || got.Line != want.Line || got.Column != want.Column || len(got.Content) != len(want.Content) || len(got.Content) > 0 && got.Content[1] != want.Content[1]) {
				t.Errorf("%s: index finds %q as %+v, a scan as %+v", when, key, got, want)
			}
		}
	}
	check("first")
	if x.at[n].pos == nil {
		t.Fatal("the mapping was not indexed")
	}
	n.Content[200].Value = "renamed" // k100, edited in place
	check("after a rename")
	n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "added"}, &yaml.Node{Kind: yaml.MappingNode})
	check("after an addition")
}
