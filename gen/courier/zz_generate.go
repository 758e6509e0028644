// The go:generate line lives in the file that sorts last: go generate reads
// the package's files in order, and a file the run removes (the spec no
// longer needs it) must have been read already.

package courier

//go:generate go run ../../cmd/oagen -spec ../../spec/courier-bulk.yaml -package courier -out .
