package bolt_test

import (
	"path/filepath"
	"testing"

	"github.com/partnercoach/partnercoach/storage/storetest"
)

// BenchmarkBigTeam: 10,000 partners in one team (issue 15). The file is
// filled without a flush per commit, then measured with it.
func BenchmarkBigTeam(b *testing.B) {
	s := mustOpen(b, filepath.Join(b.TempDir(), "pc.db"))
	defer s.Close()
	s.SetNoSync(true)
	storetest.BenchBigTeam(b, s, func() { s.SetNoSync(false) })
}
