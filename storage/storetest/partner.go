package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
)

func testPartners(t *testing.T, h Harness) {
	t.Run("Create/OK", func(t *testing.T) {
		s := open(t, h)
		p := partner("T1", "acme-cloud")
		p.Name = "Acme Cloud ☁️ <!channel> & \"Sons\""
		p.Profile = coach.Profile{CustomerBase: "SMB", Region: "EMEA", Notes: strings.Repeat("é", 2000)}
		p.ReviewedAt = at(t, 5)
		mustCreate(t, s, p)
		got, err := s.Partner(ctx(t), "T1", "acme-cloud")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(p, got, cmp.Comparer(timeEqual)); diff != "" {
			t.Fatalf("partner round trip (-want +got):\n%s", diff)
		}
	})
	t.Run("Create/ErrConflict", func(t *testing.T) {
		s := open(t, h)
		mustCreate(t, s, partner("T1", "acme"))
		other := partner("T1", "acme")
		other.Name = "Someone else"
		wantCode(t, s.CreatePartner(ctx(t), other, nil), coach.ECONFLICT)
		got, _ := s.Partner(ctx(t), "T1", "acme")
		if got.Name != "Partner acme" {
			t.Fatalf("a refused create changed the partner: name %q", got.Name)
		}
	})
	t.Run("Create/WithReminders", func(t *testing.T) {
		s := open(t, h)
		p := partner("T1", "acme")
		p.Channel = "C1"
		rs := coach.DefaultReminders(p, at(t, 1))
		if err := s.CreatePartner(ctx(t), p, rs); err != nil {
			t.Fatal(err)
		}
		got, err := s.Reminders(ctx(t), "T1")
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(rs, func(a, b coach.Reminder) int { return strings.Compare(a.ID, b.ID) })
		if diff := cmp.Diff(rs, got, cmp.Comparer(timeEqual)); diff != "" {
			t.Fatalf("reminders stored with the partner (-want +got):\n%s", diff)
		}
		teams, err := s.Teams(ctx(t))
		if err != nil || !slices.Contains(teams, "T1") {
			t.Fatalf("Teams() = %v, %v; want T1 listed so the runner finds its reminders", teams, err)
		}
	})
	t.Run("Create/ErrConflictWritesNoReminder", func(t *testing.T) {
		s := open(t, h)
		p := partner("T1", "acme")
		p.Channel = "C1"
		mustCreate(t, s, p)
		other := p
		other.Channel = "C2"
		wantCode(t, s.CreatePartner(ctx(t), other, coach.DefaultReminders(other, at(t, 1))), coach.ECONFLICT)
		got, err := s.Reminders(ctx(t), "T1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 {
			t.Fatalf("a refused create stored %d reminders: %+v", len(got), got)
		}
	})
	t.Run("Get/ErrNotFound", func(t *testing.T) {
		s := open(t, h)
		_, err := s.Partner(ctx(t), "T1", "nobody")
		wantCode(t, err, coach.ENOTFOUND)
	})
	t.Run("List/SortedWithArchived", func(t *testing.T) {
		s := open(t, h)
		if ps, err := s.Partners(ctx(t), "T1"); err != nil || len(ps) != 0 {
			t.Fatalf("empty team: got %v, %v; want no partners", ps, err)
		}
		for _, id := range []string{"zeta", "alpha", "mid"} {
			mustCreate(t, s, partner("T1", id))
		}
		if _, err := s.UpdatePartner(ctx(t), "T1", "mid", func(p *coach.Partner) error { p.Archived = true; return nil }); err != nil {
			t.Fatal(err)
		}
		ps, err := s.Partners(ctx(t), "T1")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
		if diff := cmp.Diff([]string{"alpha", "mid", "zeta"}, ids); diff != "" {
			t.Fatalf("Partners (-want +got):\n%s", diff)
		}
		if !ps[1].Archived {
			t.Fatal("archived flag lost")
		}
	})
	t.Run("Update/OK", func(t *testing.T) {
		s := open(t, h)
		mustCreate(t, s, partner("T1", "acme"))
		got, err := s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error {
			p.Stage = coach.StageActive
			p.ID = "hijack" // ignored: the ID is not the fn's to change
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.Stage != coach.StageActive || got.ID != "acme" {
			t.Fatalf("got stage %q id %q, want active acme", got.Stage, got.ID)
		}
		read, _ := s.Partner(ctx(t), "T1", "acme")
		if read.Stage != coach.StageActive {
			t.Fatalf("stored stage %q, want active", read.Stage)
		}
		if _, err := s.Partner(ctx(t), "T1", "hijack"); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("fn changed the ID: %v", err)
		}
	})
	t.Run("Update/ErrFromFnAborts", func(t *testing.T) {
		s := open(t, h)
		mustCreate(t, s, partner("T1", "acme"))
		boom := errors.New("boom")
		_, err := s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error {
			p.Stage = coach.StageEnded
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v, want fn's error", err)
		}
		read, _ := s.Partner(ctx(t), "T1", "acme")
		if read.Stage != coach.StageProspect {
			t.Fatalf("aborted update was written: stage %q", read.Stage)
		}
	})
	t.Run("Update/ErrNotFound", func(t *testing.T) {
		s := open(t, h)
		_, err := s.UpdatePartner(ctx(t), "T1", "nobody", func(*coach.Partner) error { return nil })
		wantCode(t, err, coach.ENOTFOUND)
	})
}
