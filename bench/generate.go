// Package bench compares oagen's Courier client with a hand-written one and
// with the clients oapi-codegen and ogen generate from the same description;
// `make bench` (cmd/report) runs it all and writes BENCHMARKS.md.
package bench

//go:generate go run ./cmd/genpeers
