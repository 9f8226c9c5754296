package coach_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

type emails map[string]string

func (e emails) UserByEmail(_ context.Context, email string) (string, error) {
	if u, ok := e[email]; ok {
		return u, nil
	}
	return "", coach.NewError(coach.ENOTFOUND, "user.not_found")
}

var people = emails{"ana@example.com": "UANA"}

func TestPlanImportPartners(t *testing.T) {
	s := newService(t)
	ctx := context.Background()
	mustAdd(t, s, "Acme", coach.KindReseller)
	file := "Company Name,Partner Type,Stage,Account Owner Email,Company URL\n" +
		"Acme,Intégrateur,Actif,ana@example.com,acme.test\n" +
		"Beta Cloud,ISV,évaluation,,\n" +
		"Gamma,spaceship,,,\n" +
		"Delta,msp,,nobody@example.com,\n" +
		"Beta Cloud,isv,,,\n"
	plan, err := s.PlanImport(ctx, "T1", "UOWNER", coach.ImportFile{Data: []byte(file), Channel: "C9"}, people)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Adds != 1 || plan.Updates != 1 || len(plan.Errors) != 3 || len(plan.SHA256) != 64 {
		t.Fatalf("plan: adds %d updates %d errors %+v", plan.Adds, plan.Updates, plan.Errors)
	}
	want := []string{"4 partner.kind.unknown", "5 import.row.owner_unknown", "6 import.row.duplicate"}
	for i, e := range plan.Errors {
		if got := fmt.Sprint(e.Line, " ", e.Key); got != want[i] {
			t.Errorf("error %d: got %s, want %s", i, got, want[i])
		}
	}
	if err := s.ApplyImport(ctx, plan); err != nil {
		t.Fatal(err)
	}
	acme, _ := s.FindPartner(ctx, "T1", "acme")
	if acme.Kind != coach.KindIntegrator || acme.Stage != coach.StageActive || acme.Owner != "UANA" || acme.Profile.Website != "https://acme.test" {
		t.Fatalf("acme after import: %+v", acme)
	}
	beta, _ := s.FindPartner(ctx, "T1", "beta-cloud")
	if beta.Kind != coach.KindSoftwareVendor || beta.Stage != coach.StageEvaluating || beta.Channel != "C9" || beta.Owner != "UOWNER" {
		t.Fatalf("beta after import: %+v", beta)
	}
	// The same file again: nothing to add, nothing to update.
	again, err := s.PlanImport(ctx, "T1", "UOWNER", coach.ImportFile{Data: []byte(file), Channel: "C9"}, people)
	if err != nil {
		t.Fatal(err)
	}
	if again.Adds != 0 || again.Updates != 0 || again.Unchanged != 2 {
		t.Fatalf("second plan: %+v", again)
	}
}

func TestPlanImportLedger(t *testing.T) {
	s := newService(t)
	ctx := context.Background()
	mustAdd(t, s, "Café Crème", coach.KindReseller)
	// A French spreadsheet: Latin-1, ';', decimal commas, day-first dates.
	file := "R\xe9f\xe9rence;Partenaire;Sens;Type;Montant;Devise;Date;Commentaire\r\n" +
		"F-1;Caf\xe9 Cr\xe8me;re\xe7u;affaire;12\xa0500,50;EUR;15/03/2026;\"premi\xe8re\r\naffaire\"\r\n" +
		"F-2;caf\xe9-creme;donn\xe9;piste;0;EUR;2026-03-16;\r\n" +
		";Inconnu;re\xe7u;affaire;10;EUR;2026-03-16;\r\n" +
		";;;;;;;\r\n"
	plan, err := s.PlanImport(ctx, "T1", "UOWNER", coach.ImportFile{Data: []byte(file)}, people)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Ledger || plan.Adds != 2 || len(plan.Errors) != 1 || plan.Errors[0].Line != 5 {
		t.Fatalf("plan: %+v", plan)
	}
	if err := s.ApplyImport(ctx, plan); err != nil {
		t.Fatal(err)
	}
	cs, _ := s.Ledger(ctx, "T1", "cafe-creme")
	if len(cs) != 2 || cs[0].Amount.Amount != 1250050 || !strings.Contains(cs[0].Note, "affaire") {
		t.Fatalf("ledger: %+v", cs)
	}
	again, _ := s.PlanImport(ctx, "T1", "UOWNER", coach.ImportFile{Data: []byte(file)}, people)
	if again.Adds != 0 || again.Unchanged != 2 {
		t.Fatalf("second plan: %+v", again)
	}
}

func TestPlanImportRefusals(t *testing.T) {
	s := newService(t)
	ctx := context.Background()
	for name, c := range map[string]struct{ data, key string }{
		"ErrNoNameColumn": {"Foo,Bar\n1,2\n", "import.columns.missing_name"},
		"ErrBinary":       {"\x00\x01\x02", "import.file.binary"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.PlanImport(ctx, "T1", "UOWNER", coach.ImportFile{Data: []byte(c.data)}, people)
			var e *coach.Error
			if !asError(err, &e) || e.Key != c.key {
				t.Fatalf("got %v, want %s", err, c.key)
			}
		})
	}
}
