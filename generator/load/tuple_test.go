package load

import (
	"strings"
	"testing"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
)

// loadSnippet loads a description whose only schema is the component A,
// written as YAML flow text.
func loadSnippet(t *testing.T, version, schema string) (*ir.API, diag.List) {
	t.Helper()
	head := "openapi: " + version + "\n"
	if version == "2.0" {
		head = "swagger: \"2.0\"\n"
	}
	text := head + "info: {title: T, version: \"1\"}\npaths: {}\n"
	if version == "2.0" {
		text += "definitions:\n  A: " + schema + "\n"
	} else {
		text += "components:\n  schemas:\n    A: " + schema + "\n"
	}
	return loadDescription(t, text)
}

// fieldOf returns the Go type and wrap of property x of the struct A.
func fieldOf(api *ir.API, name string) (ir.TypeRef, ir.Wrap, bool) {
	for _, ty := range api.Types {
		if ty.Name != "A" {
			continue
		}
		for _, f := range ty.Fields {
			if f.JSONName == name {
				return f.Type, f.Wrap, true
			}
		}
	}
	return ir.TypeRef{}, 0, false
}

func TestRepairedSchemaForms(t *testing.T) {
	for _, tt := range []struct {
		name, version, schema string
		typ                   string // Go element or builtin name of property x
		wrap                  ir.Wrap
		warning               string // a substring of the only warning; "" for none
	}{
		{"unquoted null in a type list", "3.1.0", "{properties: {x: {type: [string, null]}}}", ir.String, ir.Nullable, ""},
		{"unquoted null first", "3.1.0", "{properties: {x: {type: [null, integer]}}}", ir.Int64, ir.Nullable, ""},
		{"tuple items in 3.1", "3.1.0", "{properties: {x: {type: array, items: [{type: integer}, {type: boolean}]}}}",
			"AX", ir.Opt, "read as `prefixItems`"}, // a tuple type
		{"tuple items in 3.0", "3.0.3", "{properties: {x: {type: array, items: [{type: integer}]}}}",
			ir.Any, ir.Plain, "which this OpenAPI version does not have"},
		{"tuple items in Swagger 2.0", "2.0", "{properties: {x: {type: array, items: [{type: integer}]}}}",
			ir.Any, ir.Plain, "which this OpenAPI version does not have"},
		{"tuple items beside prefixItems", "3.1.0", "{properties: {x: {type: array, prefixItems: [{type: string}], items: [{type: string}]}}}",
			"AX", ir.Opt, "beside `prefixItems`"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api, diags := loadSnippet(t, tt.version, tt.schema)
			if api == nil {
				t.Fatalf("not loaded: %v", diags)
			}
			var warnings []string
			for _, d := range diags {
				if !strings.Contains(d.Message, "paths") { // Swagger 2.0's empty paths
					warnings = append(warnings, d.String())
				}
			}
			switch {
			case tt.warning == "" && len(warnings) > 0:
				t.Errorf("warnings: %q", warnings)
			case tt.warning != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.warning) ||
				!strings.Contains(warnings[0], "/properties/x/items")):
				t.Errorf("warnings: %q, want one at .../properties/x/items containing %q", warnings, tt.warning)
			}
			ref, wrap, ok := fieldOf(api, "x")
			if !ok {
				t.Fatal("no field x")
			}
			if ref.Kind == ir.Slice {
				ref = *ref.Elem
			}
			if ref.Name != tt.typ || wrap != tt.wrap {
				t.Errorf("x is %v %v (wrap %d), want %s (wrap %d)", ref.Kind, ref.Name, wrap, tt.typ, tt.wrap)
			}
		})
	}
}
