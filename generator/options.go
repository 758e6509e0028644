package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/load"
	"github.com/oagen/oagen/generator/naming"
)

// Options are the settings of a -config file (YAML). Every key is optional.
type Options struct {
	// Package overrides the -package flag when set.
	Package string `yaml:"package" json:"package,omitempty"`
	// IdempotencyHeader names the request header that carries an idempotency
	// key. Operations that declare a header parameter of this name get a key
	// on every call, reused across retries. Default: "Idempotency-Key".
	IdempotencyHeader string `yaml:"idempotency-header" json:"idempotency-header,omitempty"`
	// Pagination marks cursor-paged operations by operationId, for specs
	// that carry no x-oagen-pagination extension.
	Pagination map[string]Pagination `yaml:"pagination" json:"pagination,omitempty"`
	// Examples turns the spec's request and response examples into Example
	// functions checked by go test (example_gen_test.go). On by default.
	Examples *bool `yaml:"examples" json:"examples,omitempty"`
	// AllowRemoteRefs lets $ref reach http(s) URLs. Off by default.
	AllowRemoteRefs bool `yaml:"allow-remote-refs" json:"allow-remote-refs,omitempty"`
	// IncludeTags keeps only the operations that carry one of these tags,
	// and what they reach (see Subset).
	IncludeTags []string `yaml:"include-tags" json:"include-tags,omitempty"`
	// ExcludeTags drops the operations that carry one of these tags.
	ExcludeTags []string `yaml:"exclude-tags" json:"exclude-tags,omitempty"`
	// IncludeOperationIDs keeps only the operations of these operationIds.
	IncludeOperationIDs []string `yaml:"include-operation-ids" json:"include-operation-ids,omitempty"`
	// ExcludeOperationIDs drops the operations of these operationIds.
	ExcludeOperationIDs []string `yaml:"exclude-operation-ids" json:"exclude-operation-ids,omitempty"`
	// Overlays are OpenAPI Overlay 1.0 documents, relative to the config
	// file, applied in order to the description before it is read.
	Overlays []string `yaml:"overlays" json:"overlays,omitempty"`
	// Types map schemas to Go types of the user's, without touching the
	// description.
	Types []TypeMapping `yaml:"types" json:"types,omitempty"`
}

// TypeMapping maps the schemas it matches to a named Go type of another
// package: by format (optionally only those of one type), or by the JSON
// pointer of one schema. The generated code uses the type as is and moves
// it through its own JSON methods.
type TypeMapping struct {
	// Format matches every schema of this format, "decimal".
	Format string `yaml:"format" json:"format,omitempty"`
	// Type narrows Format to the schemas of this type, "string".
	Type string `yaml:"type" json:"type,omitempty"`
	// Pointer matches the schema at this JSON pointer of the description,
	// "#/components/schemas/Money", and every $ref to it.
	Pointer string `yaml:"pointer" json:"pointer,omitempty"`
	// GoType is the import path of the type's package and the type's name,
	// joined by a dot: "github.com/shopspring/decimal.Decimal".
	GoType string `yaml:"go-type" json:"go-type"`
}

// typeMappingKeys are the keys of a types entry.
var typeMappingKeys = []string{"format", "type", "pointer", "go-type"}

// UnmarshalYAML reads a types entry and checks it, so that a mistake is
// reported at its line like any other in the config.
func (m *TypeMapping) UnmarshalYAML(node *yaml.Node) error {
	fail := func(n *yaml.Node, format string, args ...any) error {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: ", n.Line) + fmt.Sprintf(format, args...)}}
	}
	if node.Kind != yaml.MappingNode {
		return fail(node, "a types entry must be a mapping with go-type and a format or a pointer, got %q", node.Value)
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		if k := node.Content[i].Value; !slices.Contains(typeMappingKeys, k) {
			return fail(node.Content[i], "field %s not found in type generator.TypeMapping", k)
		}
	}
	type plain TypeMapping // without this method
	if err := node.Decode((*plain)(m)); err != nil {
		return err
	}
	switch {
	case m.GoType == "":
		return fail(node, "a types entry needs go-type, the import path and name of the Go type, such as github.com/shopspring/decimal.Decimal")
	case (m.Format == "") == (m.Pointer == ""):
		return fail(node, "a types entry matches schemas either by format (with type, optionally) or by pointer; give one of them")
	case m.Type != "" && m.Format == "":
		return fail(node, "type narrows a format; a types entry with pointer matches one schema and takes no type")
	case m.Pointer != "" && !strings.HasPrefix(m.Pointer, "#/"):
		return fail(node, "pointer must be a JSON pointer into the description, such as #/components/schemas/Money; got %q", m.Pointer)
	case !slices.Contains([]string{"", "string", "integer", "number", "boolean", "object", "array"}, m.Type):
		return fail(node, "type must be string, integer, number, boolean, object or array; got %q", m.Type)
	}
	if _, _, ok := naming.SplitType(m.GoType); !ok {
		return fail(node, "go-type must be an import path and an exported type name joined by a dot, such as github.com/shopspring/decimal.Decimal; got %q", m.GoType)
	}
	return nil
}

// Pagination describes a cursor-paged operation.
type Pagination struct {
	// CursorParam is the query parameter that carries the cursor.
	CursorParam string `yaml:"cursor-param" json:"cursor-param"`
	// NextCursor is the dotted path of the next cursor in the response.
	NextCursor string `yaml:"next-cursor" json:"next-cursor"`
	// HasMore is the dotted path of the boolean that says more pages follow;
	// when empty, a non-empty next cursor means more.
	HasMore string `yaml:"has-more" json:"has-more,omitempty"`
	// Items is the dotted path of the array of items in the response.
	Items string `yaml:"items" json:"items"`
}

// ParseOptions reads a config file strictly: an unknown key is an error
// that names its line.
func ParseOptions(data []byte) (Options, error) {
	var opts Options
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&opts); err != nil && !errors.Is(err, io.EOF) {
		return opts, err
	}
	return opts, nil
}

// typeMappings turns the config's types into load's, each entry placed.
func typeMappings(in []TypeMapping, places configPlaces) []load.TypeMapping {
	out := make([]load.TypeMapping, len(in))
	for i, m := range in {
		out[i] = load.TypeMapping{Format: m.Format, Type: m.Type, Pointer: m.Pointer, GoType: m.GoType, At: places.entry("types", i)}
	}
	return out
}
