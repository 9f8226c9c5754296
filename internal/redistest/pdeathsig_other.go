//go:build !linux

package redistest

import "syscall"

// dieWithParent does nothing where the kernel has no parent-death signal:
// Main and t.Cleanup still stop the servers on a normal exit.
func dieWithParent(*syscall.SysProcAttr) {}
