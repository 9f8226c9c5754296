package bolt_test

import (
	"path/filepath"
	"testing"

	"github.com/partnercoach/partnercoach/storage/storetest"
	bbolt "go.etcd.io/bbolt"
)

// filePartners is how many realistic partners the file-size measurement
// stores; the figures are divided by it.
const filePartners = 10

// fileSizes fills a file with filePartners realistic partners and returns
// the pages it uses as written and once compacted (bbolt.Compact into a new
// file: the space the data needs without free pages). Pages in use, not the
// file's length, which bbolt grows by doubling.
func fileSizes(tb testing.TB) (raw, compact int64) {
	tb.Helper()
	dir := tb.TempDir()
	path := filepath.Join(dir, "pc.db")
	s := mustOpen(tb, path)
	storetest.SeedRealisticTeam(tb, s, "T0FILE", filePartners)
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	src, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	dst, err := bbolt.Open(filepath.Join(dir, "compact.db"), 0o600, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer dst.Close()
	if err := bbolt.Compact(dst, src, 1<<20); err != nil {
		tb.Fatal(err)
	}
	return inUse(tb, src), inUse(tb, dst)
}

// inUse is the size of the pages a file uses up to its last one.
func inUse(tb testing.TB, db *bbolt.DB) (n int64) {
	tb.Helper()
	if err := db.View(func(tx *bbolt.Tx) error { n = tx.Size(); return nil }); err != nil {
		tb.Fatal(err)
	}
	return n
}

// TestFileSizePerPartner measures the embedded store's file per realistic
// partner (storetest.SeedRealisticTeam) and checks it against the budget of
// docs/reliability.md: 96 KiB a partner once compacted (release 1: 130 KiB).
func TestFileSizePerPartner(t *testing.T) {
	raw, compact := fileSizes(t)
	t.Logf("%d partners: pages in use %d bytes (%.1f KiB a partner), compacted %d bytes (%.1f KiB a partner)",
		filePartners, raw, float64(raw)/filePartners/1024, compact, float64(compact)/filePartners/1024)
	if per := compact / filePartners; per <= 0 || per > 96<<10 {
		t.Errorf("%d bytes a partner once compacted, outside the budget of 96 KiB", per)
	}
}

// BenchmarkFileSizePerPartner reports the same figures as metrics:
//
//	go test -run '^$' -bench FileSizePerPartner -benchtime 1x ./storage/bolt/
func BenchmarkFileSizePerPartner(b *testing.B) {
	var raw, compact int64
	for range b.N {
		raw, compact = fileSizes(b)
	}
	b.ReportMetric(float64(raw)/filePartners, "filebytes/partner")
	b.ReportMetric(float64(compact)/filePartners, "compactbytes/partner")
}
