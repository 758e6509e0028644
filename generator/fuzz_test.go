package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzGenerate feeds arbitrary documents to the whole pipeline: load, IR,
// emit and format. Any input may be rejected with an error; none may
// panic, and every package generated must type-check. The seeds are the golden specs; crashers found are kept under
// testdata/fuzz/FuzzGenerate.
//
//	go test -run '^$' -fuzz FuzzGenerate -fuzztime 10m ./generator/
func FuzzGenerate(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(goldenDir, "*", "spec.*"))
	seeds = append(seeds, courierSpec)
	for _, path := range seeds {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	module := f.TempDir()
	writeGoldenModule(f, module)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "spec.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Generate(Config{SpecPath: path, SpecName: "spec.yaml", Package: "fuzz"})
		if err != nil {
			return
		}
		if len(res.Files) == 0 {
			t.Fatal("generation succeeded with no files")
		}
		if err := TypeCheckIn(module, res.Files); err != nil {
			if strings.Contains(err.Error(), "locating the export data") {
				return // an x-go-type names a package that does not exist: the user's mistake
			}
			t.Fatal(err)
		}
	})
}
