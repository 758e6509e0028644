// Package load reads an OpenAPI description with kin-openapi and builds the
// IR. It is the only package of the generator that imports kin-openapi; a
// test enforces that.
package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/diag"
	"github.com/oagen/oagen/generator/ir"
)

// Config says what to load and the decisions the spec leaves open.
type Config struct {
	Path              string // spec file
	SpecName          string // name used in headers and diagnostics
	Package           string
	IdempotencyHeader string                // default "Idempotency-Key"
	Pagination        map[string]Pagination // by operationId
	AllowRemoteRefs   bool
	// Reserved are package-level identifiers the generated code needs for
	// itself (the runtime's names); no generated type takes one.
	Reserved []string
	// Names are the package-level names of the previous generation, by
	// declaration key (see ir.API.Names); they are kept where possible.
	Names map[string]string
}

// Pagination marks a cursor-paged operation (see generator.Pagination).
type Pagination struct {
	CursorParam string `json:"cursor-param"`
	NextCursor  string `json:"next-cursor"`
	HasMore     string `json:"has-more"`
	Items       string `json:"items"`
}

// Load reads and validates the spec and builds the IR. The returned list
// holds warnings and errors; the API is nil when it holds an error.
func Load(cfg Config) (*ir.API, diag.List) {
	if cfg.IdempotencyHeader == "" {
		cfg.IdempotencyHeader = "Idempotency-Key"
	}
	if cfg.SpecName == "" {
		cfg.SpecName = cfg.Path
	}
	loc := newLocator()
	doc, problems := read(cfg, loc)
	if len(problems.Errors()) > 0 {
		problems.Sort()
		return nil, problems
	}
	for _, d := range loc.duplicates(cfg.Path) {
		problems = append(problems, diag.Diagnostic{Severity: diag.Warning, File: cfg.SpecName, Line: d.line, Col: d.col,
			Pointer: d.pointer, Message: fmt.Sprintf("key %q is written twice (first at %s); the later one is read", d.key, d.first)})
	}
	b := newBuilder(cfg, doc, loc)
	b.diags = problems
	api := b.build()
	b.diags.Sort()
	if len(b.diags.Errors()) > 0 {
		return nil, b.diags
	}
	return api, b.diags
}

// read parses the file (converting Swagger 2.0), resolves references and
// validates the document.
func read(cfg Config, loc *locator) (*openapi3.T, diag.List) {
	data, err := os.ReadFile(cfg.Path)
	if err != nil {
		return nil, diag.List{{File: cfg.SpecName, Message: err.Error()}}
	}
	var head yaml.Node
	if err := yaml.Unmarshal(data, &head); err != nil {
		if head, err = fromJSON(data); err != nil {
			return nil, diag.List{syntaxError(cfg.SpecName, err)}
		}
	} else if len(head.Content) > 0 {
		loc.files[cfg.Path] = head.Content[0] // the locator's own parse of the file: no need to read it twice
	}
	if len(head.Content) == 0 || head.Content[0].Kind != yaml.MappingNode {
		return nil, diag.List{{File: cfg.SpecName, Line: 1, Col: 1, Pointer: "#",
			Message: "not an OpenAPI description: the document is not a mapping"}}
	}
	loader := newLoader(cfg)
	var doc *openapi3.T
	switch version(head.Content[0]) {
	case "2":
		doc, err = fromSwagger2(data, loader)
	case "3":
		doc, err = loader.LoadFromFile(cfg.Path)
		var repairs diag.List
		for i := 0; err != nil && i < maxRepairs; i++ {
			d, ok := repairScalar(&head, err, cfg, loc)
			if !ok {
				break
			}
			repairs = append(repairs, d)
			var fixed []byte
			if fixed, err = yaml.Marshal(&head); err == nil {
				loader = newLoader(cfg) // a loader remembers what it has read
				doc, err = loader.LoadFromDataWithPath(fixed, &url.URL{Path: filepath.ToSlash(cfg.Path)})
			}
		}
		if err == nil {
			problems := validate(cfg, loc, doc)
			return doc, append(repairs, problems...)
		}
	default:
		return nil, diag.List{{File: cfg.SpecName, Line: 1, Col: 1, Pointer: "#",
			Message: "not an OpenAPI description: no \"openapi\" or \"swagger\" version field"}}
	}
	if err != nil {
		return nil, diag.List{locateLoadError(cfg, loc, err)}
	}
	problems := validate(cfg, loc, doc)
	if len(problems.Errors()) > 0 {
		return nil, problems
	}
	return doc, problems
}

