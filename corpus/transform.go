package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// The package's descriptions are all single JSON files. To put YAML and
// multi-file descriptions with real content in the subset, two transforms
// derive them from real ones; both keep key order and every value.

// readNode parses a JSON or YAML file, keeping key order.
func readNode(path string) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a mapping", path)
	}
	return doc.Content[0], nil
}

// writeYAML writes n in block style.
func writeYAML(path string, n *yaml.Node) error {
	plain(n)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// plain drops the JSON flow and quoting styles, so that the encoder picks
// YAML's block style and quotes only what needs quotes.
func plain(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.Contains(n.Value, "\n") && !strings.ContainsAny(n.Value, "\t\r") {
		n.Style = yaml.LiteralStyle
	}
	for _, c := range n.Content {
		plain(c)
	}
}

// ToYAML writes the description at src (JSON) as one YAML file at dst.
func ToYAML(src, dst string) error {
	n, err := readNode(src)
	if err != nil {
		return err
	}
	return writeYAML(dst, n)
}

// Split writes the description at src as a multi-file YAML description in
// dstDir, laid out as `redocly split` does: openapi.yaml keeps every
// "#/components/schemas/X" reference, and components/schemas holds one
// "$ref: components/schemas/X.yaml" stub per schema; each schema lives in
// its own file, whose references to other schemas name sibling files. It
// returns the path of the main file.
func Split(src, dstDir string) (string, error) {
	root, err := readNode(src)
	if err != nil {
		return "", err
	}
	comps := mapValue(root, "components")
	schemas := mapValue(comps, "schemas")
	if schemas == nil || schemas.Kind != yaml.MappingNode {
		return "", errors.New("split: no components/schemas")
	}
	files := map[string]string{} // schema name -> file name
	for i := 0; i+1 < len(schemas.Content); i += 2 {
		name := schemas.Content[i].Value
		file := fileNameRE.ReplaceAllString(name, "_") + ".yaml"
		for _, taken := range files {
			if strings.EqualFold(taken, file) {
				return "", fmt.Errorf("split: schemas %q and another share file %s", name, file)
			}
		}
		files[name] = file
	}
	const prefix = "#/components/schemas/"
	for i := 0; i+1 < len(schemas.Content); i += 2 {
		name, s := schemas.Content[i].Value, schemas.Content[i+1]
		err := rewriteRefs(s, func(ref string) (string, error) {
			if !strings.HasPrefix(ref, prefix) {
				return "", fmt.Errorf("split: schema %s refers to %s, outside the schemas", name, ref)
			}
			target := unescapePointer(strings.TrimPrefix(ref, prefix))
			f, ok := files[target]
			if !ok || strings.Contains(target, "/") {
				return "", fmt.Errorf("split: schema %s refers to %s", name, ref)
			}
			return f, nil
		})
		if err != nil {
			return "", err
		}
		if err := writeYAML(filepath.Join(dstDir, "components", "schemas", files[name]), s); err != nil {
			return "", err
		}
		schemas.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: "$ref"},
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: "components/schemas/" + files[name]},
		}}
	}
	main := filepath.Join(dstDir, "openapi.yaml")
	return main, writeYAML(main, root)
}

var fileNameRE = regexp.MustCompile(`[^A-Za-z0-9._-]`)

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// rewriteRefs replaces the value of every "$ref" under n.
func rewriteRefs(n *yaml.Node, f func(string) (string, error)) error {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k, v := n.Content[i], n.Content[i+1]; k.Value == "$ref" && v.Kind == yaml.ScalarNode {
				r, err := f(v.Value)
				if err != nil {
					return err
				}
				v.Value = r
			}
		}
	}
	for _, c := range n.Content {
		if err := rewriteRefs(c, f); err != nil {
			return err
		}
	}
	return nil
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}
