package corpus

import (
	"fmt"
	"os"

	"github.com/oagen/oagen/generator"
)

// ExamplesEnv turns on the Example functions (example_gen_test.go files)
// in corpus clients. They are off by default: the corpus measures whether
// the client package generates, builds and vets, and the examples of a
// large API (GitHub's: 1,155 functions, 6.7 MB) more than double the time
// go vet takes. Examples are checked, and run, on spec/ and the golden
// cases.
const ExamplesEnv = "OAGEN_CORPUS_EXAMPLES"

// Oagen generates a client with oagen's generator, with the options of
// the config file when configPath is not empty.
func Oagen(specPath, configPath, pkg string) (map[string][]byte, []string, error) {
	var opts generator.Options
	if configPath != "" {
		data, err := os.ReadFile(configPath)
		if err != nil {
			return nil, nil, err
		}
		if opts, err = generator.ParseOptions(data); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", configPath, err)
		}
	}
	examples := os.Getenv(ExamplesEnv) == "1"
	opts.Examples = &examples
	res, err := generator.Generate(generator.Config{SpecPath: specPath, Package: pkg,
		Options: opts, ConfigPath: configPath})
	if err != nil {
		return nil, nil, err
	}
	warnings := make([]string, len(res.Warnings))
	for i, w := range res.Warnings {
		warnings[i] = w.String()
	}
	return res.Files, warnings, nil
}