// version returns "2" for Swagger 2.0, "3" for OpenAPI 3.x, "" otherwise.
func version(root *yaml.Node) string {
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1].Value
		switch {
		case k == "swagger" && strings.HasPrefix(v, "2"):
			return "2"
		case k == "openapi" && strings.HasPrefix(v, "3"):
			return "3"
		}
	}
	return ""
}

// fromSwagger2 converts a Swagger 2.0 document to OpenAPI 3.0.
func fromSwagger2(data []byte, loader *openapi3.Loader) (*openapi3.T, error) {
	var raw any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	js, err := json.Marshal(jsonable(raw))
	if err != nil {
		return nil, err
	}
	var doc2 openapi2.T
	if err := json.Unmarshal(js, &doc2); err != nil {
		return nil, err
	}
	doc3, err := openapi2conv.ToV3(&doc2)
	if err != nil {
		return nil, fmt.Errorf("converting Swagger 2.0: %w", err)
	}
	if err := loader.ResolveRefsIn(doc3, nil); err != nil {
		return nil, err
	}
	return doc3, nil
}

// jsonable turns YAML's map[string]any trees (and stray non-string keys)
// into values encoding/json accepts.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = jsonable(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = jsonable(e)
		}
	}
	return v
}

// readURI reads local files and, only when allowed, remote URLs.
func readURI(allowRemote bool) openapi3.ReadFromURIFunc {
	return func(loader *openapi3.Loader, u *url.URL) ([]byte, error) {
		if u.Scheme == "http" || u.Scheme == "https" {
			if !allowRemote {
				return nil, fmt.Errorf("remote reference %s: remote refs are off; set allow-remote-refs in the config to follow them", u)
			}
			return openapi3.ReadFromHTTP(nil)(loader, u)
		}
		if u.Scheme != "" && u.Scheme != "file" {
			return nil, fmt.Errorf("reference %s: unsupported scheme %q", u, u.Scheme)
		}
		return os.ReadFile(filepath.FromSlash(u.Path))
	}
}

var lineCol = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// syntaxError locates a YAML or JSON syntax error.
func syntaxError(file string, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Message: "malformed document: " + err.Error()}
	if m := lineCol.FindStringSubmatch(err.Error()); m != nil {
		fmt.Sscan(m[1], &d.Line)
		if m[2] != "" {
			fmt.Sscan(m[2], &d.Col)
		}
	}
	return d
}

var quotedRef = regexp.MustCompile(`reference "([^"]+)"|resolve reference "([^"]+)"|ref "([^"]+)"|(#/[^\s:"]+)`)

// locateLoadError places a load error: a broken $ref at the $ref that names
// it, a syntax error at its line.
func locateLoadError(cfg Config, loc *locator, err error) diag.Diagnostic {
	msg := err.Error()
	var syn *json.SyntaxError
	if errors.As(err, &syn) || strings.Contains(msg, "yaml:") {
		return syntaxError(cfg.SpecName, err)
	}
	d := diag.Diagnostic{File: cfg.SpecName, Message: msg}
	if m := quotedRef.FindStringSubmatch(msg); m != nil {
		ref := firstNonEmpty(m[1:]...)
		if ptr, line, col, ok := findRef(loc, cfg.Path, ref); ok {
			d.Pointer, d.Line, d.Col = ptr, line, col
			d.Message = fmt.Sprintf("$ref %q cannot be resolved; check that the target exists", ref)
		}
	}
	return d
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// newLoader returns a kin-openapi loader that follows relative file
// references, and remote ones only when the config allows.
func newLoader(cfg Config) *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = readURI(cfg.AllowRemoteRefs)
	return loader
}

// fromJSON reads a JSON document that YAML rejects (JSON allows characters
// in strings that YAML does not) into a YAML node tree.
func fromJSON(data []byte) (yaml.Node, error) {
	var node yaml.Node
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return node, err
	}
	out, err := yaml.Marshal(v)
	if err != nil {
		return node, err
	}
	err = yaml.Unmarshal(out, &node)
	return node, err
}
