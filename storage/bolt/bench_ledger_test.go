package bolt_test

import (
	"path/filepath"
	"testing"

	"github.com/partnercoach/partnercoach/storage/storetest"
)

// BenchmarkLedger: go test -run '^$' -bench Ledger -count 6 ./storage/bolt/
func BenchmarkLedger(b *testing.B) {
	s := mustOpen(b, filepath.Join(b.TempDir(), "pc.db"))
	defer s.Close()
	storetest.BenchLedger(b, s)
}
