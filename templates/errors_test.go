package templates

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestErrorMessage(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"message":"m","detail":"d"}`, "m"},
		{`{"detail":"d","title":"t"}`, "d"},
		{`{"title":"t","error":"e"}`, "t"},
		{`{"error":"e"}`, "e"},
		{`{"error":{"message":"nested","code":1}}`, "nested"},
		{`{"message":7,"detail":"d"}`, "d"},
		{`{"message":"","title":"t"}`, "t"},
		{`{"message":null}`, ""},
		{`{"code":1}`, ""},
		{`["message"]`, ""},
		{`<html>Bad Gateway</html>`, ""},
		{``, ""},
		{`{"message":"first","message":"last"}`, "last"},
		{`{"message":"m","message":3,"detail":"d"}`, "d"},
		{`{"\u006dessage":"escaped \u00e9\ud83d"}`, "escaped é\uFFFD"},
		{`{"Message":"case matters"}`, ""},
		{`{"error":{"message":"n"},"error":null}`, ""},
		{`{"error":{"message":7}}`, ""},
		{`{"message":"m"} trailing`, ""},
		{`{"message":"m",}`, ""},
		{"\xef\xbb\xbf{\"message\":\"bom\"}", ""},
		{"{\"message\":\"bad \xff\"}", "bad \uFFFD"},
	}
	for _, tt := range tests {
		if got := errorMessage([]byte(tt.body)); got != tt.want {
			t.Errorf("errorMessage(%s) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestAPIErrorText(t *testing.T) {
	e := &APIError{Method: "GET", PathTemplate: "/bulk/{job_id}", Status: "502 Bad Gateway"}
	if got, want := e.Error(), "GET /bulk/{job_id}: 502 Bad Gateway"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e.Message = strings.Repeat("é", maxMessage)
	if got := e.Error(); len(got) > 100+maxMessage || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("long message: %d bytes, valid UTF-8 %v", len(got), utf8.ValidString(got))
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"abcdef", 3, "abc…"},
		{"aéb", 2, "a…"}, // é is 2 bytes: not split
		{"日本語", 4, "日…"},
		{"a\xffb", 10, "a\uFFFDb"},
	}
	for _, tt := range tests {
		if got := snippet([]byte(tt.in), tt.n); got != tt.want {
			t.Errorf("snippet(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
