package corpus

import (
	"regexp"
	"strings"
)

var (
	// A position prefix: "s0001_x/types.go:12:5: ", "spec.json:3:1: ",
	// "/tmp/a/spec.yaml: ".
	positionRE = regexp.MustCompile(`^(?:vet: )?(?:[^\s:]+\.[A-Za-z0-9]+|[^\s:]*/[^\s:]*)(?::\d+){0,2}:\s+`)
	// A JSON pointer; its first segment is kept: "#/paths/…".
	pointerRE = regexp.MustCompile(`#(/[^/\s:"']*)?(/[^\s:"']*)?`)
	quotedRE  = regexp.MustCompile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|'[^'\\s]*'")
	// An identifier worth hiding: one with an upper-case letter, a digit or
	// an underscore after its first letter, or a qualified one (pkg.Name).
	identRE  = regexp.MustCompile(`\b[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\b`)
	numberRE = regexp.MustCompile(`\b\d+(?:\.\d+)?\b`)
	spaceRE  = regexp.MustCompile(`\s+`)
)

// Normalize turns an error line into a cause that groups alike errors from
// different specs: positions, file names, JSON pointers below their first
// segment, quoted text, numbers and program identifiers are masked.
//
//	s0001_x/types.go:12:5: FooBar redeclared in this block
//	  -> X redeclared in this block
//	spec.json:3:1: #/paths/~1a/get: parameter "id" is not in the path
//	  -> #/paths/…: parameter "…" is not in the path
func Normalize(line string) string {
	s := strings.TrimSpace(line)
	s = strings.TrimPrefix(s, "vet: ")
	s = positionRE.ReplaceAllString(s, "")
	s = quotedRE.ReplaceAllStringFunc(s, func(q string) string {
		return q[:1] + "…" + q[len(q)-1:]
	})
	s = pointerRE.ReplaceAllStringFunc(s, func(p string) string {
		m := pointerRE.FindStringSubmatch(p)
		if m[2] != "" {
			return "#" + m[1] + "/…"
		}
		return p
	})
	s = identRE.ReplaceAllStringFunc(s, func(id string) string {
		if isProgramIdent(id) {
			return "X"
		}
		return id
	})
	s = numberRE.ReplaceAllString(s, "N")
	s = spaceRE.ReplaceAllString(s, " ")
	if len(s) > 240 {
		s = s[:240] + "…"
	}
	return s
}

// isProgramIdent tells a program's identifier (FooBar, Pet, foo_bar, x2,
// json.Marshal) from a word of a message (redeclared, JSON).
func isProgramIdent(id string) bool {
	if strings.ContainsAny(id, "._0123456789") {
		return true
	}
	upper, lower := false, false
	for _, r := range id {
		upper = upper || r >= 'A' && r <= 'Z'
		lower = lower || r >= 'a' && r <= 'z'
	}
	return upper && lower
}

// FirstLine returns the first non-empty line of s that is not a "# pkg"
// header.
func FirstLine(s string) string {
	for l := range strings.SplitSeq(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "# ") {
			continue
		}
		return l
	}
	return ""
}

// Excerpt returns at most n lines and 4 KiB of s.
func Excerpt(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	out := strings.Join(lines, "\n")
	if len(out) > 4096 {
		out = out[:4096] + "…"
	}
	return out
}
