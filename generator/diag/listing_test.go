package diag

import "testing"

func TestListing(t *testing.T) {
	src := []byte("openapi: 3.0.3\ninfo:\n  title: x\n\tversion: 1\npaths: {}\n")
	for _, tt := range []struct {
		name      string
		src       []byte
		line, col int
		want      string
	}{
		{"two lines before", src, 3, 10, "  1 | openapi: 3.0.3\n  2 | info:\n  3 |   title: x\n    |          ^\n"},
		{"first line", src, 1, 1, "  1 | openapi: 3.0.3\n    | ^\n"},
		{"a tab stays a tab under the caret", src, 4, 2, "  2 | info:\n  3 |   title: x\n  4 | \tversion: 1\n    | \t^\n"},
		{"wider line numbers", []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"), 10, 1, "   8 | h\n   9 | i\n  10 | j\n     | ^\n"},
		{"not UTF-8", []byte("title: caf\xe9!\n"), 1, 11, "  1 | title: caf\uFFFD!\n    |           ^\n"},
		{"control characters", []byte("a\x00b\x1bc\n"), 1, 3, "  1 | a\uFFFDb\uFFFDc\n    |   ^\n"},
		{"carriage returns dropped", []byte("a: 1\r\nb: [\r\n"), 2, 4, "  1 | a: 1\n  2 | b: [\n    |    ^\n"},
		{"past the end", src, 9, 1, ""},
		{"no line", src, 0, 0, ""},
	} {
		if got := Listing(tt.src, tt.line, tt.col); got != tt.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
