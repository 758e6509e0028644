package generator

import (
	"encoding/json"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Adding an unrelated schema, tag, operation or enum to a spec renames no
// identifier the spec already produced: names are public API.
func TestAddingUnrelatedThingsRenamesNothing(t *testing.T) {
	const extra = `
  /zoo/animals:
    get:
      operationId: zoo_listAnimals
      tags: [Zoo]
      parameters:
        - {name: kind, in: query, schema: {$ref: "#/components/schemas/AnimalKind"}}
      responses:
        "200":
          description: Animals.
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Animal"}}
`
	const schemas = `
    Animal:
      type: object
      properties:
        name: {type: string}
        status: {type: string, enum: [CREATED, COMPLETED, unknown]}
        job: {type: object, properties: {id: {type: string}}}
    AnimalKind:
      type: string
      enum: [cat, dog, error]
`
	base, err := os.ReadFile(courierSpec)
	if err != nil {
		t.Fatal(err)
	}
	spec := string(base)
	// Insert the operation at the top of paths and the schemas at the top
	// of components.schemas, where they are most likely to claim names first.
	spec = strings.Replace(spec, "\npaths:\n", "\npaths:"+extra, 1)
	spec = strings.Replace(spec, "\n  schemas:\n", "\n  schemas:"+schemas, 1)
	if spec == string(base) {
		t.Fatal("the spec was not changed")
	}
	grown := filepath.Join(t.TempDir(), "grown.yaml")
	if err := os.WriteFile(grown, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	before := exportedNames(t, Config{SpecPath: courierSpec, Package: "courier"})
	after := exportedNames(t, Config{SpecPath: grown, Package: "courier"})
	for name := range before {
		if !after[name] {
			t.Errorf("%s disappeared when unrelated things were added", name)
		}
	}
	if len(after) <= len(before) {
		t.Errorf("the grown spec produced no new names (%d before, %d after)", len(before), len(after))
	}
}

// exportedNames lists the exported identifiers of a generated package:
// declarations, methods as Type.Method, and fields as Type.Field.
func exportedNames(t *testing.T, cfg Config) map[string]bool {
	t.Helper()
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	_, decls := parseGenerated(t, res.Files, nil)
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) > 0 {
				names[receiverName(d.Recv.List[0].Type)+"."+d.Name.Name] = d.Name.IsExported()
			} else if d.Name.IsExported() {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				addSpecNames(names, s)
			}
		}
	}
	for k, exported := range names {
		if !exported {
			delete(names, k)
		}
	}
	return names
}

func addSpecNames(names map[string]bool, s ast.Spec) {
	switch s := s.(type) {
	case *ast.TypeSpec:
		names[s.Name.Name] = s.Name.IsExported()
		if st, ok := s.Type.(*ast.StructType); ok {
			for _, f := range st.Fields.List {
				for _, n := range f.Names {
					names[s.Name.Name+"."+n.Name] = n.IsExported()
				}
			}
		}
	case *ast.ValueSpec:
		for _, n := range s.Names {
			names[n.Name] = n.IsExported()
		}
	}
}

func receiverName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverName(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return receiverName(e.X)
	}
	return "?"
}

