package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestSniff(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.json": `{"openapi":"3.0.3","paths":{"/x":{}},"info":{"title":"A","x-origin":[{"format":"swagger","version":"2.0","url":"u"}]},"components":{}}`,
		"b.json": "\ufeff" + `{"info":{"title":"B"},"swagger":"2.0"}`,
		"c.yaml": "openapi: 3.1.0\ninfo:\n  title: C\n  x-origin:\n    format: google\n    version: v1\n",
		"d.json": `{"info":{}}`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string][2]string{
		"a.json": {"3.0", "swagger 2.0"},
		"b.json": {"2.0", ""},
		"c.yaml": {"3.1", "google v1"},
		"d.json": {"", ""},
	} {
		s, err := Sniff(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Version != want[0] || s.Origin != want[1] || s.Size != int64(len(files[name])) {
			t.Errorf("%s: version %q origin %q size %d; want %q %q %d", name, s.Version, s.Origin, s.Size, want[0], want[1], len(files[name]))
		}
	}
}

func TestFilter(t *testing.T) {
	specs := []Spec{
		{ID: "a.com", Version: "3.0", Origin: "swagger 2.0"},
		{ID: "b.com/x", Version: "3.1", Origin: "openapi 3.1"},
		{ID: "b.com/y", Version: "3.0", Origin: "openapi 3.0"},
		{ID: "c.com", Version: "2.0"},
	}
	ids := func(ss []Spec) (out []string) {
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	for _, c := range []struct {
		run, version, origin string
		limit                int
		want                 []string
	}{
		{"", "", "", 0, []string{"a.com", "b.com/x", "b.com/y", "c.com"}},
		{"^b\\.com/", "", "", 0, []string{"b.com/x", "b.com/y"}},
		{"", "3.0", "", 0, []string{"a.com", "b.com/y"}},
		{"", "all", "swagger", 0, []string{"a.com"}},
		{"", "", "", 2, []string{"a.com", "b.com/x"}},
	} {
		var run, origin *regexp.Regexp
		if c.run != "" {
			run = regexp.MustCompile(c.run)
		}
		if c.origin != "" {
			origin = regexp.MustCompile(c.origin)
		}
		got := ids(Filter(specs, run, c.version, origin, c.limit))
		if len(got) != len(c.want) || len(got) > 0 && got[len(got)-1] != c.want[len(c.want)-1] {
			t.Errorf("%+v: got %v", c, got)
		}
	}
}
