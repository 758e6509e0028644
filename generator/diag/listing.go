package diag

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Listing renders the lines of src that lead up to line (two before it and
// the line itself) with a caret under column col, the way compilers show
// the place of an error:
//
//	 9 |       properties:
//	10 |         size:
//	11 |           type: integr
//	   |                 ^
//
// It is plain text: no colour, so it reads the same in a terminal, a CI log
// and a file. Columns count characters (runes), as YAML's do; a tab in the
// line is kept in the caret line, so the caret stays under its column
// whatever the tab width. Bytes that are not UTF-8 and control characters
// are shown as U+FFFD.
// It returns "" when line is not in src.
func Listing(src []byte, line, col int) string {
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return ""
	}
	first := max(1, line-2)
	width := len(fmt.Sprint(line))
	var b strings.Builder
	for n := first; n <= line; n++ {
		fmt.Fprintf(&b, "  %*d | %s\n", width, n, printable(lines[n-1]))
	}
	fmt.Fprintf(&b, "  %*s | %s^\n", width, "", caretIndent(printable(lines[line-1]), col))
	return b.String()
}

// printable is a line as it can be shown: without its carriage return,
// with bytes that are not UTF-8 and control characters other than tabs
// (a NUL, a UTF-16 file's every other byte) shown as U+FFFD.
func printable(line []byte) string {
	text := strings.ToValidUTF8(strings.TrimRight(string(line), "\r"), "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r != '\t' && (r < 0x20 || r == 0x7F) {
			return '\uFFFD'
		}
		return r
	}, text)
}

// caretIndent is the run of blanks that puts a caret under column col of
// text: tabs where text has tabs, spaces elsewhere.
func caretIndent(text string, col int) string {
	var b strings.Builder
	for i, r := 0, 1; r < col; r++ {
		if i < len(text) {
			c, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if c == '\t' {
				b.WriteByte('\t')
				continue
			}
		}
		b.WriteByte(' ')
	}
	return b.String()
}
