package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A spec the user may not read is named, with the reason, and nothing is
// written. Permission bits do not stop root, and tests often run as root:
// then the test runs itself again as the unprivileged user nobody, and
// skips, saying why, only when it cannot.
func TestUnreadableSpec(t *testing.T) {
	if os.Geteuid() == 0 && os.Getenv("OAGEN_TEST_AS_NOBODY") == "" {
		rerunAsNobody(t)
		return
	}
	dir := t.TempDir()
	spec := filepath.Join(dir, "locked.yaml")
	if err := os.WriteFile(spec, []byte("openapi: 3.0.3\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run([]string{"-spec", "locked.yaml", "-package", "p", "-out", out}, &stdout, &stderr)
	want := "locked.yaml: permission denied: oagen may not read this file\n"
	if code != exitInput || stderr.String() != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr.String(), want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the output folder was created")
	}
}

// rerunAsNobody runs TestUnreadableSpec in a copy of the test binary as
// uid and gid 65534.
func rerunAsNobody(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Skipf("running as root, and the test binary cannot be found to run again as nobody: %v", err)
	}
	// Not t.TempDir: its parent folder is private to root.
	dir, err := os.MkdirTemp("", "oagen-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "oagen.test")
	if err := copyFile(self, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run", "^TestUnreadableSpec$", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OAGEN_TEST_AS_NOBODY=1", "TMPDIR="+dir, "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil && !strings.Contains(string(out), "--- FAIL") {
		t.Skipf("running as root, and running again as nobody failed: %v\n%s", err, out)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: TestUnreadableSpec") {
		t.Fatalf("as nobody:\n%s", out)
	}
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
