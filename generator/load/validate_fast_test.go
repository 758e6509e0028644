package load

import (
	"context"
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Validation with componentsOnce agrees with kin-openapi's own validation, on a valid
// description and on one whose only problem is in a component that
// operations refer to, and leaves the references as they were.
func TestComponentsOnce(t *testing.T) {
	const spec = `
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner: {$ref: "#/components/schemas/Owner"}
        tags: {type: array, items: {$ref: "#/components/schemas/Tag"}}
    Owner:
      type: object
      properties:
        pets: {type: array, items: {$ref: "#/components/schemas/Pet"}}
    Tag: {type: %s}
`
	for _, tc := range []struct {
		tagType string
		valid   bool
	}{{"string", true}, {"strin", false}} {
		doc, err := openapi3.NewLoader().LoadFromData([]byte(fmt.Sprintf(spec, tc.tagType)))
		if err != nil {
			t.Fatal(err)
		}
		items := doc.Paths.Value("/pets").Get.Responses.Status(200).Value.Content["application/json"].Schema.Value.Items
		before := items.Value
		want := doc.Validate(context.Background()) == nil
		restore := componentsOnce(doc)
		if items.Value == before {
			t.Errorf("type %s: the reference to Pet was not swapped", tc.tagType)
		}
		got := doc.Validate(context.Background()) == nil
		restore()
		if got != want || got != tc.valid {
			t.Errorf("type %s: valid %v with components once, %v without, want %v", tc.tagType, got, want, tc.valid)
		}
		if items.Value != before || items.Value != doc.Components.Schemas["Pet"].Value {
			t.Errorf("type %s: a reference was not restored", tc.tagType)
		}
	}
}
