package spec

import (
	"bytes"
	"context"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

const specFile = "courier-bulk.yaml"

// load reads the spec the way the generator does: origins recorded, no
// external references.
func load(t *testing.T, data []byte) (*openapi3.T, context.Context) {
	t.Helper()
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatalf("load %s: %v", specFile, err)
	}
	return doc, loader.Context
}

func readSpec(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(specFile)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// validate runs kin-openapi's document validation with example checking
// explicitly on (it is the default; saying so guards against a change).
func validate(ctx context.Context, doc *openapi3.T) error {
	return doc.Validate(ctx,
		openapi3.EnableExamplesValidation(),
		openapi3.EnableSchemaDefaultsValidation(),
		openapi3.EnableSchemaPatternValidation(),
		openapi3.EnableMultiError(),
	)
}

func TestSpecValidates(t *testing.T) {
	doc, ctx := load(t, readSpec(t))
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	// The defaults, exactly as the generator calls it.
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("validate (defaults): %v", err)
	}
	if err := validate(ctx, doc); err != nil {
		t.Fatalf("validate: %v", err)
	}
	if op := doc.Paths.Find("/bulk").Post; op.Origin == nil || op.Origin.Key == nil {
		t.Errorf("origin of POST /bulk not recorded")
	}
}

// example is one named example of a media type or a parameter example,
// with the schema it must satisfy and the direction it travels in.
type example struct {
	where    string
	value    any
	schema   *openapi3.Schema
	response bool
}

func examples(doc *openapi3.T) []example {
	var out []example
	media := func(where string, content openapi3.Content, response bool) {
		for _, ct := range sortedKeys(content) {
			mt := content[ct]
			if mt.Example != nil {
				out = append(out, example{where + " " + ct, mt.Example, mt.Schema.Value, response})
			}
			for _, name := range sortedKeys(mt.Examples) {
				out = append(out, example{where + " " + ct + " " + name, mt.Examples[name].Value.Value, mt.Schema.Value, response})
			}
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			at := method + " " + path
			for _, p := range op.Parameters {
				if p.Value.Example != nil {
					out = append(out, example{at + " parameter " + p.Value.Name, p.Value.Example, p.Value.Schema.Value, false})
				}
			}
			if rb := op.RequestBody; rb != nil {
				media(at+" request", rb.Value.Content, false)
			}
			for status, r := range op.Responses.Map() {
				media(at+" "+status, r.Value.Content, true)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].where < out[j].where })
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestEveryExampleMatchesItsSchema checks the examples a second way, one by
// one, with the JSON Schema 2020-12 validator that 3.1 documents use.
func TestEveryExampleMatchesItsSchema(t *testing.T) {
	doc, _ := load(t, readSpec(t))
	all := examples(doc)
	if len(all) < 20 {
		t.Fatalf("found %d examples, expected at least 20", len(all))
	}
	for _, ex := range all {
		opts := []openapi3.SchemaValidationOption{openapi3.EnableJSONSchema2020(), openapi3.MultiErrors()}
		if ex.response {
			opts = append(opts, openapi3.VisitAsResponse())
		} else {
			opts = append(opts, openapi3.VisitAsRequest())
		}
		if err := ex.schema.VisitJSON(ex.value, opts...); err != nil {
			t.Errorf("%s: %v", ex.where, err)
		}
	}
}

// TestBrokenExamplesAreRejected proves examples are really checked by
// Validate: each case breaks one example and expects validation to fail.
func TestBrokenExamplesAreRejected(t *testing.T) {
	cases := []struct {
		name, old, new string
	}{
		{"jobId not a string", "jobId: 1-61e9dd53-b5bb6c863b7ffbe83ad4b28d", "jobId: 42"},
		{"event missing", "event: EXAMPLE_NOTIFICATION", "evnt: EXAMPLE_NOTIFICATION"},
		{"routing method unknown", "method: single\n                    template:", "method: sometimes\n                    template:"},
		{"node type unknown", "- type: divider", "- type: spacer"},
		{"job status unknown", "status: COMPLETED", "status: DONE"},
		{"error type unknown", "type: rate_limit_error", "type: slow_down_error"},
		{"paging.more missing", "more: false", "less: false"},
		{"text node without align", "align: left\n", "alignment: left\n"},
		{"sugar content without body", "body: Hi {{name}}", "bdy: Hi {{name}}"},
		{"user status unknown", "status: PENDING", "status: WAITING"},
		{"ingest total not a number", "total: 2", "total: two"},
	}
	data := readSpec(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !bytes.Contains(data, []byte(c.old)) {
				t.Fatalf("%q does not occur in the spec", c.old)
			}
			doc, ctx := load(t, bytes.ReplaceAll(data, []byte(c.old), []byte(c.new)))
			err := validate(ctx, doc)
			if err == nil {
				t.Fatalf("spec with %q validated; examples are not being checked", c.new)
			}
			if !strings.Contains(err.Error(), "example") {
				t.Fatalf("spec with %q failed, but not on an example: %v", c.new, err)
			}
			t.Log(strings.SplitN(err.Error(), "\n", 2)[0])
		})
	}
}

