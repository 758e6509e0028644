package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
)

// A scalar of the wrong type where the OpenAPI structure wants a string
// ("pattern: 123", "description: 2021") stops kin-openapi from reading the
// document at all. Such a value has an obvious meaning, so it is read as the
// string it spells, with a warning, and loading goes on.
var scalarNotString = regexp.MustCompile(`cannot unmarshal !!(int|float|bool) into string field "([^"]+)" in (/\S*)`)

var kindNames = map[string]string{"int": "the integer", "float": "the number", "bool": "the boolean"}

// maxRepairs bounds the repair loop: each pass fixes one value.
const maxRepairs = 100

// repairScalar finds the value a load error complains about and turns it
// into a string in doc itself. It returns the warning that says so, or ok
// false when the error is of another kind or names no value of doc.
func repairScalar(doc *yaml.Node, loadErr error, cfg Config, loc *locator) (diag.Diagnostic, bool) {
	m := scalarNotString.FindStringSubmatch(loadErr.Error())
	if m == nil {
		return diag.Diagnostic{}, false
	}
	kind, field, path := m[1], m[2], m[3]
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	n := root
	for _, seg := range splitPointer("#" + path) {
		if n = child(n, seg); n == nil {
			return diag.Diagnostic{}, false
		}
	}
	if n.Kind != yaml.MappingNode {
		return diag.Diagnostic{}, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == field && v.Kind == yaml.ScalarNode && v.Tag != "!!str" {
			v.Tag, v.Style = "!!str", yaml.DoubleQuotedStyle
			ptr := "#" + path + "/" + escape(field)
			file, line, col := loc.at(cfg.Path, cfg.Report, ptr)
			return diag.Diagnostic{Severity: diag.Warning, File: file, Line: line, Col: col, Pointer: ptr,
				Message: fmt.Sprintf("`%s` must be a string, got %s %s; read as the string %q", field, kindNames[kind], v.Value, v.Value)}, true
		}
	}
	return diag.Diagnostic{}, false
}

// kin-openapi's reader names a value of the wrong type in its own Go
// terms: "line 2: cannot construct !!str `Pets` into openapi3.Info in
// /info". Outside schemas (which checkKeywords covers) such a value is
// reported at its place, in the spec's terms.
var constructError = regexp.MustCompile("cannot construct !!(\\w+)(?: `([^`]*)`)? into (\\S+) in (/\\S*)")

// goWords names kin-openapi's Go types as the spec's writer knows them.
func goWords(t string) string {
	t = strings.TrimPrefix(t, "*")
	switch {
	case t == "string":
		return "a string"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "float") || strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a number"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	case strings.HasPrefix(t, "openapi3."):
		name := strings.TrimPrefix(t, "openapi3.")
		if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "Map") {
			return "a mapping"
		}
		article := "a"
		if strings.ContainsRune("AEIOU", rune(name[0])) {
			article = "an"
		}
		return fmt.Sprintf("%s %s object (a mapping)", article, name)
	}
	return t
}

// constructErrors places each wrong value kin-openapi's reader names; nil
// when the error is of another kind.
func constructErrors(cfg Config, loc *locator, err error) diag.List {
	var out diag.List
	for _, m := range constructError.FindAllStringSubmatch(err.Error(), -1) {
		tag, value, goType, path := m[1], m[2], m[3], m[4]
		got := map[string]string{"str": "the string", "int": "the integer", "float": "the number", "bool": "the boolean",
			"seq": "a list", "map": "a mapping", "null": "null"}[tag]
		if value != "" {
			got += " " + strconv.Quote(value)
		}
		ptr := "#" + path
		segs := splitPointer(ptr)
		key := "the document"
		if len(segs) > 0 {
			key = "`" + segs[len(segs)-1] + "`"
		}
		file, line, col := loc.at(cfg.Path, cfg.Report, ptr)
		out = append(out, diag.Diagnostic{File: file, Line: line, Col: col, Pointer: ptr,
			Message: fmt.Sprintf("%s must be %s, got %s", key, goWords(goType), got)})
	}
	return out
}
