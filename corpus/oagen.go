package corpus

import "errors"

// ErrNoGenerator is returned by Oagen while generator.Generate is not
// there yet.
var ErrNoGenerator = errors.New("generator.Generate is not available yet")

// Oagen generates a client with oagen's generator.
func Oagen(specPath, pkg string) (map[string][]byte, []string, error) {
	return nil, nil, ErrNoGenerator
}
