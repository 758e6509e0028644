package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml4 "go.yaml.in/yaml/v4"
	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// The words of this file are about the user's file, in the file's own
// format: a YAML mistake is explained by the YAML parser's position, a JSON
// mistake by encoding/json's byte offset, and a file that is neither says
// so. The YAML reader of the rest of load (yaml.v3) reports lines only, so
// a YAML syntax error is read a second time with go-yaml v4, whose errors
// carry a column.

// parseFile reads the text of one description file into a YAML node tree
// (the document's root node). It returns the text as the loaders should
// read it (without a UTF-8 byte order mark) and, when the file cannot be
// read as JSON or YAML, a located error. The node is nil when a YAML file
// written as JSON holds characters YAML cannot carry; tree is then a
// converted copy without positions.
func parseFile(name string, data []byte) (root, tree *yaml.Node, text []byte, problem *diag.Diagnostic) {
	fail := func(line, col int, format string, args ...any) (*yaml.Node, *yaml.Node, []byte, *diag.Diagnostic) {
		return nil, nil, nil, &diag.Diagnostic{File: name, Line: line, Col: col, Message: fmt.Sprintf(format, args...)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(1, 1, "the file is empty; an OpenAPI description starts with a line such as \"openapi: 3.1.0\"")
	}
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return fail(1, 1, "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}) // a UTF-8 byte order mark says nothing
	if i := invalidUTF8(data); i >= 0 {
		line, col := lineColOfOffset(data, i)
		return fail(line, col, "byte 0x%02X is not UTF-8 text; save the file as UTF-8", data[i])
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineColOfOffset(data, i)
		return fail(line, col, "the file holds a NUL byte: it is binary data, neither JSON nor YAML")
	}
	var doc yaml.Node
	var err error
	if looksJSON(name, data) {
		if top, ok := jsonTree(data); ok {
			doc.Content = []*yaml.Node{top}
		} else {
			var v any
			err := json.Unmarshal(data, &v)
			if err == nil { // only deeper than jsonTree reads
				err = errors.New("exceeded max depth")
			}
			return fail0(name, jsonSyntax(data, err))
		}
	} else {
		err = yaml.Unmarshal(data, &doc)
	}
	if err != nil {
		if json.Valid(data) {
			// JSON allows characters in strings that YAML does not.
			converted, cerr := fromJSON(data)
			if cerr == nil && len(converted.Content) > 0 {
				return nil, converted.Content[0], data, nil
			}
		}
		return fail0(name, yamlSyntax(data, err))
	}
	if len(doc.Content) == 0 {
		return fail(1, 1, "the file holds only comments; an OpenAPI description starts with a line such as \"openapi: 3.1.0\"")
	}
	top := doc.Content[0]
	switch top.Kind {
	case yaml.ScalarNode:
		return fail(top.Line, top.Column, "this file is neither JSON nor YAML keys and values: it holds plain text where \"openapi: 3.1.0\", \"info:\" and \"paths:\" belong")
	case yaml.SequenceNode:
		return fail(top.Line, top.Column, "the document is a list; an OpenAPI description is a mapping of keys (openapi, info, paths)")
	}
	return top, top, data, nil
}

func fail0(name string, d diag.Diagnostic) (*yaml.Node, *yaml.Node, []byte, *diag.Diagnostic) {
	d.File = name
	return nil, nil, nil, &d
}

// looksJSON tells a JSON file by its name, or, when the name says nothing,
// by its first character.
func looksJSON(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return true
	case ".yaml", ".yml":
		return false
	}
	t := bytes.TrimSpace(data)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// lineColOfOffset turns a byte offset into a 1-based line and a column
// counted in characters, as editors and YAML count them.
func lineColOfOffset(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// jsonSyntax words encoding/json's complaint and places it at the byte it
// stopped at.
func jsonSyntax(data []byte, err error) diag.Diagnostic {
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		return diag.Diagnostic{Line: 1, Col: 1, Message: "not valid JSON: " + err.Error()}
	}
	off := int(syn.Offset) - 1 // the offending byte is the last one read
	if syn.Error() == "unexpected end of JSON input" {
		off = len(bytes.TrimRight(data, " \t\r\n"))
	}
	line, col := lineColOfOffset(data, off)
	return diag.Diagnostic{Line: line, Col: col, Message: "not valid JSON: " + jsonWords(syn.Error())}
}

var jsonChar = regexp.MustCompile(`^invalid character (.+) (looking for beginning of value|after object key:value pair|after array element|looking for beginning of object key string|after object key|in string literal|after top-level value)$`)

// jsonWords says what encoding/json's message means for the person who
// wrote the file.
func jsonWords(msg string) string {
	if msg == "unexpected end of JSON input" {
		return "the file ends before every { and [ is closed"
	}
	m := jsonChar.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	found := m[1]
	switch m[2] {
	case "looking for beginning of value":
		return "expected a value (a \"string\", a number, {, [, true, false or null), found " + found
	case "after object key:value pair":
		return "expected , or } after a value of an object, found " + found
	case "after array element":
		return "expected , or ] after an item of a list, found " + found
	case "looking for beginning of object key string":
		if found == "'}'" {
			return "a comma before } (JSON allows no trailing comma)"
		}
		return "expected a key in double quotes, found " + found
	case "after object key":
		return "expected : after the key, found " + found
	case "in string literal":
		return "a control character inside a string (a tab or a line break); write it as \\t or \\n"
	default: // after top-level value
		return "more text after the end of the JSON document, starting with " + found
	}
}

// CheckYAML reports where a YAML file (a config file, say) is not valid
// YAML, in the words used for specs; nil when it is valid.
func CheckYAML(name string, data []byte) *diag.Diagnostic {
	var n yaml.Node
	err := yaml.Unmarshal(data, &n)
	if err == nil {
		return nil
	}
	d := yamlSyntax(data, err)
	d.File = name
	return &d
}

var yamlV3Line = regexp.MustCompile(`line (\d+): (.*)`)
var yamlDupKey = regexp.MustCompile(`mapping key "(.*)" already defined at line (\d+)`)

// yamlSyntax places a YAML syntax error. Duplicate keys are yaml.v3's own
// rule (go-yaml v4 accepts them), so they are found in its message.
func yamlSyntax(data []byte, v3err error) diag.Diagnostic {
	if m := yamlDupKey.FindStringSubmatch(v3err.Error()); m != nil {
		if lm := yamlV3Line.FindStringSubmatch(v3err.Error()); lm != nil {
			line, _ := strconv.Atoi(lm[1])
			col := keyColumn(data, line, m[1])
			return diag.Diagnostic{Line: line, Col: col,
				Message: fmt.Sprintf("key %q is written twice in one mapping (first at line %s); YAML allows each key once: remove or rename one", m[1], m[2])}
		}
	}
	var doc yaml4.Node
	err := yaml4.Unmarshal(data, &doc)
	var le *yaml4.LoadError
	if !errors.As(err, &le) || le.Mark.Line == 0 {
		d := diag.Diagnostic{Line: 1, Col: 1, Message: "not valid YAML: " + strings.TrimPrefix(v3err.Error(), "yaml: ")}
		if lm := yamlV3Line.FindStringSubmatch(v3err.Error()); lm != nil {
			d.Line, _ = strconv.Atoi(lm[1])
			d.Message = "not valid YAML: " + lm[2]
		}
		return d
	}
	if line, col, ok := openQuote(data, le.Mark.Line); ok {
		return diag.Diagnostic{Line: line, Col: col, Message: fmt.Sprintf("not valid YAML: the string this quote opens is not closed on its line, "+
			"so YAML reads on to line %d, column %d, where it stops making sense; close the quote", le.Mark.Line, le.Mark.Column)}
	}
	d := diag.Diagnostic{Line: le.Mark.Line, Col: max(le.Mark.Column, 1), Message: "not valid YAML: " + yamlWords(data, le)}
	if text := lineOf(data, d.Line); le.Message == "mapping values are not allowed in this context" && !strings.Contains(prefixRunes(text, d.Col), ": ") {
		// The first colon of its line: the line is a key that YAML reads
		// as more of the value above it.
		d.Col = len(text) - len(strings.TrimLeft(text, " ")) + 1
		d.Message = "not valid YAML: this line is indented deeper than the key above it, so YAML reads it as more of that key's value; indent the keys of one mapping alike"
	}
	return d
}

// lineOf returns line n (1-based) of data, or "".
func lineOf(data []byte, n int) string {
	lines := bytes.Split(data, []byte("\n"))
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(string(lines[n-1]), "\r")
}

// prefixRunes returns the text before column col.
func prefixRunes(text string, col int) string {
	r := []rune(text)
	return string(r[:min(max(col-1, 0), len(r))])
}

// openQuote finds, on the lines before line, a double quote that its line
// does not close: the usual cause of a YAML error further down. It returns
// the quote's line and column.
func openQuote(data []byte, line int) (int, int, bool) {
	for n := 1; n < line; n++ {
		inDouble, inSingle, at := false, false, 0
		runes := []rune(lineOf(data, n))
		for i := 0; i < len(runes); i++ {
			c := runes[i]
			prev := ' '
			if i > 0 {
				prev = runes[i-1]
			}
			switch {
			case inDouble && c == '\\':
				i++
			case inDouble && c == '"':
				inDouble = false
			case inSingle && c == '\'':
				inSingle = false
			case inDouble || inSingle:
			case c == '#' && prev == ' ':
				i = len(runes)
			case c == '"' && strings.ContainsRune(" :[{,-", prev):
				inDouble, at = true, i
			case c == '\'' && strings.ContainsRune(" :[{,-", prev):
				inSingle = true
			}
		}
		if inDouble {
			return n, at + 1, true
		}
	}
	return 0, 0, false
}

// yamlWords says what the YAML parser's complaint means.
func yamlWords(data []byte, le *yaml4.LoadError) string {
	at := func(m yaml4.Mark) string { return fmt.Sprintf("line %d, column %d", m.Line, m.Column) }
	opened := strings.TrimPrefix(le.ContextMsg, "while parsing a ")
	opened = strings.NewReplacer("flow mapping", "{", "flow sequence", "[").Replace(opened)
	switch {
	case charAt(data, le.Mark) == '\t':
		return "a tab where YAML expects spaces; YAML indents with spaces only"
	case strings.HasPrefix(le.Message, "did not find expected ',' or "):
		closer := strings.TrimPrefix(le.Message, "did not find expected ',' or ")
		return fmt.Sprintf("the %s at %s is not closed; expected , or %s before this", opened, at(le.ContextMark), strings.Trim(closer, "'"))
	case le.Message == "mapping values are not allowed in this context":
		return "a colon followed by a space starts a mapping where one cannot start; quote the value if the colon belongs to it"
	case le.Message == "did not find expected key" && le.ContextMsg != "":
		return fmt.Sprintf("this line's indentation does not fit the %s that starts at %s", opened, at(le.ContextMark))
	case le.Message == "could not find expected ':'":
		return "a key without ':' (a line of text where a \"key: value\" belongs)"
	case strings.Contains(le.ContextMsg, "quoted scalar"):
		return fmt.Sprintf("the quoted string that starts at %s is not closed", at(le.ContextMark))
	case le.Message == "did not find expected node content":
		return "expected a value here"
	}
	if le.ContextMsg != "" {
		return fmt.Sprintf("%s (%s at %s)", le.Message, le.ContextMsg, at(le.ContextMark))
	}
	return le.Message
}

// charAt returns the byte at a YAML mark, or 0.
func charAt(data []byte, m yaml4.Mark) byte {
	lines := bytes.Split(data, []byte("\n"))
	if m.Line < 1 || m.Line > len(lines) {
		return 0
	}
	runes := []rune(string(lines[m.Line-1]))
	if m.Column < 1 || m.Column > len(runes) {
		return 0
	}
	r := runes[m.Column-1]
	if r > 127 {
		return 0
	}
	return byte(r)
}

// keyColumn finds the column of key on a line (1 when it cannot).
func keyColumn(data []byte, line int, key string) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	text := string(lines[line-1])
	i := strings.Index(text, key)
	if i < 0 {
		return 1
	}
	if i > 0 && (text[i-1] == '"' || text[i-1] == '\'') {
		i--
	}
	return utf8.RuneCountInString(text[:i]) + 1
}

// yamlDuplicates reports the keys a YAML file writes twice in one mapping:
// YAML forbids them, and kin-openapi would refuse the file with a message
// of its own. (In JSON they are allowed, and only warned about; see Load.)
func yamlDuplicates(loc *locator, path, name string, data []byte) diag.List {
	if looksJSON(path, data) || loc.files[path] == nil {
		return nil
	}
	var out diag.List
	for _, d := range loc.duplicates(path) {
		out = append(out, diag.Diagnostic{File: name, Line: d.line, Col: d.col, Pointer: d.pointer,
			Message: fmt.Sprintf("key %q is written twice in one mapping (first at %s); YAML allows each key once: remove or rename one", d.key, d.first)})
	}
	return out
}
