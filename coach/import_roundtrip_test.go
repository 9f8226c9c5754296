package coach_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// An export imported back changes nothing: the import reads the export's
// own headers, matches partners by ID and entries by their IDs.
func TestImportReadsItsOwnExport(t *testing.T) {
	s := newService(t)
	ctx := context.Background()
	p := mustAdd(t, s, "Acme Cloud", coach.KindCloudOperator)
	for i, amount := range []int64{12_500_50, 300_00} {
		if _, err := s.LogContribution(ctx, "T1", "UOWNER", coach.NewContribution{ID: []string{"c1", "c2"}[i], PartnerID: p.ID, Direction: coach.Got,
			Kind: coach.ContribDeal, Amount: coach.Money{Amount: amount, Currency: "EUR"}, Date: now.Add(-time.Duration(i+1) * 24 * time.Hour), Note: "=SUM(A1)"}); err != nil {
			t.Fatal(err)
		}
	}
	scope, err := s.ExportScope(ctx, "T1", "UOWNER", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range coach.ExportKinds[:2] {
		var buf bytes.Buffer
		if _, err := s.Export(ctx, k, scope, &buf); err != nil {
			t.Fatal(err)
		}
		plan, err := s.PlanImport(ctx, "T1", "UOWNER", coach.ImportFile{Data: buf.Bytes()}, people)
		if err != nil {
			t.Fatalf("%s: %v", k.Name, err)
		}
		if plan.Adds != 0 || plan.Updates != 0 || len(plan.Errors) != 0 || plan.Unchanged == 0 {
			t.Errorf("%s export imported back: adds %d, updates %d, unchanged %d, errors %+v\n%s", k.Name, plan.Adds, plan.Updates, plan.Unchanged, plan.Errors, buf.String())
		}
	}
}