func TestOperations(t *testing.T) {
	doc, _ := load(t, readSpec(t))
	errs := []string{"400", "401", "403", "404", "409", "413", "429", "5XX"}
	want := []struct {
		method, path, id string
		success          []string
		idempotent       bool
	}{
		{"POST", "/bulk", "bulk_createJob", []string{"200", "201"}, true},
		{"POST", "/bulk/{job_id}", "bulk_ingestUsers", []string{"200", "204"}, true},
		{"POST", "/bulk/{job_id}/run", "bulk_runJob", []string{"202", "204"}, true},
		{"GET", "/bulk/{job_id}", "bulk_getJob", []string{"200"}, false},
		{"GET", "/bulk/{job_id}/users", "bulk_getUsers", []string{"200"}, false},
	}
	count := 0
	for _, p := range doc.Paths.Map() {
		count += len(p.Operations())
	}
	if count != len(want) {
		t.Errorf("spec has %d operations, want %d", count, len(want))
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "https://api.courier.com" {
		t.Errorf("servers = %v, want https://api.courier.com only", doc.Servers)
	}
	bearer := doc.Components.SecuritySchemes["BearerAuth"]
	if bearer == nil || bearer.Value.Type != "http" || bearer.Value.Scheme != "bearer" {
		t.Errorf("BearerAuth security scheme missing or not http bearer")
	}
	for _, w := range want {
		item := doc.Paths.Find(w.path)
		if item == nil {
			t.Errorf("%s %s: path missing", w.method, w.path)
			continue
		}
		op := item.GetOperation(w.method)
		if op == nil {
			t.Errorf("%s %s: operation missing", w.method, w.path)
			continue
		}
		at := w.method + " " + w.path
		if op.OperationID != w.id {
			t.Errorf("%s: operationId %q, want %q", at, op.OperationID, w.id)
		}
		if !slices.Equal(op.Tags, []string{"Bulk"}) {
			t.Errorf("%s: tags %v, want [Bulk]", at, op.Tags)
		}
		if op.Summary == "" || op.Description == "" {
			t.Errorf("%s: summary or description missing", at)
		}
		if op.Security == nil || len(*op.Security) != 1 || (*op.Security)[0]["BearerAuth"] == nil {
			t.Errorf("%s: security is not [BearerAuth]", at)
		}
		var statuses []string
		for s := range op.Responses.Map() {
			statuses = append(statuses, s)
		}
		sort.Strings(statuses)
		wantStatuses := append(slices.Clone(w.success), errs...)
		sort.Strings(wantStatuses)
		if !slices.Equal(statuses, wantStatuses) {
			t.Errorf("%s: responses %v, want %v", at, statuses, wantStatuses)
		}
		var headers []string
		for _, p := range op.Parameters {
			if p.Value.In == openapi3.ParameterInHeader {
				headers = append(headers, p.Value.Name)
				if p.Value.Required {
					t.Errorf("%s: header %s is required", at, p.Value.Name)
				}
			}
		}
		if w.idempotent != slices.Equal(headers, []string{"Idempotency-Key", "x-idempotency-expiration"}) {
			t.Errorf("%s: idempotency headers %v", at, headers)
		}
	}
	pg, _ := doc.Paths.Find("/bulk/{job_id}/users").Get.Extensions["x-oagen-pagination"].(map[string]any)
	wantPG := map[string]string{"cursor-param": "cursor", "next-cursor": "paging.cursor", "has-more": "paging.more", "items": "items"}
	if len(pg) != len(wantPG) {
		t.Errorf("x-oagen-pagination = %v, want %v", pg, wantPG)
	}
	for k, v := range wantPG {
		if pg[k] != v {
			t.Errorf("x-oagen-pagination.%s = %v, want %s", k, pg[k], v)
		}
	}
}

// TestStyle makes sure nullability is written the 3.1 way (no 3.0
// `nullable` keyword) and that every schema, property, parameter and
// response carries a description.
func TestStyle(t *testing.T) {
	var root yaml.Node
	if err := yaml.Unmarshal(readSpec(t), &root); err != nil {
		t.Fatal(err)
	}
	hasKey := func(n *yaml.Node, key string) bool {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return true
			}
		}
		return false
	}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if strings.HasSuffix(path, "/examples") || strings.HasSuffix(path, "/example") {
			return // example values are data, not spec
		}
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				inProps := strings.HasSuffix(path, "/properties")
				if k.Value == "nullable" && !inProps {
					t.Errorf("%d:%d: OpenAPI 3.0 keyword nullable at %s", k.Line, k.Column, path)
				}
				if inProps && !hasKey(v, "description") {
					t.Errorf("%d:%d: property %s/%s has no description", k.Line, k.Column, path, k.Value)
				}
				walk(v, path+"/"+k.Value)
			}
		}
	}
	walk(&root, "#")

	doc, _ := load(t, readSpec(t))
	for name, s := range doc.Components.Schemas {
		if s.Value.Description == "" {
			t.Errorf("schema %s has no description", name)
		}
	}
	for name, p := range doc.Components.Parameters {
		if p.Value.Description == "" {
			t.Errorf("parameter %s has no description", name)
		}
	}
	for name, r := range doc.Components.Responses {
		if r.Value.Description == nil || *r.Value.Description == "" {
			t.Errorf("response %s has no description", name)
		}
		if len(r.Value.Content.Get("application/json").Examples) == 0 {
			t.Errorf("response %s has no example", name)
		}
	}
}
