// Package output formats generated files and puts them on disk: all of
// them or none, and never a file the generator did not write.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/imports"
)

// generatedHeader is Go's marker of a generated file.
var generatedHeader = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// Format runs goimports over one file.
func Format(name string, src []byte) ([]byte, error) {
	out, err := imports.Process(name, src, &imports.Options{Comments: true, TabIndent: true, TabWidth: 8, FormatOnly: true})
	if err != nil {
		// A generator bug: show the error and the lines around it, not the
		// whole file.
		msg := err.Error()
		if i := strings.Index(msg, " while formatting source"); i >= 0 {
			msg = msg[:i]
		}
		return nil, fmt.Errorf("formatting generated %s: %s%s", name, msg, excerpt(src, msg))
	}
	return out, nil
}

// IsGenerated reports whether a file name and content belong to the
// generator: a _gen.go file headed by the generated-code marker, or the
// manifest.
func IsGenerated(name string, content []byte) bool {
	if name == ManifestName {
		return true
	}
	if !strings.HasSuffix(name, "_gen.go") && !strings.HasSuffix(name, "_gen_test.go") {
		return false
	}
	head := content
	if len(head) > 512 {
		head = head[:512]
	}
	return generatedHeader.Match(head)
}

// ManifestName is the generated package's manifest file.
const ManifestName = "oagen.json"

// Stale compares dir with files and lists, sorted, the files that differ,
// are missing, or are generated files that would be removed.
func Stale(dir string, files map[string][]byte) ([]string, error) {
	var out []string
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		if err != nil || !bytes.Equal(got, want) {
			out = append(out, name)
		}
	}
	old, err := existing(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range old {
		if _, keep := files[name]; !keep {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

// existing lists the generated files now in dir.
func existing(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), "_gen.go") || strings.HasSuffix(e.Name(), "_gen_test.go") || e.Name() == ManifestName) {
			continue
		}
		content, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if IsGenerated(e.Name(), content) {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

var errLine = regexp.MustCompile(`^[^:]*:(\d+):`)

// excerpt returns the lines of src around the line an error names.
func excerpt(src []byte, msg string) string {
	m := errLine.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	n, _ := strconv.Atoi(m[1])
	lines := strings.Split(string(src), "\n")
	var b strings.Builder
	for i := max(n-3, 1); i <= min(n+2, len(lines)); i++ {
		fmt.Fprintf(&b, "\n%6d  %s", i, lines[i-1])
	}
	return b.String()
}
