package generator

import (
	"cmp"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/oagen/oagen/generator/load"
)

// configPlaces places the entries of the config file, so that a problem
// with one (a subset entry that names nothing, an overlay that cannot be
// read) points at its line.
type configPlaces struct {
	name string     // the file as diagnostics name it
	root *yaml.Node // its mapping; nil when there is no file
}

func readConfigPlaces(cfg Config) configPlaces {
	p := configPlaces{name: cmp.Or(cfg.ConfigName, cfg.ConfigPath)}
	if cfg.ConfigPath == "" {
		return p
	}
	data, err := os.ReadFile(cfg.ConfigPath)
	var doc yaml.Node
	if err == nil && yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 && doc.Content[0].Kind == yaml.MappingNode {
		p.root = doc.Content[0]
	}
	return p
}

// entry places item i of the list under key, or the key itself when i < 0
// or the item is not found.
func (p configPlaces) entry(key string, i int) load.Place {
	at := load.Place{File: p.name}
	if p.root == nil {
		return at
	}
	for k := 0; k+1 < len(p.root.Content); k += 2 {
		if p.root.Content[k].Value != key {
			continue
		}
		n := p.root.Content[k]
		at.Line, at.Col = n.Line, n.Column
		if v := p.root.Content[k+1]; i >= 0 && v.Kind == yaml.SequenceNode && i < len(v.Content) {
			at.Line, at.Col = v.Content[i].Line, v.Content[i].Column
		}
	}
	return at
}

// subset turns the config's four lists into load's, each entry placed;
// nil when the config sets none.
func subset(o Options, places configPlaces) *load.Subset {
	picks := func(key string, values []string) []load.Pick {
		var out []load.Pick
		for i, v := range values {
			out = append(out, load.Pick{Value: v, At: places.entry(key, i)})
		}
		return out
	}
	s := &load.Subset{
		IncludeTags:         picks("include-tags", o.IncludeTags),
		ExcludeTags:         picks("exclude-tags", o.ExcludeTags),
		IncludeOperationIDs: picks("include-operation-ids", o.IncludeOperationIDs),
		ExcludeOperationIDs: picks("exclude-operation-ids", o.ExcludeOperationIDs),
	}
	for _, first := range []struct {
		key string
		set []load.Pick
	}{{"include-tags", s.IncludeTags}, {"include-operation-ids", s.IncludeOperationIDs},
		{"exclude-tags", s.ExcludeTags}, {"exclude-operation-ids", s.ExcludeOperationIDs}} {
		if len(first.set) > 0 {
			s.At = places.entry(first.key, -1)
			return s
		}
	}
	return nil
}

// overlays lists the config's overlays, read relative to the config file
// and named relative to the name the config is given by.
func overlays(cfg Config, places configPlaces) []load.Overlay {
	var out []load.Overlay
	for i, o := range cfg.Options.Overlays {
		ov := load.Overlay{Path: o, Report: o, At: places.entry("overlays", i)}
		if !filepath.IsAbs(o) {
			ov.Path = filepath.Join(filepath.Dir(cfg.ConfigPath), o)
			ov.Report = filepath.Join(filepath.Dir(cmp.Or(cfg.ConfigName, cfg.ConfigPath)), o)
		}
		out = append(out, ov)
	}
	return out
}
