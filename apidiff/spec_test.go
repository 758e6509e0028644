package apidiff

import (
	"fmt"
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	doc, err := parseSpecDoc([]byte(`openapi: 3.1.0
paths:
  /a~b/{id}:
    get:
      parameters:
        - name: id
          in: path
        - $ref: '#/components/parameters/Q'
components:
  parameters:
    Q: {name: q, in: query}
`), "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ptr  string
		want int
	}{
		{"#", 1},
		{"#/paths", 2},
		{"#/paths/~1a~0b~1{id}/get", 4},
		{"#/paths/~1a~0b~1{id}/get/parameters/1", 8},
		{"#/paths/~1a~0b~1{id}/get/parameters/2", 0},
		{"#/components/parameters/Q/in", 11},
		{"#/nope", 0},
	}
	for _, tt := range tests {
		if got := doc.line(tt.ptr); got != tt.want {
			t.Errorf("line(%q) = %d, want %d", tt.ptr, got, tt.want)
		}
	}
	json, err := parseSpecDoc([]byte("{\n  \"paths\": {\n    \"/x\": {\"get\": {}}\n  }\n}\n"), "s.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := json.where("#/paths/~1x/get"); got != "s.json:3" {
		t.Errorf("where in JSON = %s, want s.json:3", got)
	}
}

// TestCompareSpecs covers the spec changes the golden cases do not.
func TestCompareSpecs(t *testing.T) {
	const head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
	tests := []struct {
		name     string
		old, new string
		want     []string // "! " marks a change flagged breaking
	}{{
		name: "parameters through refs and path items",
		old: `paths:
  /j/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - $ref: '#/components/parameters/Q'
        - {name: gone, in: header, schema: {type: string}}
      responses: {'200': {description: ok}, '404': {description: no}}
components:
  parameters:
    Q: {name: q, in: query, schema: {type: string, enum: [a, b]}}`,
		new: `paths:
  /j/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      parameters:
        - $ref: '#/components/parameters/Q'
        - {name: extra, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
components:
  parameters:
    Q: {name: q, in: query, required: true, schema: {type: string, enum: [a]}}`,
		want: []string{
			"`GET /j/{id}`: header parameter `gone` removed (old.yaml:10)",
			"`GET /j/{id}`: path parameter `id` type changed from `string` to `integer` (new.yaml:6)",
			"`GET /j/{id}`: query parameter `extra` added (new.yaml:10)",
			"`GET /j/{id}`: query parameter `q` enum value `b` removed (old.yaml:14)",
			"`GET /j/{id}`: query parameter `q` now required (new.yaml:14)",
			"`GET /j/{id}`: response `404` removed (old.yaml:11)",
		},
	}, {
		name: "request schemas",
		old: `paths:
  /j:
    post:
      operationId: make
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/In'}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Out'}
components:
  schemas:
    In:
      type: object
      properties:
        tags: {type: array, items: {type: string}}
    Out: {type: object, properties: {a: {type: string}}}`,
		new: `paths:
  /j:
    post:
      operationId: make
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/In'}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Out'}
components:
  schemas:
    In:
      type: object
      required: [name]
      properties:
        name: {type: string}
        tags: {type: array, items: {type: [integer, 'null']}}
    Out:
      type: object
      required: [b]
      properties: {a: {type: string, format: uuid}, b: {type: string}}`,
		want: []string{
			"`POST /j` (`make`): request body now required (new.yaml:7)",
			"! schema `In`: property `name` added, required (new.yaml:23)",
			"schema `In`: property `tags[]` type changed from `string` to `integer | null` (new.yaml:24)",
			"schema `Out`: property `a` type changed from `string` to `string (uuid)` (new.yaml:28)",
			"schema `Out`: property `b` added, required (new.yaml:28)",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, err := parseSpecDoc([]byte(head+tt.old), "old.yaml")
			if err != nil {
				t.Fatal(err)
			}
			new, err := parseSpecDoc([]byte(head+tt.new), "new.yaml")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range compareSpecs(old, new) {
				mark := ""
				if c.Breaking {
					mark = "! "
				}
				got = append(got, fmt.Sprintf("%s%s: %s (%s)", mark, c.Subject, c.Change, c.Where))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
