# oagen: a Go client generator for OpenAPI descriptions.
#
#   make generate   regenerate every generated package from its spec (go generate ./...)
#   make test       build, then run every test under the race detector
#   make check      fail when generated code is stale, or the tree is not gofmt -s, vet or staticcheck clean
#   make review     what the spec change in the work tree does to the Go API, against main
#   make demo       one bulk job of 100,000 users through the client to the in-memory Courier, with faults
#   make corpus     generate, build and vet a client for every description of the corpus (long)
#   make fuzz       fuzz the whole pipeline for 10 minutes (long)
#   make bench      oagen against oapi-codegen, ogen and a hand-written client: generation, build and
#                   runtime, written to BENCHMARKS.md (about 10 minutes; GRAPH=1 adds Microsoft Graph beta)
#   make bench-runtime  the benchmarks of the runtime and the bulk workflow in the main module
#   make lint       staticcheck (pinned tool), every check, on gen/courier and the golden outputs

GO ?= go
PRISM := conformance/node_modules/.bin/prism

.PHONY: generate test check vet build deps review demo corpus fuzz bench bench-runtime

generate:
	$(GO) generate ./...

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

# The Prism conformance judge is a pinned npm package; npm ci installs it
# from the committed lock file.
$(PRISM): conformance/package-lock.json
	npm ci --prefix conformance --no-audit --no-fund
	touch $@

deps: $(PRISM)

test: build deps
	$(GO) test -race ./...

# gofmt -s on everything but the peers' generated clients in bench/, then
# the staleness check, then staticcheck (make lint) on the generated code.
check: build vet
	@unformatted=$$(gofmt -s -l $$(git ls-files '*.go' | grep -v '^bench/ogenclient/')); \
	if [ -n "$$unformatted" ]; then echo "gofmt -s needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) run ./cmd/oagen -spec spec/courier-bulk.yaml -package courier -out gen/courier -check -quiet
	GO=$(GO) bash lint/run.sh

# BASE is the git revision whose spec the work tree's spec is compared with.
BASE ?= main
review:
	$(GO) run ./cmd/oagen diff -base $(BASE):spec/courier-bulk.yaml -spec spec/courier-bulk.yaml -package courier

demo:
	$(GO) run ./cmd/courier-demo

corpus:
	bash corpus/run.sh

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzGenerate -fuzztime 10m ./generator/

# bench/ is a module of its own, so the peers never enter this module's graph.
GRAPH ?=
bench:
	cd bench && $(GO) run ./cmd/report $(if $(filter 1 yes true,$(GRAPH)),-graph)

bench-runtime:
	$(GO) test -run '^$$' -bench . -benchmem ./templates/ ./gen/courier/...

# staticcheck skips generated files, so lint/run.sh lints copies without
# the generated-code header. make check runs it too.
.PHONY: lint
lint:
	GO=$(GO) bash lint/run.sh
