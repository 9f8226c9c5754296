package coach_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestScoreHealth_LateCommitments(t *testing.T) {
	base := coach.HealthInput{Partner: coach.Partner{Stage: coach.StageActive, StageChangedAt: now.AddDate(-1, 0, 0)},
		Balance: coach.Balance{Verdict: coach.VerdictBalanced}}
	plain := coach.ScoreHealth(base, now)
	for _, tc := range []struct {
		name string
		n    coach.CommitmentCounts
		off  int
	}{
		{"NoPlan", coach.CommitmentCounts{}, 0},
		{"NoneLate", coach.CommitmentCounts{Open: 2, Done: 1}, 0},
		{"OneLate", coach.CommitmentCounts{Open: 2, Late: 1}, coach.LatePenalty},
		{"CappedAt15", coach.CommitmentCounts{Open: 9, Late: 9}, coach.MaxLatePenalty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			in.Commitments = tc.n
			h := coach.ScoreHealth(in, now)
			if h.Score != plain.Score-tc.off {
				t.Fatalf("score %d, want %d - %d", h.Score, plain.Score, tc.off)
			}
			tips := coach.ChooseTips(in, now, 0)
			warned := false
			for _, tip := range tips {
				warned = warned || strings.Contains(tip.Text.EN, "late")
			}
			if warned != (tc.n.Late > 0) {
				t.Fatalf("tip about late commitments: %v, want %v (%+v)", warned, tc.n.Late > 0, tips)
			}
		})
	}
}

func TestHealth_ReadsCommitments(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", coach.KindReseller)
	before, err := s.Health(ctx, "T1", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddCommitment(ctx, "T1", "U1", coach.NewCommitment{PartnerID: p.ID, Side: coach.CommitUs, Title: "Price list", Due: now}); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return now.AddDate(0, 0, 3) }
	defer func() { s.Now = func() time.Time { return now } }()
	after, err := s.Health(ctx, "T1", p)
	if err != nil {
		t.Fatal(err)
	}
	last := after.Parts[len(after.Parts)-1]
	if last.Name != "commitments" || last.Points != -coach.LatePenalty {
		t.Fatalf("parts %+v, want a commitments part of -%d (before: %d, after: %d)", after.Parts, coach.LatePenalty, before.Score, after.Score)
	}
	// The first commitment gave the partner its daily check.
	rs, err := s.Reminders(ctx, "T1")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		found = found || (r.ID == coach.ReminderID(p.ID, coach.ReminderCommitment) && r.Channel == p.Channel)
	}
	if !found {
		t.Fatalf("reminders %+v: no commitment reminder", rs)
	}
}

func TestCommitmentsDueSoon(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, 24+d, 0, 0, 0, 0, time.UTC) }
	cs := []coach.Commitment{
		{ID: "in2", Status: coach.CommitmentOpen, Due: day(2)},
		{ID: "today", Status: coach.CommitmentOpen, Due: day(0)},
		{ID: "in1", Status: coach.CommitmentOpen, Due: day(1)},
		{ID: "done", Status: coach.CommitmentDone, Due: day(0)},
		{ID: "late", Status: coach.CommitmentOpen, Due: day(-1)},
	}
	got := coach.CommitmentsDueSoon(cs, now)
	if len(got) != 2 || got[0].ID != "today" || got[1].ID != "in2" {
		t.Fatalf("got %+v, want today, in2", got)
	}
}
