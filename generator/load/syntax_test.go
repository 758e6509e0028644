package load

import "testing"

func TestLineColOfOffset(t *testing.T) {
	data := []byte("ab\ncé\tx\n")
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1},
		{6, 2, 3}, // after "cé": the é is one column though two bytes
		{7, 2, 4}, {100, 3, 1}, {-5, 1, 1},
	} {
		if line, col := lineColOfOffset(data, tt.off); line != tt.line || col != tt.col {
			t.Errorf("offset %d: %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestOpenQuote(t *testing.T) {
	for _, tt := range []struct {
		name      string
		src       string
		line, col int
		ok        bool
	}{
		{"unclosed", "a: \"x\nb: 1\nc: 2\n", 1, 4, true},
		{"closed", "a: \"x\"\nb: \"y: z\"\nc: 2\n", 0, 0, false},
		{"an apostrophe in plain text", "a: don't \"stop\"\nb: 1\nc: 2\n", 0, 0, false},
		{"a quote inside single quotes", "a: 'say \"hi'\nb: 1\nc: 2\n", 0, 0, false},
		{"a quote in a comment", "a: 1 # \"x\nb: 1\nc: 2\n", 0, 0, false},
		{"an escaped quote", "a: \"x \\\" y\"\nb: 1\nc: 2\n", 0, 0, false},
		{"a quote inside a word", "a: 5\"\nb: 1\nc: 2\n", 0, 0, false},
		{"only lines before the error count", "a: 1\nb: \"x\n", 0, 0, false},
	} {
		line, col, ok := openQuote([]byte(tt.src), 2)
		if ok != tt.ok || line != tt.line || col != tt.col {
			t.Errorf("%s: %d:%d %v, want %d:%d %v", tt.name, line, col, ok, tt.line, tt.col, tt.ok)
		}
	}
}

func TestJSONWords(t *testing.T) {
	for msg, want := range map[string]string{
		"unexpected end of JSON input":                                     "the file ends before every { and [ is closed",
		"invalid character '}' looking for beginning of object key string": "a comma before } (JSON allows no trailing comma)",
		"invalid character 'x' looking for beginning of value":             "expected a value (a \"string\", a number, {, [, true, false or null), found 'x'",
		"invalid character ']' after object key:value pair":                "expected , or } after a value of an object, found ']'",
		"invalid character ':' after array element":                        "expected , or ] after an item of a list, found ':'",
		"invalid character 'a' after top-level value":                      "more text after the end of the JSON document, starting with 'a'",
		"something new": "something new",
	} {
		if got := jsonWords(msg); got != want {
			t.Errorf("%q: %q, want %q", msg, got, want)
		}
	}
}

func TestLooksJSON(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       bool
	}{
		{"api.json", "openapi: 3.0.0", true},
		{"api.yaml", "{\"openapi\": \"3.0.0\"}", false},
		{"api", "  {\"openapi\": \"3.0.0\"}", true},
		{"api", "openapi: 3.0.0", false},
	} {
		if got := looksJSON(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("%s %q: %v", tt.name, tt.data, got)
		}
	}
}
