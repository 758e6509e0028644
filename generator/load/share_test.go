package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
)

// loadDescription writes a whole description, in YAML, to a file and
// loads it.
func loadDescription(t *testing.T, text string) (*ir.API, diag.List) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(Config{Path: path, Package: "p"})
}

// loadText loads a whole description written as YAML, which must load
// without errors.
func loadText(t *testing.T, text string) *ir.API {
	t.Helper()
	api, diags := loadDescription(t, text)
	if len(diags.Errors()) > 0 {
		t.Fatalf("load: %v", diags)
	}
	return api
}

// aliasTargets maps each type's name to the type it is an alias of, ""
// for a type declared in full. The names of operations' types drop the
// name of their service, Default.
func aliasTargets(api *ir.API) map[string]string {
	out := map[string]string{}
	for _, t := range api.Types {
		name := strings.TrimPrefix(t.Name, "Default")
		out[name] = ""
		if t.Alias {
			out[name] = strings.TrimPrefix(t.Underlying.Name, "Default")
		}
	}
	return out
}

const shareHead = "openapi: 3.1.0\ninfo: {title: T, version: \"1\"}\n"

// op is a GET operation whose 200 answer is schema, in YAML flow text.
func op(path, id, schema string) string {
	return "  " + path + ":\n    get:\n      operationId: " + id + "\n      responses:\n        \"200\":\n" +
		"          description: ok\n          content: {application/json: {schema: " + schema + "}}\n"
}

func TestShareStructs(t *testing.T) {
	for _, tt := range []struct {
		name  string
		paths string // operations under paths:
		comps string // schemas under components.schemas:, each "    Name: {...}\n"
		want  map[string]string
	}{{
		name: "inline twice: the shorter name is declared",
		paths: op("/a", "getAlpha", "{type: object, properties: {id: {type: string}}}") +
			op("/b", "getB", "{type: object, properties: {id: {type: string}}}"),
		want: map[string]string{"GetAlphaResponse": "GetBResponse", "GetBResponse": ""},
	}, {
		name: "a field's doc tells them apart",
		paths: op("/a", "getA", "{type: object, properties: {id: {type: string, description: One.}}}") +
			op("/b", "getB", "{type: object, properties: {id: {type: string, description: Two.}}}"),
		want: map[string]string{"GetAResponse": "", "GetBResponse": ""},
	}, {
		name: "required tells them apart",
		paths: op("/a", "getA", "{type: object, required: [id], properties: {id: {type: string}}}") +
			op("/b", "getB", "{type: object, properties: {id: {type: string}}}"),
		want: map[string]string{"GetAResponse": "", "GetBResponse": ""},
	}, {
		name: "nullable tells them apart",
		paths: op("/a", "getA", "{type: object, properties: {id: {type: [string, \"null\"]}}}") +
			op("/b", "getB", "{type: object, properties: {id: {type: string}}}"),
		want: map[string]string{"GetAResponse": "", "GetBResponse": ""},
	}, {
		name:  "two components stay two types",
		paths: op("/a", "getA", "{$ref: '#/components/schemas/Person'}") + op("/b", "getB", "{$ref: '#/components/schemas/Account'}"),
		comps: "    Person: {type: object, properties: {login: {type: string}}}\n" +
			"    Account: {type: object, properties: {login: {type: string}}}\n",
		want: map[string]string{"Person": "", "Account": ""},
	}, {
		name:  "an inline struct becomes the component it matches, even with a shorter name",
		paths: op("/a", "a", "{type: object, properties: {login: {type: string}}}"),
		comps: "    LongPerson: {type: object, properties: {login: {type: string}}}\n",
		want:  map[string]string{"AResponse": "LongPerson", "LongPerson": ""},
	}, {
		name: "structs match once the structs their fields name are shared",
		paths: op("/a", "getA", "{type: object, properties: {who: {type: object, properties: {login: {type: string}}}}}") +
			op("/b", "getB", "{type: object, properties: {who: {type: object, properties: {login: {type: string}}}}}"),
		want: map[string]string{"GetBResponse": "GetAResponse", "GetBResponseWho": "GetAResponseWho",
			"GetAResponse": "", "GetAResponseWho": ""}, // of names as long, the first
	}, {
		name: "an alias of an alias names the declared type",
		paths: op("/a", "getAaa", "{type: object, properties: {x: {type: integer}}}") +
			op("/b", "getBb", "{type: object, properties: {x: {type: integer}}}") +
			op("/c", "getC", "{type: object, properties: {x: {type: integer}}}"),
		want: map[string]string{"GetAaaResponse": "GetCResponse", "GetBbResponse": "GetCResponse", "GetCResponse": ""},
	}, {
		name: "unions with the same variants, in the same order",
		paths: op("/a", "getA", "{type: object, properties: {v: {anyOf: [{type: string}, {type: integer}]}, w: {type: boolean}}}") +
			op("/b", "getB", "{type: object, properties: {v: {anyOf: [{type: string}, {type: integer}]}}}") +
			op("/c", "getC", "{type: object, properties: {v: {anyOf: [{type: integer}, {type: string}]}}}"),
		want: map[string]string{"GetAResponseV": "", "GetBResponseV": "GetAResponseV", "GetCResponseV": ""},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			text := shareHead + "paths:\n" + tt.paths
			if tt.comps != "" {
				text += "components:\n  schemas:\n" + tt.comps
			}
			got := aliasTargets(loadText(t, text))
			for name, want := range tt.want {
				if g, ok := got[name]; !ok || g != want {
					t.Errorf("%s: alias of %q (declared: %t), want %q", name, g, ok, want)
				}
			}
		})
	}
}

