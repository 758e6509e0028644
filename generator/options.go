package generator

import (
	"bytes"
	"errors"
	"io"

	"gopkg.in/yaml.v3"
)

// Options are the settings of a -config file (YAML). Every key is optional.
type Options struct {
	// Package overrides the -package flag when set.
	Package string `yaml:"package" json:"package,omitempty"`
	// IdempotencyHeader names the request header that carries an idempotency
	// key. Operations that declare a header parameter of this name get a key
	// on every call, reused across retries. Default: "Idempotency-Key".
	IdempotencyHeader string `yaml:"idempotency-header" json:"idempotency-header,omitempty"`
	// Pagination marks cursor-paged operations by operationId, for specs
	// that carry no x-oagen-pagination extension.
	Pagination map[string]Pagination `yaml:"pagination" json:"pagination,omitempty"`
	// Examples turns the spec's request and response examples into Example
	// functions checked by go test (example_gen_test.go). On by default.
	Examples *bool `yaml:"examples" json:"examples,omitempty"`
	// AllowRemoteRefs lets $ref reach http(s) URLs. Off by default.
	AllowRemoteRefs bool `yaml:"allow-remote-refs" json:"allow-remote-refs,omitempty"`
	// IncludeTags keeps only the operations that carry one of these tags,
	// and what they reach (see Subset).
	IncludeTags []string `yaml:"include-tags" json:"include-tags,omitempty"`
	// ExcludeTags drops the operations that carry one of these tags.
	ExcludeTags []string `yaml:"exclude-tags" json:"exclude-tags,omitempty"`
	// IncludeOperationIDs keeps only the operations of these operationIds.
	IncludeOperationIDs []string `yaml:"include-operation-ids" json:"include-operation-ids,omitempty"`
	// ExcludeOperationIDs drops the operations of these operationIds.
	ExcludeOperationIDs []string `yaml:"exclude-operation-ids" json:"exclude-operation-ids,omitempty"`
	// Overlays are OpenAPI Overlay 1.0 documents, relative to the config
	// file, applied in order to the description before it is read.
	Overlays []string `yaml:"overlays" json:"overlays,omitempty"`
}

// Pagination describes a cursor-paged operation.
type Pagination struct {
	// CursorParam is the query parameter that carries the cursor.
	CursorParam string `yaml:"cursor-param" json:"cursor-param"`
	// NextCursor is the dotted path of the next cursor in the response.
	NextCursor string `yaml:"next-cursor" json:"next-cursor"`
	// HasMore is the dotted path of the boolean that says more pages follow;
	// when empty, a non-empty next cursor means more.
	HasMore string `yaml:"has-more" json:"has-more,omitempty"`
	// Items is the dotted path of the array of items in the response.
	Items string `yaml:"items" json:"items"`
}

// ParseOptions reads a config file strictly: an unknown key is an error
// that names its line.
func ParseOptions(data []byte) (Options, error) {
	var opts Options
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&opts); err != nil && !errors.Is(err, io.EOF) {
		return opts, err
	}
	return opts, nil
}
