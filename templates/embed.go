package templates

import (
	"embed"
	"io/fs"
	"strings"
)

// FS holds the Go source files of this package, tests included.
//
//go:embed *.go
var FS embed.FS

// Files returns the runtime source files to copy into a generated package,
// keyed by file name ("retry.go"), with their contents. Test files, doc.go
// and embed.go are left out. Sort the names (slices.Sorted(maps.Keys(m)))
// for a stable order.
func Files() (map[string][]byte, error) {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(entries))
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, "_test.go") || name == "doc.go" || name == "embed.go" {
			continue
		}
		data, err := FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	return files, nil
}
