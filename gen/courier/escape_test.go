package courier_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// marshalDecl matches the first line of a generated MarshalJSON, whose
// receiver is a copy of the value.
var marshalDecl = regexp.MustCompile(`^func \((\w+) \w+\) MarshalJSON\(\)`)

// MarshalJSON hands moveJSON a pointer to its own copy of the value. The
// compiler keeps that copy on the stack only while nothing lets the
// pointer escape (handing it on as an interface did, and cost a heap copy
// of the whole value per call); its escape analysis is asked here.
func TestMarshalJSONKeepsItsCopyOnTheStack(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the package")
	}
	out, err := exec.Command("go", "build", "-gcflags=-m", "-o", os.DevNull, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte(": moved to heap: ")) {
		t.Fatalf("go build -gcflags=-m printed no escape analysis:\n%s", out)
	}
	moved := map[string]bool{} // file:line of each "moved to heap" of a receiver
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		file, rest, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "./"), ":")
		if !ok {
			continue
		}
		parts := strings.SplitN(rest, ":", 3)
		if len(parts) == 3 && strings.HasPrefix(strings.TrimSpace(parts[2]), "moved to heap: ") {
			moved[file+":"+parts[0]+":"+strings.TrimPrefix(strings.TrimSpace(parts[2]), "moved to heap: ")] = true
		}
	}
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), "_gen.go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		text, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(text), "\n") {
			m := marshalDecl.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			checked++
			if at := f.Name() + ":" + strconv.Itoa(i+1); moved[at+":"+m[1]] {
				t.Errorf("%s: MarshalJSON moves its copy of the value to the heap: %s", at, line)
			}
		}
	}
	if checked < 20 {
		t.Fatalf("found %d MarshalJSON methods in the generated files; the pattern no longer matches them", checked)
	}
}
