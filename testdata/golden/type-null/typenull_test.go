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
	if !n.Title.Null || n.Body.Value != "text" || !n.Score.Null {
		t.Errorf("decoded %+v", n)
	}
	if n.Label.Valid || n.Label.Null {
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
