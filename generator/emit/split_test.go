package emit

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/oagen/oagen/generator/ir"
)

// enumsAPI is a package of n string enums, each with one value.
func enumsAPI(n int) *ir.API {
	api := &ir.API{Package: "p", SpecName: "spec.yaml", NoExamples: true}
	for i := range n {
		name := fmt.Sprintf("Color%d", i)
		api.Types = append(api.Types, &ir.Type{
			Name: name, Kind: ir.Enum, Base: &ir.TypeRef{Kind: ir.Builtin, Name: "string"},
			Values: []ir.EnumValue{{Name: name + "Red", Value: "red"}},
		})
	}
	return api
}

func TestSmallPackageKeepsOneFilePerKind(t *testing.T) {
	files, err := Files(enumsAPI(splitAt), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(files)); !slices.Equal(got, []string{"doc_gen.go", "enums_gen.go"}) {
		t.Errorf("files = %q, want doc_gen.go and enums_gen.go", got)
	}
}

// More than splitAt enums are spread over splitInto files; each is
// declared once, IsKnown's table stays in enums_gen.go, and a new enum
// changes one of the files and the table, nothing else.
func TestLargePackageSpreadsDeclarations(t *testing.T) {
	n := splitAt * 2
	files, err := Files(enumsAPI(n), nil)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]string{}
	for name, src := range files {
		for line := range strings.Lines(string(src)) {
			if typ, ok := strings.CutPrefix(line, "type "); ok {
				typ = strings.Fields(typ)[0]
				if prev, dup := declared[typ]; dup {
					t.Errorf("%s is declared in %s and %s", typ, prev, name)
				}
				declared[typ] = name
			}
		}
	}
	if len(declared) != n {
		t.Errorf("%d enums declared, want %d", len(declared), n)
	}
	for i := 1; i <= splitInto; i++ {
		name := fmt.Sprintf("enums_%02d_gen.go", i)
		count := 0
		for _, f := range declared {
			if f == name {
				count++
			}
		}
		if count < n/splitInto/2 || count > n/splitInto*2 {
			t.Errorf("%s declares %d enums; want about %d", name, count, n/splitInto)
		}
	}
	if src := string(files["enums_gen.go"]); !strings.Contains(src, "func IsKnown") || !strings.Contains(src, "knownValueList") || strings.Contains(src, "\ntype ") {
		t.Errorf("enums_gen.go should hold IsKnown and its table, and no enum:\n%.400s", files["enums_gen.go"])
	}

	more := enumsAPI(n + 1)
	after, err := Files(more, nil)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for name, src := range after {
		if string(files[name]) != string(src) {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed) // enums_NN_gen.go, then enums_gen.go
	newName := more.Types[n].Name
	if len(changed) != 2 || changed[1] != "enums_gen.go" || !strings.Contains(string(after[changed[0]]), "type "+newName+" ") {
		t.Errorf("adding %s changed %q; want enums_gen.go and the one file that declares it", newName, changed)
	}
}
