package remind_test

import (
	"testing"

	"go.uber.org/goleak"
)

// checkLeaks fails the test if goroutines started after this call outlive it
// (cron loops, renewals, Redis pools). Call it after starting Redis, whose
// watcher belongs to the test binary, and before opening stores: cleanups run
// last-in first-out, so the check runs after the stores are closed.
func checkLeaks(t *testing.T) {
	t.Helper()
	before := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		if err := goleak.Find(before); err != nil {
			t.Errorf("goroutines left behind: %v", err)
		}
	})
}
