package generator

import (
	"go/types"
	"strings"
	"testing"
)

func TestTypeCheck(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte
		want  string // a part of the error; "" for none
	}{
		{"compiles", map[string][]byte{
			"a_gen.go":      []byte("package p\n\nimport \"net/http\"\n\nconst M = http.MethodGet\n"),
			"a_gen_test.go": []byte("package p\n\nimport \"testing\"\n\nfunc TestM(t *testing.T) { _ = M }\n"),
			"oagen.json":    []byte("{}"),
		}, ""},
		{"a local declared twice", map[string][]byte{
			"a_gen.go": []byte("package p\n\nfunc f() (int, int) {\n\tv1, _ := 1, 2\n\tv1, _ := 3, 4\n\treturn v1, v1\n}\n"),
		}, "a_gen.go:5:8: no new variables on left side of :="},
		{"an undefined name", map[string][]byte{
			"a_gen.go": []byte("package p\n\nvar x = paginate()\n"),
		}, "a_gen.go:3:9: undefined: paginate"},
		{"a syntax error", map[string][]byte{
			"a_gen.go": []byte("package p\n\nfunc {\n"),
		}, "a_gen.go:3:6: expected 'IDENT'"},
		{"a package outside the standard library", map[string][]byte{
			"a_gen.go": []byte("package p\n\nimport \"example.com/nowhere\"\n\nvar _ = nowhere.X\n"),
		}, "example.com/nowhere"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := TypeCheck(tt.files)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("TypeCheck: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("TypeCheck: %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

// Many problems are cut to the first ten and a count.
func TestTypeCheckShortensLongReports(t *testing.T) {
	src := "package p\n\n" + strings.Repeat("var _ = undefinedName\n", 12)
	err := TypeCheck(map[string][]byte{"a_gen.go": []byte(src)})
	if err == nil || strings.Count(err.Error(), "undefined: undefinedName") != 10 || !strings.HasSuffix(err.Error(), "(and 2 more)") {
		t.Errorf("TypeCheck: %v", err)
	}
}

// Without a go command on PATH the standard library is read from source.
func TestStdImporterWithoutGoCommand(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var s stdImporter
	imp, err := s.importer("", []string{"strings"})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := imp.Import("strings")
	if err != nil {
		t.Fatal(err)
	}
	if obj := pkg.Scope().Lookup("Cut"); obj == nil || !strings.HasPrefix(types.ObjectString(obj, nil), "func strings.Cut(") {
		t.Errorf("strings.Cut: %v", obj)
	}
}
