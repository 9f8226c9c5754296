package redis_test

import (
	"testing"

	"github.com/partnercoach/partnercoach/storage/storetest"
)

// BenchmarkBigTeam: 10,000 partners in one team (issue 15).
func BenchmarkBigTeam(b *testing.B) {
	s := flushed(b, redistestURL(b))
	defer s.Close()
	storetest.BenchBigTeam(b, s, nil)
}
