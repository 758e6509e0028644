// Package ghpatch makes the copy of GitHub's description that oapi-codegen
// can generate a client from. oapi-codegen v2.8.2 stops at the first Go
// type name that two parts of the description both claim ("duplicate
// typename 'X' detected, can't auto-rename, please use x-go-name"), and its
// resolve-type-name-collisions option does not reach these. Each entry
// below gives one side of one clash its own Go name with `x-go-name`: on
// the component schema, or on the component parameter (the type of its
// inline enum). The list was found by running oapi-codegen, naming the
// clash it reported, and running it again, then dropping every entry the
// run did not need; nothing else in the description is changed.
package ghpatch

import (
	"encoding/json"
	"fmt"
)

// A Patch names one component and the Go name it gets.
type Patch struct {
	Section string // "schemas" or "parameters", under components
	Key     string
	GoName  string
}

// Patches is the smallest set of x-go-name additions found for
// @octokit/openapi's api.github.com.json (see the package doc).
var Patches = []Patch{
	{"schemas", "code-scanning-variant-analysis-status", "CodeScanningVariantAnalysisStatusSchema"},
	{"parameters", "actor", "ActorParam"}, // not the schema: a schema's x-go-name also renames the fields that refer to it, and two such fields clash
	{"schemas", "budget", "BudgetSchema"},
	{"schemas", "enterprise", "EnterpriseSchema"},
	{"schemas", "enterprise-team", "EnterpriseTeamSchema"},
	{"schemas", "event", "EventSchema"},
	{"schemas", "git-ref", "GitRefSchema"},
	{"parameters", "package-visibility", "PackageVisibilityParam"},
	{"schemas", "page", "PageSchema"},
	{"parameters", "rule-suite-result", "RuleSuiteResultParam"},
	{"schemas", "secret-scanning-alert-assignee", "SecretScanningAlertAssigneeSchema"},
	{"schemas", "secret-scanning-alert-resolution", "SecretScanningAlertResolutionSchema"},
	{"schemas", "secret-scanning-alert-state", "SecretScanningAlertStateSchema"},
	{"parameters", "secret-scanning-alert-validity", "SecretScanningAlertValidityParam"},
	{"parameters", "secret-scanning-custom-pattern-state", "SecretScanningCustomPatternStateParam"},
	{"schemas", "status", "StatusSchema"},
	{"parameters", "team-type", "TeamTypeParam"},
	{"parameters", "billing-usage-report-user", "BillingUsageReportUserParam"},
	{"parameters", "budget", "BudgetParam"},
}

// Apply returns the description src (JSON) with patches applied. Key order
// is not kept; oapi-codegen sorts what it emits.
func Apply(src []byte, patches []Patch) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	comps, _ := doc["components"].(map[string]any)
	for _, p := range patches {
		sec, _ := comps[p.Section].(map[string]any)
		c, ok := sec[p.Key].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("no components/%s/%s in the description", p.Section, p.Key)
		}
		c["x-go-name"] = p.GoName
	}
	return json.Marshal(doc)
}
