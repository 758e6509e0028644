// Package peers knows how the benchmark runs the two peer generators,
// oapi-codegen and ogen (pinned as tool directives in bench/go.mod), so that
// cmd/genpeers (go generate) and cmd/report (make bench) run them alike.
package peers

import "fmt"

// Module paths of the peers' commands, as in the tool directives.
const (
	OapiCodegenTool = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
	OgenTool        = "github.com/ogen-go/ogen/cmd/ogen"
	OagenTool       = "github.com/oagen/oagen/cmd/oagen"

	OapiCodegenModule = "github.com/oapi-codegen/oapi-codegen/v2"
	OgenModule        = "github.com/ogen-go/ogen"
)

// OapiCodegenConfig is oapi-codegen's config: the client (Client and
// ClientWithResponses) and the models of package pkg, written to out.
// Everything else is left at its default.
func OapiCodegenConfig(pkg, out string) []byte {
	return fmt.Appendf(nil, "package: %s\ngenerate:\n  client: true\n  models: true\noutput: %s\n", pkg, out)
}

// OapiCodegenArgs are the command-line arguments of one oapi-codegen run.
func OapiCodegenArgs(config, spec string) []string {
	return []string{"-config", config, spec}
}

// OgenConfig is ogen's config: its default features less the server side
// (the benchmark compares clients); OpenTelemetry instrumentation, on by
// default, stays on.
var OgenConfig = []byte(`generator:
  features:
    disable:
      - paths/server
      - webhooks/server
      - ogen/unimplemented
`)

// OgenArgs are the command-line arguments of one ogen run.
func OgenArgs(config, target, pkg, spec string) []string {
	return []string{"-config", config, "-target", target, "-package", pkg, "-clean", "-loglevel", "error", spec}
}

// OagenArgs are the command-line arguments of one oagen run.
func OagenArgs(spec, pkg, out string) []string {
	return []string{"-spec", spec, "-package", pkg, "-out", out, "-quiet", "-fresh-names"}
}
