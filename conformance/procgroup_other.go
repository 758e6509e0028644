//go:build !unix

package conformance

import "os/exec"

// Without process groups only the process itself can be stopped.
func ownProcessGroup(*exec.Cmd) {}

func signalGroup(cmd *exec.Cmd, _ bool) { _ = cmd.Process.Kill() }
