package courier

//go:generate go run ../../cmd/oagen -spec ../../spec/courier-bulk.yaml -package courier -out .
