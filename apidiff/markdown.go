package apidiff

import (
	"bytes"
	"fmt"
	"strings"
)

// Markdown renders the report for a pull-request comment:
//
//	## Breaking changes (2)
//
//	- `Job.Total`: field removed
//	- `POST /jobs` (`jobs_create`): query parameter `dry_run` added, required (spec.yaml:21).
//	  No Go signature changes: ...
//
//	## Compatible changes (1)
//	...
//	## Spec changes (3)
//	...
//
// The text depends only on the two specs: every list is sorted.
func (r *Report) Markdown() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Go API changes of package `%s`\n\n", r.Package)
	fmt.Fprintf(&b, "From `%s` to `%s`: ", r.BaseName, r.NewName)
	goBreaking, specBreaking := r.Breaking()
	compatible := r.Compatible()
	switch n := len(goBreaking) + len(specBreaking); {
	case n > 0:
		fmt.Fprintf(&b, "**%s.**\n", plural(n, "change breaks callers", "changes break callers"))
	case len(r.Go)+len(r.Spec) > 0:
		b.WriteString("nothing breaks callers.\n")
	default:
		b.WriteString("no changes.\n")
	}

	fmt.Fprintf(&b, "\n## Breaking changes (%d)\n\n", len(goBreaking)+len(specBreaking))
	for _, c := range goBreaking {
		fmt.Fprintf(&b, "- `%s`: %s\n", c.Name, c.Change)
	}
	for _, c := range specBreaking {
		fmt.Fprintf(&b, "- %s: %s (%s)\n  %s.\n", c.Subject, c.Change, c.Where, upperFirst(c.Note))
	}
	none(&b, len(goBreaking)+len(specBreaking))

	fmt.Fprintf(&b, "\n## Compatible changes (%d)\n\n", len(compatible))
	for _, c := range compatible {
		fmt.Fprintf(&b, "- `%s`: %s\n", c.Name, c.Change)
	}
	none(&b, len(compatible))

	fmt.Fprintf(&b, "\n## Spec changes (%d)\n\n", len(r.Spec))
	for _, c := range r.Spec {
		fmt.Fprintf(&b, "- %s: %s (%s)\n", c.Subject, c.Change, c.Where)
	}
	none(&b, len(r.Spec))
	return b.Bytes()
}

func none(b *bytes.Buffer, n int) {
	if n == 0 {
		b.WriteString("None.\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
