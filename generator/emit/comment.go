package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"
)

// width is where doc comments wrap.
const width = 77

// docComment writes the doc comment lines of the next declaration: paragraphs
// kept, lines wrapped near 80 columns, one jen comment per line (a multi-line
// comment would render as /* */ and break on a "*/" inside a description).
func docComment(f *jen.File, text string) {
	for _, line := range commentLines(text) {
		f.Comment(line)
	}
}

// fieldComment returns the comment lines of a struct field.
func fieldComment(text string) []jen.Code {
	var out []jen.Code
	for _, line := range commentLines(text) {
		out = append(out, jen.Comment(line))
	}
	return out
}

// commentLines wraps text into comment lines; list items and indented
// lines are kept as they are.
func commentLines(text string) []string {
	text = strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n")
	if text == "" {
		return nil
	}
	var lines []string
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, wrapParagraph(para)...)
	}
	return lines
}

func wrapParagraph(para string) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
		}
	}
	for _, raw := range strings.Split(para, "\n") {
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" {
			continue
		}
		if strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* ") || strings.HasPrefix(raw, "  ") {
			flush()
			lines = append(lines, strings.TrimRight(raw, " \t"))
			continue
		}
		for _, word := range strings.Fields(trimmed) {
			if cur.Len() > 0 && cur.Len()+1+len(word) > width {
				flush()
			}
			if cur.Len() > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(word)
		}
	}
	flush()
	return lines
}

// docFor builds a doc comment that starts with name, as godoc expects.
func docFor(name, text, fallback string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return fallback
	}
	first := strings.Fields(text)[0]
	if first == name || strings.HasPrefix(first, name) && len(first) == len(name)+1 {
		return text
	}
	return name + ": " + text
}

// deprecated appends the standard Deprecated paragraph.
func deprecated(text string, is bool) string {
	if !is {
		return text
	}
	if text == "" {
		return "Deprecated: the API description marks this deprecated."
	}
	return text + "\n\nDeprecated: the API description marks this deprecated."
}
