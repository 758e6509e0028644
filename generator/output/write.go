package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Write puts files into dir, all or none: every file is first written to a
// temporary name beside its target, and only when all are written are they
// renamed into place. Generated files of an earlier run that are not in
// files are removed; hand-written files are never touched. A file in dir
// that has a generated file's name but not its header is not overwritten.
func Write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := checkOwned(filepath.Join(dir, name), name); err != nil {
			return err
		}
	}
	old, err := existing(dir)
	if err != nil {
		return err
	}
	temps, err := writeTemps(dir, names, files)
	if err != nil {
		return err
	}
	for i, name := range names {
		if err := os.Rename(temps[i], filepath.Join(dir, name)); err != nil {
			removeAll(temps[i:])
			return err
		}
	}
	for _, name := range old {
		if _, keep := files[name]; !keep {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// checkOwned refuses to overwrite a hand-written file.
func checkOwned(path, name string) error {
	content, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !IsGenerated(name, content) {
		return fmt.Errorf("%s exists and was not written by the generator; move it away or rename it", path)
	}
	return nil
}

// writeTemps writes every file to a temporary file in dir, removing them
// all if one fails.
func writeTemps(dir string, names []string, files map[string][]byte) ([]string, error) {
	var temps []string
	for _, name := range names {
		f, err := os.CreateTemp(dir, "."+name+".tmp*")
		if err != nil {
			removeAll(temps)
			return nil, err
		}
		temps = append(temps, f.Name())
		_, werr := f.Write(files[name])
		cerr := f.Close()
		if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
			removeAll(temps)
			return nil, err
		}
	}
	return temps, nil
}

func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}
