package redis_test

import (
	"context"
	"testing"

	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/storetest"
)

// BenchmarkLedger: go test -run '^$' -bench Ledger -count 6 ./storage/redis/
func BenchmarkLedger(b *testing.B) {
	s := mustOpen(b, redistest.SharedURL(b))
	defer s.Close()
	if err := s.Client().FlushDB(context.Background()).Err(); err != nil {
		b.Fatal(err)
	}
	storetest.BenchLedger(b, s)
}