// A new component whose name an existing declaration already holds (an
// inline type, an enum constant, a request struct) does not take it over:
// the previous generation's names, passed as Config.Names, stay with their
// owners, and the newcomer gets a suffix.
func TestNewComponentDoesNotTakeAnExistingName(t *testing.T) {
	const schemas = `
    MessageTimeoutCriteria: {type: object, properties: {a: {type: string}}}
    BulkJobStatusCompleted: {type: object, properties: {b: {type: string}}}
    BulkGetUsersRequest: {type: object, properties: {c: {type: string}}}
`
	base, err := os.ReadFile(courierSpec)
	if err != nil {
		t.Fatal(err)
	}
	spec := strings.Replace(string(base), "\n  schemas:\n", "\n  schemas:"+schemas, 1)
	grown := filepath.Join(t.TempDir(), "grown.yaml")
	if err := os.WriteFile(grown, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := Generate(Config{SpecPath: courierSpec, Package: "courier"})
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]string{
		"MessageTimeoutCriteria": "#/components/schemas/MessageTimeout/properties/criteria",
		"BulkJobStatusCompleted": "#/components/schemas/BulkJobStatus=COMPLETED",
		"BulkGetUsersRequest":    "#/paths/~1bulk~1{job_id}~1users/get/request",
	}
	for name, key := range owners {
		if got := before.Names[key]; got != name {
			t.Fatalf("before: %s is named %q, want %q", key, got, name)
		}
	}
	// Afresh, the components claim first and the old owners are renamed:
	// the situation the recorded names prevent.
	fresh, err := Generate(Config{SpecPath: grown, Package: "courier"})
	if err != nil {
		t.Fatal(err)
	}
	if got := fresh.Names[owners["MessageTimeoutCriteria"]]; got == "MessageTimeoutCriteria" {
		t.Fatal("the test no longer provokes a rename; make the collision real again")
	}
	kept, err := Generate(Config{SpecPath: grown, Package: "courier", Names: before.Names})
	if err != nil {
		t.Fatal(err)
	}
	for name, key := range owners {
		if got := kept.Names[key]; got != name {
			t.Errorf("%s was renamed to %q", name, got)
		}
		if got := kept.Names["#/components/schemas/"+name]; got != name+"2" {
			t.Errorf("the new component %s is named %q, want %s2", name, got, name)
		}
	}
	// The old names survive into the manifest, so the next run keeps them
	// too.
	var m manifest
	if err := json.Unmarshal(kept.Files["oagen.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Names[owners["BulkGetUsersRequest"]] != "BulkGetUsersRequest" {
		t.Errorf("manifest names: %v", m.Names[owners["BulkGetUsersRequest"]])
	}
}

func TestPreviousNames(t *testing.T) {
	dir := t.TempDir()
	if names, err := PreviousNames(dir); names != nil || err != nil {
		t.Errorf("no manifest: %v, %v", names, err)
	}
	os.WriteFile(filepath.Join(dir, "oagen.json"), []byte(`{"names": {"#/x": "X"}}`), 0o644)
	if names, err := PreviousNames(dir); err != nil || names["#/x"] != "X" {
		t.Errorf("names = %v, %v", names, err)
	}
	os.WriteFile(filepath.Join(dir, "oagen.json"), []byte(`{"names": [`), 0o644)
	if _, err := PreviousNames(dir); err == nil || !strings.Contains(err.Error(), "oagen.json") {
		t.Errorf("a broken manifest gives %v, want an error naming it", err)
	}
}

// A name the description chooses (x-go-name) wins over the name the
// manifest kept for the same declaration; a chosen name that another
// declaration kept is a clash, an error naming both places, whichever is
// met first.
func TestChosenNameWinsOverKept(t *testing.T) {
	spec := filepath.Join(goldenDir, "go-names", "spec.yaml")
	kept := map[string]string{
		"#/components/schemas/bulk_job_v2":                      "BulkJobV2",
		"#/components/schemas/bulk_job_v2/properties/state=CRT": "BulkJobV2StateCRT",
	}
	res, err := Generate(Config{SpecPath: spec, SpecName: "spec.yaml", Package: "gonames", Names: kept})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Names["#/components/schemas/bulk_job_v2"]; got != "Job" {
		t.Errorf("bulk_job_v2 is named %q, want its x-go-name Job", got)
	}
	if got := res.Names["#/components/schemas/bulk_job_v2/properties/state=CRT"]; got != "JobStateCreated" {
		t.Errorf("CRT is named %q, want its x-enum-varnames JobStateCreated", got)
	}

	for _, key := range []string{"#/components/schemas/Level", "#/components/schemas/bulk_job_v2/properties/totals"} {
		_, err = Generate(Config{SpecPath: spec, SpecName: "spec.yaml", Package: "gonames", Names: map[string]string{key: "User"}})
		want := `spec.yaml:54:7: #/components/schemas/user_ref/x-go-name: x-go-name "User" is also the name of spec.yaml:`
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "("+key+")") {
			t.Errorf("%s kept as User: error %v\nwant one starting %s and naming %s", key, err, want, key)
		}
	}
}
