package generator

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oagen/oagen/generator/output"
	"github.com/oagen/oagen/internal/roundtrip"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goldenDir = "../testdata/golden"

// A golden case is a folder with a spec (spec.yaml or spec.json), an
// optional config.yaml, and either want/ (the expected files, runtime left
// out) or want.err (the expected error text).
func TestGolden(t *testing.T) {
	cases, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	vetRoot := t.TempDir()
	writeGoldenModule(t, vetRoot)
	vetted := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		dir := filepath.Join(goldenDir, c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			res, err := Generate(goldenConfig(t, dir))
			wantErr, readErr := os.ReadFile(filepath.Join(dir, "want.err"))
			if *update {
				os.Remove(filepath.Join(dir, "want.err"))
				readErr = os.ErrNotExist
				if err != nil {
					checkError(t, dir, err, nil)
					return
				}
			}
			if readErr == nil {
				checkError(t, dir, err, wantErr)
				return
			}
			if err != nil {
				t.Fatalf("generate: %v", err)
			}
			if err := TypeCheckIn(vetRoot, res.Files); err != nil {
				t.Error(err)
			}
			checkFiles(t, filepath.Join(dir, "want"), res.Files)
			checkWarnings(t, dir, res.Warnings.Error())
			if err := output.Write(filepath.Join(vetRoot, c.Name()), res.Files); err != nil {
				t.Fatal(err)
			}
			copyTests(t, dir, filepath.Join(vetRoot, c.Name()))
			cfg := goldenConfig(t, dir)
			check, err := roundtrip.Test(cfg.Package, "goldens/"+c.Name(), res.Files)
			if err != nil {
				t.Fatal(err)
			}
			if check != nil {
				writeFile(t, filepath.Join(vetRoot, c.Name(), roundtrip.FileName), check)
			}
			vetted++
		})
	}
	if vetted == 0 {
		return
	}
	// Every golden package builds and passes go vet, and the hand-written
	// tests beside a case (behaviour of the generated code over httptest)
	// pass, and so does the check that each union constructor's value
	// decodes back to its variant.
	for _, args := range [][]string{{"vet", "./..."}, {"test", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = vetRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s over the golden packages: %v\n%s", args[0], err, out)
		}
	}
}

// userTypes is a module of types a user maps schemas to (x-go-type, the
// config's types), which the golden cases import as usertypes/...
const userTypes = "../testdata/usertypes"

// writeGoldenModule makes dir the module the golden packages are built in,
// with the user types' module beside them.
func writeGoldenModule(t testing.TB, dir string) {
	t.Helper()
	types, err := filepath.Abs(userTypes)
	if err != nil {
		t.Fatal(err)
	}
	mod := fmt.Sprintf("module goldens\n\ngo 1.26\n\nrequire usertypes v0.0.0\n\nreplace usertypes => %s\n", types)
	writeFile(t, filepath.Join(dir, "go.mod"), []byte(mod))
}

// copyTests copies a case's hand-written *_test.go files into the package
// generated for it.
func copyTests(t *testing.T, from, to string) {
	t.Helper()
	tests, _ := filepath.Glob(filepath.Join(from, "*_test.go"))
	for _, path := range tests {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(to, filepath.Base(path)), data)
	}
}

// goldenConfig reads a case's spec and config.
func goldenConfig(t *testing.T, dir string) Config {
	t.Helper()
	spec := filepath.Join(dir, "spec.yaml")
	if _, err := os.Stat(spec); err != nil {
		spec = filepath.Join(dir, "spec.json")
	}
	pkg := strings.ReplaceAll(filepath.Base(dir), "-", "")
	cfg := Config{SpecPath: spec, SpecName: filepath.Base(spec), Package: pkg}
	if data, err := os.ReadFile(filepath.Join(dir, "config.yaml")); err == nil {
		opts, err := ParseOptions(data)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Options = opts
		cfg.ConfigPath, cfg.ConfigName = filepath.Join(dir, "config.yaml"), "config.yaml"
	}
	return cfg
}

func checkError(t *testing.T, dir string, err error, want []byte) {
	t.Helper()
	if err == nil {
		t.Fatal("generation succeeded; want an error")
	}
	got := []byte(err.Error() + "\n")
	if *update {
		writeFile(t, filepath.Join(dir, "want.err"), got)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("error text differs (-want +got):\n%s", unifiedDiff(string(want), string(got)))
	}
}

// checkFiles compares the generated files, runtime left out, with want/.
func checkFiles(t *testing.T, want string, files map[string][]byte) {
	t.Helper()
	got := map[string][]byte{}
	for name, content := range files {
		if !strings.HasPrefix(name, "runtime_") {
			got[name] = content
		}
	}
	if *update {
		os.RemoveAll(want)
		for name, content := range got {
			writeFile(t, filepath.Join(want, name), content)
		}
		return
	}
	entries, _ := os.ReadDir(want)
	var wantNames []string
	for _, e := range entries {
		wantNames = append(wantNames, e.Name())
	}
	for name, content := range got {
		expected, err := os.ReadFile(filepath.Join(want, name))
		if err != nil {
			t.Errorf("%s: generated but not in want/ (run go test ./generator/ -update)", name)
			continue
		}
		if !bytes.Equal(expected, content) {
			t.Errorf("%s differs (-want +got):\n%s", name, unifiedDiff(string(expected), string(content)))
		}
	}
	for _, name := range wantNames {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: in want/ but no longer generated", name)
		}
	}
	slices.Sort(wantNames)
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkWarnings compares the located warnings with warnings.txt.
func checkWarnings(t *testing.T, dir, got string) {
	t.Helper()
	path := filepath.Join(dir, "warnings.txt")
	if got != "" {
		got += "\n"
	}
	if *update {
		os.Remove(path)
		if got != "" {
			writeFile(t, path, []byte(got))
		}
		return
	}
	want, _ := os.ReadFile(path)
	if string(want) != got {
		t.Errorf("warnings differ (-want +got):\n%s", unifiedDiff(string(want), got))
	}
}
