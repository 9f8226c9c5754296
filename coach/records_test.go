package coach_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func key(err error) string {
	var e *coach.Error
	if !errors.As(err, &e) {
		return ""
	}
	return e.Key
}

// TestArchivedReadOnly: an archived partner's records cannot change, its
// name stays taken, and its owner restores it.
func TestArchivedReadOnly(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	if _, err := s.Archive(ctx, "T1", "UOWNER", p.ID); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Partner(ctx, "T1", p.ID)
	for what, err := range map[string]error{
		"log": func() error {
			_, err := s.LogContribution(ctx, "T1", "U2", coach.NewContribution{PartnerID: p.ID, Direction: coach.Got, Kind: coach.ContribDeal, Amount: coach.Money{Amount: 5, Currency: "EUR"}})
			return err
		}(),
		"book": func() error {
			_, err := s.BookEvent(ctx, "T1", "U2", coach.NewEvent{PartnerID: p.ID, Title: "W", Start: now.Add(48 * time.Hour), TimeZone: "UTC"})
			return err
		}(),
		"tick": func() error {
			_, err := s.SetItem(ctx, "T1", "U2", p, coach.TemplateLaunch, "lau-first-deal", true, "")
			return err
		}(),
		"stage": func() error { _, err := s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageActive); return err }(),
		"deal": func() error {
			_, _, err := s.SaveDeal(ctx, "T1", "U2", p.ID, "Big", []coach.Part{{Name: "Bank", Kind: coach.PartParty, Chance: 90}})
			return err
		}(),
	} {
		if key(err) != "partner.archived.read_only" || coach.ErrorCode(err) != coach.EFORBIDDEN {
			t.Errorf("%s on an archived partner: got %v", what, err)
		}
	}
	if _, err := s.AddPartner(ctx, "T1", "U2", coach.NewPartner{Name: "acme", Channel: "C1"}); key(err) != "partner.exists.archived" {
		t.Errorf("adding its name again: got %v", err)
	}
	if _, err := s.Unarchive(ctx, "T1", "U2", p.ID); coach.ErrorCode(err) != coach.EFORBIDDEN {
		t.Errorf("unarchive by another user: got %v", err)
	}
	if q, err := s.FindArchived(ctx, "T1", "ac"); err != nil || q.ID != p.ID {
		t.Fatalf("FindArchived by prefix: %+v, %v", q, err)
	}
	if q, err := s.Unarchive(ctx, "T1", "UOWNER", p.ID); err != nil || q.Archived {
		t.Fatalf("unarchive: %+v, %v", q, err)
	}
	if _, err := s.Unarchive(ctx, "T1", "UOWNER", p.ID); key(err) != "partner.not_archived" {
		t.Errorf("unarchive twice: got %v", err)
	}
	if _, err := s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageActive); err != nil {
		t.Errorf("stage after restoring: %v", err)
	}
}

// TestEventChanges: overlap asks first; cancel and reschedule; a
// cancelled event does not count for whose turn it is.
func TestEventChanges(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	at := now.Add(72 * time.Hour).Truncate(time.Hour)
	first, err := s.BookEvent(ctx, "T1", "U1", coach.NewEvent{PartnerID: p.ID, Title: "One", Start: at, TimeZone: "UTC", Host: coach.HostUs})
	if err != nil {
		t.Fatal(err)
	}
	in := coach.NewEvent{ID: "two", PartnerID: p.ID, Title: "Two", Start: at.Add(30 * time.Minute), TimeZone: "UTC"}
	if _, err := s.BookEvent(ctx, "T1", "U1", in); !coach.IsOverlap(err) {
		t.Fatalf("overlapping booking: got %v", err)
	}
	in.AllowOverlap = true
	second, err := s.BookEvent(ctx, "T1", "U1", in)
	if err != nil || second.Host != coach.HostPartner {
		t.Fatalf("confirmed booking: %+v, %v", second, err)
	}
	if sum, _ := s.EventSummary(ctx, "T1", p.ID); sum.Turn != coach.HostUs {
		t.Fatalf("after one of ours and one of theirs, turn %s", sum.Turn)
	}
	if _, err := s.CancelEvent(ctx, "T1", "U1", p.ID, second.ID); err != nil {
		t.Fatal(err)
	}
	if sum, _ := s.EventSummary(ctx, "T1", p.ID); sum.Turn != coach.HostPartner || len(sum.Upcoming) != 1 {
		t.Fatalf("a cancelled event counts: %+v", sum)
	}
	if again, err := s.CancelEvent(ctx, "T1", "U1", p.ID, second.ID); err != nil || again.Status != coach.EventCancelled {
		t.Fatalf("cancelling twice: %+v, %v", again, err)
	}
	if _, err := s.RescheduleEvent(ctx, "T1", "U1", p.ID, second.ID, coach.EventChange{Start: at.Add(5 * time.Hour)}); key(err) != "event.reschedule.not_planned" {
		t.Fatalf("moving a cancelled event: %v", err)
	}
	moved, err := s.RescheduleEvent(ctx, "T1", "U1", p.ID, first.ID, coach.EventChange{Start: at.Add(24 * time.Hour), Link: "https://meet.example.com/x"})
	if err != nil || !moved.Start.Equal(at.Add(24*time.Hour)) || moved.Link != "https://meet.example.com/x" || moved.Title != "One" {
		t.Fatalf("moved: %+v, %v", moved, err)
	}
	if _, err := s.RescheduleEvent(ctx, "T1", "U1", p.ID, first.ID, coach.EventChange{Start: now.Add(-time.Hour)}); key(err) != "event.start.past" {
		t.Fatalf("moving into the past: %v", err)
	}
}

// TestWordsAndText: French words, typos and invisible characters.
func TestWordsAndText(t *testing.T) {
	if got := coach.CleanText("Ac\u200bme\u202e\ufeff"); got != "Acme" {
		t.Errorf("CleanText: %q", got)
	}
	if k := coach.KindNear("Cloud"); k != "" {
		t.Errorf("a word of names is no typo: got %q", k)
	}
	if k := coach.KindNear("resellr"); k != "reseller" {
		t.Errorf("KindNear(resellr) = %q", k)
	}
	if d, err := coach.ParseDirection("reçu"); err != nil || d != coach.Got {
		t.Errorf("reçu: %v, %v", d, err)
	}
	if _, err := coach.ParseChance("85,5 %"); key(err) != "deal.chance.whole" {
		t.Errorf("85,5 %%: %v", err)
	}
}
