package ops

import (
	"context"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// ApplyImport is issue 17's one-step import, measured like the rest.
func (i *instrumentedStore) ApplyImport(ctx context.Context, b coach.ImportBatch) (err error) {
	defer observe(i.m, "ApplyImport", time.Now(), &err)
	return i.s.ApplyImport(ctx, b)
}
