package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Big teams (issue 15): the partner index and the kept standings.

func named(team, id, name string) coach.Partner {
	p := partner(team, id)
	p.Name = name
	return p
}

func ids(ps []coach.Partner) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.ID)
	}
	slices.Sort(out)
	return out
}

func testPartnerIndex(t *testing.T, h Harness) {
	seed := func(t *testing.T) coach.Store {
		s := open(t, h)
		for _, p := range []coach.Partner{
			named("T1", "acme-cloud", "Acme Cloud"), named("T1", "acme-data", "Acme Data"),
			named("T1", "beta", "Beta"), named("T1", "zeta-sarl", "Zêta SARL"),
			named("T2", "acme-other", "Acme Other"),
		} {
			mustCreate(t, s, p)
		}
		return s
	}
	t.Run("Lookup/ByIDNamePrefix", func(t *testing.T) {
		s := seed(t)
		for _, c := range []struct {
			q    string
			want []string
		}{
			{"acme-cloud", []string{"acme-cloud"}},
			{"ACME CLOUD", []string{"acme-cloud"}},
			{"acme", []string{"acme-cloud", "acme-data"}},
			{"zêta", []string{"zeta-sarl"}},
			{"zeta", []string{"zeta-sarl"}},
			{"nobody", []string{}},
		} {
			got, err := s.LookupPartners(ctx(t), "T1", c.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if g := ids(got); !slices.Equal(g, c.want) {
				t.Errorf("LookupPartners(%q) = %v, want %v", c.q, g, c.want)
			}
		}
	})
	t.Run("Lookup/LimitKeepsExact", func(t *testing.T) {
		s := open(t, h)
		for _, n := range []string{"Ab", "Abc", "Abd", "Abe", "Abf"} {
			mustCreate(t, s, named("T1", coach.Slug(n), n))
		}
		got, err := s.LookupPartners(ctx(t), "T1", "abf", 1)
		if err != nil || !slices.Contains(ids(got), "abf") {
			t.Fatalf("LookupPartners(abf, limit 1) = %v, %v; want the exact one kept", ids(got), err)
		}
		got, err = s.LookupPartners(ctx(t), "T1", "ab", 2)
		if err != nil || len(got) > 3 {
			t.Fatalf("LookupPartners(ab, limit 2) = %v, %v; want the exact one and at most 2 by prefix", ids(got), err)
		}
	})
	t.Run("Names/SortedIgnoringCase", func(t *testing.T) {
		s := seed(t)
		got, err := s.PartnerNames(ctx(t), "T1")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Acme Cloud", "Acme Data", "Beta", "Zêta SARL"}; !slices.Equal(got, want) {
			t.Fatalf("PartnerNames = %q, want %q", got, want)
		}
	})
	t.Run("Page/NameOrderWithTotal", func(t *testing.T) {
		s := seed(t)
		got, total, err := s.PartnersPage(ctx(t), "T1", 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if total != 4 || len(got) != 2 || got[0].ID != "acme-data" || got[1].ID != "beta" {
			t.Fatalf("PartnersPage(1, 2) = %v of %d, want [acme-data beta] of 4", ids(got), total)
		}
		got, total, err = s.PartnersPage(ctx(t), "T3", 0, 10)
		if err != nil || total != 0 || len(got) != 0 {
			t.Fatalf("PartnersPage of an empty team = %v of %d, %v", ids(got), total, err)
		}
	})
	t.Run("Page/ArchivedLeave", func(t *testing.T) {
		s := seed(t)
		if _, err := s.UpdatePartner(ctx(t), "T1", "acme-data", func(p *coach.Partner) error { p.Archived = true; return nil }); err != nil {
			t.Fatal(err)
		}
		got, total, err := s.PartnersPage(ctx(t), "T1", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || !slices.Equal(ids(got), []string{"acme-cloud", "beta", "zeta-sarl"}) {
			t.Fatalf("PartnersPage after archiving acme-data = %v of %d, want the 3 active", ids(got), total)
		}
		if got, _ := s.LookupPartners(ctx(t), "T1", "acme d", 10); !slices.Equal(ids(got), []string{"acme-data"}) {
			t.Fatalf("LookupPartners(acme d) = %v: an archived partner is still found by name", ids(got))
		}
		if names, _ := s.PartnerNames(ctx(t), "T1"); len(names) != 4 || names[1] != "Acme Data" {
			t.Fatalf("PartnerNames = %q, want all 4 in order, the archived one too", names)
		}
		if _, err := s.UpdatePartner(ctx(t), "T1", "acme-data", func(p *coach.Partner) error { p.Archived = false; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := s.PartnersPage(ctx(t), "T1", 0, 10); total != 4 {
			t.Fatalf("after restoring, %d active, want 4", total)
		}
	})
	t.Run("Update/IndexFollowsName", func(t *testing.T) {
		s := seed(t)
		if _, err := s.UpdatePartner(ctx(t), "T1", "beta", func(p *coach.Partner) error { p.Name = "Gamma"; return nil }); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.LookupPartners(ctx(t), "T1", "gamma", 10); !slices.Equal(ids(got), []string{"beta"}) {
			t.Fatalf("after a rename, LookupPartners(gamma) = %v", ids(got))
		}
		names, _ := s.PartnerNames(ctx(t), "T1")
		if slices.Contains(names, "Beta") {
			t.Fatalf("the old name stays in the index: %q", names)
		}
	})
}

func summary(p coach.Partner, gen int64, score int) coach.Summary {
	return coach.Summary{Gen: gen, Partner: p, Score: score, Verdict: coach.VerdictBalanced, Risks: []coach.Risk{coach.RiskLopsided},
		ValidUntil: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func testStandings(t *testing.T, h Harness) {
	t.Run("EveryPartnerListed", func(t *testing.T) {
		s := open(t, h)
		mustCreate(t, s, partner("T1", "b"))
		mustCreate(t, s, partner("T1", "a"))
		mustCreate(t, s, partner("T2", "c"))
		got, err := s.Standings(ctx(t), "T1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].PartnerID != "a" || got[1].PartnerID != "b" || got[0].Summary != nil || got[0].Gen != 0 {
			t.Fatalf("Standings = %+v, want a and b, no summary, generation 0", got)
		}
	})
	t.Run("SaveKeepsCurrentOnly", func(t *testing.T) {
		s := open(t, h)
		a, b := partner("T1", "a"), partner("T1", "b")
		mustCreate(t, s, a)
		mustCreate(t, s, b)
		if err := s.TouchPartner(ctx(t), "T1", "b"); err != nil {
			t.Fatal(err)
		}
		// a is still at 0; b moved to 1, so a summary of b at 0 is stale.
		if err := s.SaveStandings(ctx(t), "T1", []coach.Summary{summary(a, 0, 42), summary(b, 0, 10)}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Standings(ctx(t), "T1")
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Summary == nil || got[0].Summary.Score != 42 || got[0].Summary.Risks[0] != coach.RiskLopsided {
			t.Fatalf("a's summary = %+v, want score 42 kept", got[0].Summary)
		}
		if got[1].Gen != 1 || got[1].Summary != nil {
			t.Fatalf("b = %+v, want generation 1 and the stale summary dropped", got[1])
		}
		if err := s.TouchPartner(ctx(t), "T1", "a"); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Standings(ctx(t), "T1")
		if got[0].Gen != 1 || got[0].Summary == nil || got[0].Summary.Gen != 0 {
			t.Fatalf("after a touch, a = %+v: want generation 1 beside its summary of 0 (stale)", got[0])
		}
	})
	t.Run("ErrInvalidID", func(t *testing.T) {
		s := open(t, h)
		if err := s.TouchPartner(ctx(t), "T1", ""); coach.ErrorCode(err) != coach.EINVALID {
			t.Fatalf("TouchPartner with no partner = %v, want EINVALID", err)
		}
		if err := s.TouchPartner(ctx(t), "", "a"); !strings.Contains(coach.ErrorCode(err), coach.EINVALID) {
			t.Fatalf("TouchPartner with no team = %v, want EINVALID", err)
		}
	})
}

func testPartnerReminders(t *testing.T, h Harness) {
	s := open(t, h)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, id := range []string{"acme", "acme-cloud"} {
		p := partner("T1", id)
		if err := s.CreatePartner(ctx(t), p, coach.DefaultReminders(p, at)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.PartnerReminders(ctx(t), "T1", "acme")
	if err != nil {
		t.Fatal(err)
	}
	want := coach.DefaultReminders(partner("T1", "acme"), at)
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("PartnerReminders(acme) = %d reminders, want %d", len(got), len(want))
	}
	for _, r := range got {
		if r.PartnerID != "acme" {
			t.Fatalf("PartnerReminders(acme) returned %s of %s", r.ID, r.PartnerID)
		}
	}
	if got, err := s.PartnerReminders(ctx(t), "T1", "nobody"); err != nil || len(got) != 0 {
		t.Fatalf("PartnerReminders(nobody) = %v, %v; want none", got, err)
	}
}
