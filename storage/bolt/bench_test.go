package bolt_test

import (
	"path/filepath"
	"testing"

	"github.com/partnercoach/partnercoach/storage/storetest"
)

func BenchmarkHotPaths(b *testing.B) {
	s := mustOpen(b, filepath.Join(b.TempDir(), "pc.db"))
	defer s.Close()
	storetest.Bench(b, s, nil)
}
