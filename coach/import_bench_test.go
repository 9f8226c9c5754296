package coach_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

// importLedgerFile is a French ledger file of n lines over 10 partners.
func importLedgerFile(n int) []byte {
	var b strings.Builder
	b.WriteString("Référence;Partenaire;Sens;Type;Montant;Devise;Date;Commentaire\n")
	for i := range n {
		fmt.Fprintf(&b, "L-%d;Partner %d;reçu;affaire;%d,50;EUR;%02d/03/2026;ligne %d\n", i, i%10, 100+i, 1+i%28, i)
	}
	return []byte(b.String())
}

// BenchmarkImport10k plans and applies a 10,000-line ledger file (on the
// embedded store): the reading, the parsers, the plan and one transaction.
func BenchmarkImport10k(b *testing.B) {
	data := importLedgerFile(10_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		b.StopTimer()
		s := newService(b)
		for i := range 10 {
			if _, err := s.AddPartner(context.Background(), "T1", "UOWNER", coach.NewPartner{Name: fmt.Sprintf("Partner %d", i), Channel: "C1"}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		plan, err := s.PlanImport(context.Background(), "T1", "UOWNER", coach.ImportFile{Data: data}, people)
		if err != nil || plan.Adds != 10_000 {
			b.Fatalf("plan: %d adds, %d errors %v, %v", plan.Adds, len(plan.Errors), plan.Errors[:min(3, len(plan.Errors))], err)
		}
		if err := s.ApplyImport(context.Background(), plan); err != nil {
			b.Fatal(err)
		}
	}
}
