package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator"
	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/load"
)

// readConfig reads the YAML config file. Its problems are located like a
// spec's: the file as typed, the line and column, the key.
func readConfig(path string) (generator.Options, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		msg := "cannot be read: " + errors.Unwrap(err).Error()
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg = "no such file (the -config flag names it)"
		case strings.Contains(err.Error(), "is a directory"):
			msg = "is a folder; -config names a YAML file"
		}
		return generator.Options{}, diag.List{{File: path, Message: msg}}
	}
	if d := load.CheckYAML(path, data); d != nil {
		return generator.Options{}, diag.List{*d}
	}
	opts, err := generator.ParseOptions(data)
	if err == nil {
		return opts, nil
	}
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return opts, diag.List{{File: path, Message: err.Error()}}
	}
	var out diag.List
	lines := strings.Split(string(data), "\n")
	for _, e := range te.Errors {
		out = append(out, configProblem(path, lines, e))
	}
	return opts, out
}

var (
	configLine    = regexp.MustCompile(`^line (\d+): (.*)$`)
	configUnknown = regexp.MustCompile(`^field (\S+) not found in type generator\.(\w+)$`)
	configType    = regexp.MustCompile("^cannot unmarshal !!(\\w+) (?:`(.*)` )?into (.+)$")
)

// configKeys lists the keys each part of the config knows.
var configKeys = map[string]string{
	"Options":     "package, idempotency-header, pagination, examples, allow-remote-refs, include-tags, exclude-tags, include-operation-ids, exclude-operation-ids, overlays, types",
	"Pagination":  "cursor-param, next-cursor, has-more, items",
	"TypeMapping": "format, type, pointer, go-type",
}

// goTypes words the Go types of the config for its writers.
var goTypes = map[string]string{
	"bool": "true or false", "string": "a string", "[]string": "a list of strings",
	"map[string]generator.Pagination": "a mapping from operationIds to their paging",
	"generator.Pagination":            "a mapping of cursor-param, next-cursor, has-more and items",
	"generator.Options":               "a mapping of keys",
	"[]generator.TypeMapping":         "a list of mappings, each with go-type and a format or a pointer",
	"generator.TypeMapping":           "a mapping of format, type, pointer and go-type",
}

// yamlKinds words YAML's tags.
var yamlKinds = map[string]string{"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean",
	"seq": "a list", "map": "a mapping", "null": "null"}

// configProblem words one of yaml.v3's decoding errors and places it.
func configProblem(path string, lines []string, e string) diag.Diagnostic {
	d := diag.Diagnostic{File: path, Message: e}
	m := configLine.FindStringSubmatch(e)
	if m == nil {
		return d
	}
	d.Line, _ = strconv.Atoi(m[1])
	text := ""
	if d.Line <= len(lines) {
		text = lines[d.Line-1]
	}
	d.Col = len(text) - len(strings.TrimLeft(text, " ")) + 1
	d.Message = m[2]
	if u := configUnknown.FindStringSubmatch(m[2]); u != nil {
		d.Message = fmt.Sprintf("unknown key %q; the keys here are %s", u[1], configKeys[u[2]])
	} else if t := configType.FindStringSubmatch(m[2]); t != nil {
		got := yamlKinds[t[1]]
		if t[2] != "" {
			got = "the " + strings.TrimPrefix(strings.TrimPrefix(got, "a "), "an ") + " " + strconv.Quote(t[2])
		}
		want := goTypes[t[3]]
		if want == "" {
			want = t[3]
		}
		key, _, _ := strings.Cut(strings.TrimLeft(text, " -"), ":")
		d.Message = fmt.Sprintf("`%s` must be %s, got %s", strings.TrimSpace(key), want, got)
	}
	return d
}
