package typenull

import (
	"encoding/json"
	"testing"
)

// type: [string, null] with an unquoted null is a nullable string: null,
// absent and a value stay apart.
func TestUnquotedNullIsNullable(t *testing.T) {
	doc := `{"title":null,"body":"text","score":null}`
	var n Note
	if err := json.Unmarshal([]byte(doc), &n); err != nil {
		t.Fatal(err)
	}
	if !n.Title.IsNull() || valueOf(n.Body.Get()) != "text" || !n.Score.IsNull() {
		t.Errorf("decoded %+v", n)
	}
	if _, ok := n.Label.Get(); ok || n.Label.IsNull() {
		t.Errorf("label should be absent: %+v", n.Label)
	}
	out, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != doc {
		t.Errorf("round trip:\n got %s\nwant %s", out, doc)
	}
}

// valueOf returns the value of an Opt or Nullable's Get, the zero value
// when there is none.
func valueOf[T any](v T, _ bool) T { return v }
