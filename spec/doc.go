// Package spec holds the OpenAPI description of Courier's Bulk API that gen/courier is generated from.
package spec
