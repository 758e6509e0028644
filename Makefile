# oagen: a Go client generator for OpenAPI descriptions.
#
#   make generate   regenerate gen/courier from spec/ (go generate ./...)
#   make test       run every test (needs Node and npm for the Prism judge)
#   make check      fail when generated code is stale, unformatted or unvetted

GO ?= go

.PHONY: generate test check vet build corpus bench

generate:
	$(GO) generate ./...

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

test: build
	$(GO) test -race ./...

check: build vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) run ./cmd/oagen -spec spec/courier-bulk.yaml -package courier -out gen/courier -check -quiet
