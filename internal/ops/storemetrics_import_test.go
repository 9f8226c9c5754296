package ops_test

import (
	"context"

	"github.com/partnercoach/partnercoach/coach"
)

func (f *fakeStore) ApplyImport(context.Context, coach.ImportBatch) error {
	return f.hit("ApplyImport")
}
