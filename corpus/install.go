package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// stampFile, in the cache folder, holds the hash of the package-lock.json
// that was last installed there.
const stampFile = ".installed"

// FindDir returns the corpus source folder (the one holding package.json
// and package-lock.json) from start: start itself, its corpus/ child, or the
// same in a parent.
func FindDir(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		for _, c := range []string{dir, filepath.Join(dir, "corpus")} {
			if isCorpusDir(c) {
				return c, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no corpus folder (package.json of oagen-corpus) at or above %s", start)
		}
		dir = parent
	}
}

func isCorpusDir(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return false
	}
	var p struct{ Name string }
	return json.Unmarshal(data, &p) == nil && p.Name == "oagen-corpus"
}

// Installed reports whether cacheDir holds the packages pinned by
// srcDir/package-lock.json.
func Installed(srcDir, cacheDir string) bool {
	lock, err := os.ReadFile(filepath.Join(srcDir, "package-lock.json"))
	if err != nil {
		return false
	}
	stamp, err := os.ReadFile(filepath.Join(cacheDir, stampFile))
	if err != nil || string(bytes.TrimSpace(stamp)) != hash(lock) {
		return false
	}
	_, err = os.Stat(filepath.Join(cacheDir, "node_modules", ".package-lock.json"))
	return err == nil
}

// Install installs the packages pinned by srcDir/package.json and
// package-lock.json into cacheDir/node_modules with `npm ci`, unless they
// are there already. npm's output goes to log.
func Install(srcDir, cacheDir string, log io.Writer) error {
	if Installed(srcDir, cacheDir) {
		return nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return errors.New("npm is not installed: it is needed to install the API descriptions")
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return err
	}
	var lock []byte
	for _, name := range []string{"package.json", "package-lock.json"} {
		data, err := os.ReadFile(filepath.Join(srcDir, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(cacheDir, name), data, 0o644); err != nil {
			return err
		}
		lock = data
	}
	os.Remove(filepath.Join(cacheDir, stampFile))
	cmd := exec.Command(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	cmd.Dir = cacheDir
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci in %s: %w", cacheDir, err)
	}
	return os.WriteFile(filepath.Join(cacheDir, stampFile), []byte(hash(lock)+"\n"), 0o644)
}

func hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// PackageVersion returns the version of an installed package, or "".
func PackageVersion(cacheDir, pkg string) string {
	data, err := os.ReadFile(filepath.Join(cacheDir, "node_modules", filepath.FromSlash(pkg), "package.json"))
	if err != nil {
		return ""
	}
	var p struct{ Version string }
	json.Unmarshal(data, &p)
	return p.Version
}
