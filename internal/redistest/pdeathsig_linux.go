package redistest

import "syscall"

// dieWithParent has the kernel kill redis-server when the test binary dies,
// so a test run stopped by -timeout or ^C leaves no stray servers behind.
// (The signal follows the OS thread that started the process; Go keeps its
// threads for the life of the binary unless a locked goroutine exits.)
func dieWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
