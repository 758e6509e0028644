package generator

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// Only generator/load may import kin-openapi: the IR is the boundary, and
// everything past it (emit, output, naming) must not see the parser.
func TestOnlyLoadImportsKinOpenAPI(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "github.com/oagen/oagen/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(bytes.TrimSpace(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || fields[0] == "github.com/oagen/oagen/generator/load" {
			continue
		}
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/getkin/kin-openapi") {
				t.Errorf("%s imports %s; only generator/load may", fields[0], imp)
			}
		}
	}
	deps, err := exec.Command("go", "list", "-deps", "github.com/oagen/oagen/generator/emit", "github.com/oagen/oagen/generator/ir",
		"github.com/oagen/oagen/generator/naming", "github.com/oagen/oagen/generator/output").Output()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(deps, []byte("kin-openapi")) {
		t.Error("emit, ir, naming or output depends on kin-openapi")
	}
}
