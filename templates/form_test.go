package templates

import (
	"bytes"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFilePart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "avatar.png")
	if err := os.WriteFile(path, []byte("PNG"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := writeFilePart(mw, "file", f); err != nil {
		t.Fatal(err)
	}
	if err := writeFilePart(mw, "notes", strings.NewReader("hello")); err != nil {
		t.Fatal(err)
	}
	mw.Close()
	r := multipart.NewReader(&buf, mw.Boundary())
	want := [][3]string{{"file", "avatar.png", "PNG"}, {"notes", "notes", "hello"}}
	for _, w := range want {
		p, err := r.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		if p.FormName() != w[0] || p.FileName() != w[1] || string(body) != w[2] {
			t.Errorf("part = %s %s %q, want %v", p.FormName(), p.FileName(), body, w)
		}
	}
}

func TestJSONString(t *testing.T) {
	if got := jsonString(map[string]int{"a": 1}); got != `{"a":1}` {
		t.Errorf("jsonString = %s", got)
	}
	if got := jsonString(any("a b\u00e9")); got != "a bé" {
		t.Errorf("jsonString of a string = %q", got)
	}
	if got := jsonString(any(42)); got != "42" {
		t.Errorf("jsonString of a number = %q", got)
	}
	if got := jsonString(func() {}); got != "" {
		t.Errorf("jsonString of a func = %q", got)
	}
}
