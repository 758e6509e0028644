// Package load reads an OpenAPI description with kin-openapi and builds the
// IR. It is the only package of the generator that imports kin-openapi; a
// test enforces that.
package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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
	SpecName          string // name used in the headers of generated files
	Report            string // name used in diagnostics, as the user typed it; SpecName when empty
	Package           string
	IdempotencyHeader string                // default "Idempotency-Key"
	Pagination        map[string]Pagination // by operationId
	AllowRemoteRefs   bool
	// Types map schemas to Go types of the user's (the config's types).
	Types []TypeMapping
	// Reserved are package-level identifiers the generated code needs for
	// itself (the runtime's names); no generated type takes one.
	Reserved []string
	// MethodLocals are the names a generated method uses besides its path
	// arguments, which no path parameter may take; ExtraField is the
	// struct field that holds undeclared members, which no property may
	// take. The emitter owns both (emit.MethodLocals, emit.ExtraField).
	MethodLocals []string
	ExtraField   string
	// Names are the package-level names of the previous generation, by
	// declaration key (see ir.API.Names); they are kept where possible.
	Names map[string]string
	// Subset, when not nil, generates only some operations and what they
	// reach.
	Subset *Subset
	// Overlays are applied in order to the description before it is read.
	Overlays []Overlay

	// repaired holds, by path, the text of files the spec refers to whose
	// unreadable keywords were removed (see checkKeywords); the loader
	// reads them instead of the files.
	repaired map[string][]byte
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
	cfg.Path = filepath.Clean(cfg.Path) // as the $refs of other files lead back to it
	if cfg.SpecName == "" {
		cfg.SpecName = cfg.Path
	}
	if cfg.Report == "" {
		cfg.Report = cfg.SpecName
	}
	loc := newLocator()
	doc, problems := read(cfg, loc)
	if len(problems.Errors()) > 0 {
		problems.Sort()
		return nil, problems
	}
	for _, d := range loc.duplicates(cfg.Path) {
		problems = append(problems, diag.Diagnostic{Severity: diag.Warning, File: cfg.Report, Line: d.line, Col: d.col,
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
	data, problem := readSpec(cfg.Path, cfg.Report)
	if problem != nil {
		return nil, diag.List{*problem}
	}
	root, tree, text, problem := parseFile(cfg.Report, data)
	if problem != nil {
		return nil, diag.List{*problem}
	}
	loc.files[cfg.Path] = root // the locator's own parse of the file: no need to read it twice
	if dups := yamlDuplicates(loc, cfg.Path, cfg.Report, text); len(dups) > 0 {
		return nil, dups
	}
	var overlaid diag.List
	if len(cfg.Overlays) > 0 {
		if overlaid = applyOverlays(cfg, loc, tree); len(overlaid.Errors()) > 0 {
			return nil, overlaid
		}
		var err error
		if text, err = yaml.Marshal(tree); err != nil {
			return nil, diag.List{{File: cfg.Report, Message: "cannot be written back after its overlays: " + err.Error()}}
		}
	}
	major, problem := version(cfg, loc, tree)
	if problem != nil {
		return nil, diag.List{*problem}
	}
	var doc *openapi3.T
	var problems diag.List
	var err error
	if major == "2" {
		doc, problems, err = readSwagger2(cfg, loc, tree, text)
	} else {
		doc, problems, err = readOpenAPI3(cfg, loc, tree, text)
	}
	problems = append(overlaid, problems...)
	if len(problems.Errors()) > 0 {
		return nil, problems
	}
	if err != nil {
		if wrong := constructErrors(cfg, loc, err); len(wrong) > 0 {
			return nil, wrong
		}
		return nil, diag.List{locateLoadError(cfg, loc, err)}
	}
	return doc, append(problems, validate(cfg, loc, doc)...)
}

// readSwagger2 checks the keywords of a Swagger 2.0 document and converts
// it to OpenAPI 3.0.
func readSwagger2(cfg Config, loc *locator, tree *yaml.Node, text []byte) (*openapi3.T, diag.List, error) {
	changed := map[string]bool{}
	problems := checkKeywords(cfg, loc, map[string]*yaml.Node{cfg.Path: tree}, changed)
	if len(problems.Errors()) > 0 {
		return nil, problems, nil
	}
	if changed[cfg.Path] {
		var err error
		if text, err = yaml.Marshal(tree); err != nil {
			return nil, problems, err
		}
	}
	loc.freeze()
	doc, err := fromSwagger2(text, newLoader(cfg))
	return doc, problems, err
}

// readOpenAPI3 checks the references and keywords of an OpenAPI 3
// document, then has kin-openapi read it, the repaired copies of its files
// in place of the files.
func readOpenAPI3(cfg Config, loc *locator, tree *yaml.Node, text []byte) (*openapi3.T, diag.List, error) {
	anchored, rewritten := resolveAnchors(cfg, loc, tree)
	repairs, trees := checkRefs(cfg, loc, tree)
	repairs = append(anchored, repairs...)
	if len(repairs.Errors()) > 0 {
		return nil, repairs, nil
	}
	changed := map[string]bool{}
	if rewritten {
		changed[cfg.Path] = true
	}
	repairs = append(repairs, checkKeywords(cfg, loc, trees, changed)...)
	if len(repairs.Errors()) > 0 {
		return nil, repairs, nil
	}
	cfg.repaired = map[string][]byte{}
	for path := range changed {
		out, err := yaml.Marshal(trees[path])
		if err != nil {
			return nil, repairs, err
		}
		if path == cfg.Path {
			text = out
		} else {
			cfg.repaired[filepath.Clean(path)] = out
		}
	}
	if tree.Style&yaml.FlowStyle != 0 && len(changed) == 0 && len(cfg.Overlays) == 0 && len(loc.duplicates(cfg.Path)) == 0 {
		// A JSON file as it was read, without the duplicate keys that
		// JSON resolves (the last wins) and YAML refuses.
		text = blockYAML(tree)
	}
	// The checks that edit the trees are done: let them go before
	// kin-openapi builds a tree of its own. A repair reads the text again.
	loc.freeze()
	tree, trees = nil, nil
	doc, err := newLoader(cfg).LoadFromDataWithPath(text, &url.URL{Path: filepath.ToSlash(cfg.Path)})
	for i := 0; err != nil && i < maxRepairs; i++ {
		if tree == nil {
			if tree = reread(text); tree == nil {
				break
			}
		}
		d, ok := repairScalar(tree, err, cfg, loc)
		if !ok {
			break
		}
		repairs = append(repairs, d)
		var fixed []byte
		if fixed, err = yaml.Marshal(tree); err == nil {
			// A new loader: a loader remembers what it has read.
			doc, err = newLoader(cfg).LoadFromDataWithPath(fixed, &url.URL{Path: filepath.ToSlash(cfg.Path)})
		}
	}
	return doc, repairs, err
}

// reread parses text, as kin-openapi was given it, into a tree again, or
// returns nil.
func reread(text []byte) *yaml.Node {
	if n, ok := jsonTree(text); ok {
		return n
	}
	var doc yaml.Node
	if yaml.Unmarshal(text, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// readSpec reads the spec file, or says in words why it cannot.
func readSpec(path, name string) ([]byte, *diag.Diagnostic) {
	fail := func(msg string) ([]byte, *diag.Diagnostic) {
		return nil, &diag.Diagnostic{File: name, Message: msg}
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail("no such file")
	case err == nil && info.IsDir():
		return fail("is a folder; name the description file in it")
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fail("permission denied: oagen may not read this file")
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail("cannot be read: " + err.Error())
	}
	return data, nil
}

// The versions oagen reads.
const readable = "OpenAPI 3.0, 3.1 and 3.2, and Swagger 2.0"

// version returns "2" for Swagger 2.0 and "3" for OpenAPI 3.x, or says
// which version the document claims and which ones oagen reads.
func version(cfg Config, loc *locator, root *yaml.Node) (string, *diag.Diagnostic) {
	at := func(key, format string, args ...any) (string, *diag.Diagnostic) {
		ptr := "#"
		if key != "" {
			ptr = diag.Pointer(key)
		}
		file, line, col := loc.at(cfg.Path, cfg.Report, ptr)
		return "", &diag.Diagnostic{File: file, Line: line, Col: col, Pointer: ptr, Message: fmt.Sprintf(format, args...)}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		if k != "openapi" && k != "swagger" {
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return at(k, "%q must be a version string such as %q", k, map[string]string{"openapi": "3.1.0", "swagger": "2.0"}[k])
		}
		switch {
		case k == "swagger" && (v.Value == "2" || strings.HasPrefix(v.Value, "2.")):
			return "2", nil
		case k == "openapi" && (v.Value == "3.0" || v.Value == "3.1" || v.Value == "3.2" || strings.HasPrefix(v.Value, "3.0.") ||
			strings.HasPrefix(v.Value, "3.1.") || strings.HasPrefix(v.Value, "3.2.")):
			return "3", nil
		}
		return at(k, "%s version %q is not one oagen reads; it reads %s", k, v.Value, readable)
	}
	return at("", "not an OpenAPI description: no \"openapi\" or \"swagger\" version field; a description starts with a line such as \"openapi: 3.1.0\"")
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
func readURI(cfg Config) openapi3.ReadFromURIFunc {
	return func(loader *openapi3.Loader, u *url.URL) ([]byte, error) {
		if u.Scheme == "http" || u.Scheme == "https" {
			if !cfg.AllowRemoteRefs {
				return nil, fmt.Errorf("remote reference %s: remote refs are off; set allow-remote-refs in the config to follow them", u)
			}
			return openapi3.ReadFromHTTP(nil)(loader, u)
		}
		if u.Scheme != "" && u.Scheme != "file" {
			return nil, fmt.Errorf("reference %s: unsupported scheme %q", u, u.Scheme)
		}
		path := filepath.FromSlash(u.Path)
		if text, ok := cfg.repaired[filepath.Clean(path)]; ok {
			return text, nil
		}
		return os.ReadFile(path)
	}
}

var quotedRef = regexp.MustCompile(`reference "([^"]+)"|resolve reference "([^"]+)"|ref "([^"]+)"|(#/[^\s:"]+)`)

// locateLoadError places a load error: a broken $ref at the $ref that names
// it, a syntax error at its line.
func locateLoadError(cfg Config, loc *locator, err error) diag.Diagnostic {
	msg := err.Error()
	var syn *json.SyntaxError
	if errors.As(err, &syn) || strings.Contains(msg, "yaml:") {
		return diag.Diagnostic{File: cfg.Report, Message: "cannot be read: " + msg}
	}
	d := diag.Diagnostic{File: cfg.Report, Message: msg}
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
	loader.ReadFromURIFunc = readURI(cfg)
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