func TestShareEnums(t *testing.T) {
	text := shareHead + "paths:\n" +
		op("/a", "getA", "{type: object, properties: {state: {type: string, enum: [open, closed]}}}") +
		op("/b", "getBee", "{type: object, properties: {state: {type: string, enum: [open, closed]}, n: {type: integer}}}") +
		op("/c", "getC", "{type: object, properties: {state: {type: string, enum: [closed, open]}, n: {type: integer}}}") +
		"components:\n  schemas:\n    State: {type: string, enum: [open, closed]}\n"
	api := loadText(t, text)
	got := aliasTargets(api)
	for name, want := range map[string]string{
		"GetAResponseState":   "State", // a component is declared first
		"GetBeeResponseState": "State",
		"GetCResponseState":   "", // other order, other constants' order: its own type
		"State":               "",
	} {
		if got[name] != want {
			t.Errorf("%s: alias of %q, want %q", name, got[name], want)
		}
	}
	// An alias keeps its own constants.
	for _, ty := range api.Types {
		if ty.Name == "DefaultGetAResponseState" && (len(ty.Values) != 2 || ty.Values[0].Name != "DefaultGetAResponseStateOpen") {
			t.Errorf("GetAResponseState's values: %+v", ty.Values)
		}
	}
}

func TestShareRequests(t *testing.T) {
	query := "      parameters: [{name: q, in: query, schema: {type: string}}]\n"
	body := func(media string) string {
		return "      requestBody: {content: {" + media + ": {schema: {type: object, properties: {name: {type: string}}}}}}\n"
	}
	post := func(path, id, extra string) string {
		return "  " + path + ":\n    post:\n      operationId: " + id + "\n" + extra +
			"      responses: {\"204\": {description: done}}\n"
	}
	// The same field, sent in a header, or as a list in another style.
	header := "      parameters: [{name: q, in: header, schema: {type: string}}]\n"
	list := func(style string) string {
		return "      parameters: [{name: q, in: query, style: " + style + ", explode: false, schema: {type: array, items: {type: string}}}]\n"
	}
	text := shareHead + "paths:\n" +
		post("/a", "searchA", query) + post("/b", "searchBb", query) + post("/h", "searchH", header) +
		post("/c", "createC", body("application/json")) + post("/d", "createDd", body("application/json")) +
		post("/e", "formE", body("application/x-www-form-urlencoded")) +
		post("/f", "listF", list("form")) + post("/p", "listP", list("pipeDelimited")) + post("/g", "listGg", list("form"))
	got := aliasTargets(loadText(t, text))
	for name, want := range map[string]string{
		"SearchBbRequest": "SearchARequest",
		"SearchHRequest":  "", // its parameter is a header: addParams differs
		"CreateDdRequest": "CreateCRequest",
		"FormERequest":    "", // a form body is sent otherwise than a JSON one
		"CreateCRequest":  "",
		"ListPRequest":    "", // "|" joins its list, not ","
		"ListGgRequest":   "ListFRequest",
	} {
		if g, ok := got[name]; !ok || g != want {
			t.Errorf("%s: alias of %q (declared: %t), want %q", name, g, ok, want)
		}
	}
}
