package corpus

import (
	"github.com/oagen/oagen/generator"
)

// Oagen generates a client with oagen's generator.
func Oagen(specPath, pkg string) (map[string][]byte, []string, error) {
	res, err := generator.Generate(generator.Config{SpecPath: specPath, Package: pkg})
	if err != nil {
		return nil, nil, err
	}
	warnings := make([]string, len(res.Warnings))
	for i, w := range res.Warnings {
		warnings[i] = w.String()
	}
	return res.Files, warnings, nil
}
