package generator

import (
	"path/filepath"
	"testing"
)

// A subset is a cut of the full package: every declaration it keeps has
// the name the full generation gives it, without a manifest to help. The
// golden case "subset" leaves out an operation whose request struct
// claims a name first; the kept one's struct is OrdersListXRequest2 in
// both.
func TestSubsetKeepsFullNames(t *testing.T) {
	dir := filepath.Join(goldenDir, "subset")
	sub, err := Generate(goldenConfig(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	fullCfg := goldenConfig(t, dir)
	fullCfg.Options = Options{}
	full, err := Generate(fullCfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Names) == 0 || len(sub.Names) >= len(full.Names) {
		t.Fatalf("%d names in the subset, %d in the full package", len(sub.Names), len(full.Names))
	}
	for key, name := range sub.Names {
		if full.Names[key] != name {
			t.Errorf("%s: %s in the subset, %q in the full package", key, name, full.Names[key])
		}
	}
	if got := sub.Names["#/paths/~1orders/get/request"]; got != "OrdersListXRequest2" {
		t.Errorf("the kept request struct is %s, want OrdersListXRequest2", got)
	}
	// Widening the subset to everything, over the subset's manifest, gives
	// the full package's names.
	fullCfg.Names = sub.Names
	widened, err := Generate(fullCfg)
	if err != nil {
		t.Fatal(err)
	}
	for key, name := range full.Names {
		if widened.Names[key] != name {
			t.Errorf("widened: %s is %s, %s in a fresh full generation", key, widened.Names[key], name)
		}
	}
	fullDecls := declaredNames(t, full.Files)
	for name := range declaredNames(t, sub.Files) {
		if !fullDecls[name] {
			t.Errorf("the subset declares %s, which the full package does not", name)
		}
	}
	for _, gone := range []string{"Unused", "Pet", "Archive", "NewOrder", "WithPetKey", "OrdersListXRequest"} {
		if declaredNames(t, sub.Files)[gone] {
			t.Errorf("the subset still declares %s", gone)
		}
	}
}

// declaredNames lists the package-level names the generated files declare.
func declaredNames(t *testing.T, files map[string][]byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	_, decls := parseGenerated(t, files, nil)
	for _, d := range decls {
		for _, n := range declNames(d) {
			out[n] = true
		}
	}
	return out
}
