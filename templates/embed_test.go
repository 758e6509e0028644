package templates

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestFilesLeavesOutTestsDocAndEmbed(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"core.go", "retry.go", "paginate.go", "union.go"} {
		if len(files[name]) == 0 {
			t.Errorf("Files() lacks %s", name)
		}
	}
	for name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "doc.go" || name == "embed.go" || !strings.HasSuffix(name, ".go") {
			t.Errorf("Files() holds %s", name)
		}
	}
}

// TestFilesReadAsGeneratedCode checks what the generator relies on: each
// file has the package clause, no package doc and no other mention of this
// package's name.
func TestFilesReadAsGeneratedCode(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc != nil {
			t.Errorf("%s has a package doc comment", name)
		}
		if n := strings.Count(string(src), "templates"); n != 1 {
			t.Errorf(`%s mentions "templates" %d times, want once (the package clause)`, name, n)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && (id.Name == "FS" || id.Name == "Files") {
				t.Errorf("%s refers to %s, which embed.go defines", name, id.Name)
			}
			return true
		})
	}
}

// TestFilesBuildAsAnotherPackage copies the files into a fresh module under
// another package name, as the generator does, and vets them there.
func TestFilesBuildAsAnotherPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	clause := regexp.MustCompile(`(?m)^package templates$`)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/courier\n\ngo 1.26\n")
	for name, src := range files {
		write("runtime_"+strings.TrimSuffix(name, ".go")+"_gen.go", clause.ReplaceAllString(string(src), "package courier"))
	}
	cmd := exec.Command(goTool, "vet", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet of the copied runtime: %v\n%s", err, out)
	}
}

// TestDocListsEveryIdentifier keeps the reserved list in doc.go in step
// with what the runtime files declare.
func TestDocListsEveryIdentifier(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := FS.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if rest, ok := strings.CutPrefix(line, "//\t"); ok {
			for _, name := range strings.Fields(rest) {
				listed[name] = true
			}
		}
	}
	declared := map[string]bool{}
	for name, src := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range topLevelNames(f) {
			declared[id] = true
			if !listed[id] {
				t.Errorf("doc.go does not list %s (declared in %s)", id, name)
			}
		}
	}
	for id := range listed {
		if !declared[id] {
			t.Errorf("doc.go lists %s, which no runtime file declares", id)
		}
	}
}

// topLevelNames returns the package-level names f declares.
func topLevelNames(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}
