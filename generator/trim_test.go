package generator

import (
	"bytes"
	"strings"
	"testing"
)

// The runtime a client carries is what it uses: Courier pages but sends no
// form body, and the minimal case does neither.
func TestRuntimeIsTrimmedToWhatThePackageUses(t *testing.T) {
	tests := []struct {
		spec      string
		has, lack []string
	}{
		{"../spec/courier-bulk.yaml", []string{"func paginate", "func marshalJSON", "func WithBearerToken"}, []string{"func writeFilePart", "func deepObjectPairs"}},
		{"../testdata/golden/minimal/spec.yaml", []string{"func WithBearerToken", "func WithBasicAuth"}, []string{"func paginate", "func writeFilePart"}},
	}
	for _, tt := range tests {
		res, err := Generate(Config{SpecPath: tt.spec, SpecName: "spec.yaml", Package: "p"})
		if err != nil {
			t.Fatal(err)
		}
		var runtime bytes.Buffer
		for name, src := range res.Files {
			if strings.HasPrefix(name, "runtime_") {
				runtime.Write(src)
			}
		}
		for _, want := range tt.has {
			if !bytes.Contains(runtime.Bytes(), []byte(want)) {
				t.Errorf("%s: the runtime lacks %s", tt.spec, want)
			}
		}
		for _, unwanted := range tt.lack {
			if bytes.Contains(runtime.Bytes(), []byte(unwanted)) {
				t.Errorf("%s: the runtime carries %s, which nothing uses", tt.spec, unwanted)
			}
		}
	}
}

func TestCutKeepsTheRest(t *testing.T) {
	src := []byte("a\nbb\nccc\n")
	if got := string(cut(src, [][2]int{{2, 4}})); got != "a\nccc\n" {
		t.Errorf("cut = %q", got)
	}
}
