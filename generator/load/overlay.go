package load

// Overlay is an OpenAPI Overlay 1.0 document to apply to the description.
type Overlay struct {
	Path   string // to read
	Report string // as diagnostics name it
	At     Place  // the config entry that lists it
}
