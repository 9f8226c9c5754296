package coach_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/partnercoach/partnercoach/coach"
)

func TestParseCommitmentWords(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	day := func(s string) time.Time { d, _ := time.ParseInLocation(time.DateOnly, s, paris); return d }
	for _, tc := range []struct {
		name  string
		in    string
		want  coach.CommitmentWords
		field string // error's field, "" when it parses
		key   string
	}{
		{"OK", "us 2026-12-15 send the price list", coach.CommitmentWords{Side: coach.CommitUs, Due: day("2026-12-15"), Title: "send the price list"}, "", ""},
		{"OK/PersonName", "partner tomorrow train two sellers @Marie", coach.CommitmentWords{Side: coach.CommitPartner, Due: day("2026-11-25"), Title: "train two sellers", PersonName: "Marie"}, "", ""},
		{"OK/French", "ensemble demain étude de cas", coach.CommitmentWords{Side: coach.CommitBoth, Due: day("2026-11-25"), Title: "étude de cas"}, "", ""},
		{"OK/LoneAtIsTitle", "both today @", coach.CommitmentWords{Side: coach.CommitBoth, Due: day("2026-11-24"), Title: "@"}, "", ""},
		{"ErrUsage", "us 2026-12-15", coach.CommitmentWords{}, "", "commitment.usage"},
		{"ErrSide", "them-all 2026-12-15 x", coach.CommitmentWords{}, "side", "commitment.side.unknown"},
		{"ErrDue", "us 15/12 x", coach.CommitmentWords{}, "due", "commitment.due.invalid"},
		{"ErrDueRange", "us 2040-01-01 x", coach.CommitmentWords{}, "due", "commitment.due.range"},
		{"ErrTitleOnlyPerson", "us today @Marie", coach.CommitmentWords{Side: coach.CommitUs, Due: day("2026-11-24"), Title: "@Marie"}, "", ""},
		{"ErrTitleTooLong", "us today " + strings.Repeat("x", 151), coach.CommitmentWords{}, "title", "commitment.title.too_long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := coach.ParseCommitmentWords(strings.Fields(tc.in), now, paris)
			if tc.key != "" {
				var e *coach.Error
				if !asError(err, &e) || e.Key != tc.key || e.Field != tc.field {
					t.Fatalf("got %v, want %s on field %q", err, tc.key, tc.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Side != tc.want.Side || !got.Due.Equal(tc.want.Due) || got.Title != tc.want.Title || got.PersonName != tc.want.PersonName {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestCommitmentLate(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	due := time.Date(2026, 11, 24, 0, 0, 0, 0, paris)
	c := coach.Commitment{Status: coach.CommitmentOpen, Due: due}
	for _, tc := range []struct {
		at   time.Time
		late bool
		in   int
	}{
		{time.Date(2026, 11, 22, 12, 0, 0, 0, paris), false, 2},
		{time.Date(2026, 11, 24, 23, 59, 0, 0, paris), false, 0},
		{time.Date(2026, 11, 25, 0, 0, 0, 0, paris), true, -1},
		{time.Date(2026, 12, 4, 9, 0, 0, 0, paris), true, -10},
	} {
		if got := c.Late(tc.at); got != tc.late {
			t.Errorf("Late(%v) = %v, want %v", tc.at, got, tc.late)
		}
		if got := c.DueIn(tc.at); got != tc.in {
			t.Errorf("DueIn(%v) = %d, want %d", tc.at, got, tc.in)
		}
	}
	c.Status = coach.CommitmentDone
	if c.Late(due.AddDate(0, 1, 0)) {
		t.Error("a done commitment is late")
	}
}

func TestCommitmentService(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", coach.KindReseller)
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	in := coach.NewCommitment{ID: "c1", PartnerID: p.ID, Side: coach.CommitPartner, PersonName: "Marie", Title: "Train two sellers", Due: due}
	t.Run("Add/OK", func(t *testing.T) {
		c, err := s.AddCommitment(ctx, "T1", "U2", in)
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != coach.CommitmentOpen || c.CreatedBy != "U2" || c.ID != "c1" {
			t.Fatalf("got %+v", c)
		}
	})
	t.Run("Add/ErrPast", func(t *testing.T) {
		bad := in
		bad.ID, bad.Due = "c2", now.AddDate(0, 0, -2)
		_, err := s.AddCommitment(ctx, "T1", "U2", bad)
		if e := fieldOf(err); e != "due" {
			t.Fatalf("got %v, want a due error", err)
		}
	})
	t.Run("Add/ErrSide", func(t *testing.T) {
		bad := in
		bad.ID, bad.Side = "c3", "them"
		_, err := s.AddCommitment(ctx, "T1", "U2", bad)
		if e := fieldOf(err); e != "side" {
			t.Fatalf("got field %q, want side", e)
		}
	})
	t.Run("Status/DoneThenUndo", func(t *testing.T) {
		before, after, err := s.SetCommitmentStatus(ctx, "T1", "U3", p.ID, "c1", coach.CommitmentDone)
		if err != nil {
			t.Fatal(err)
		}
		if before.Status != coach.CommitmentOpen || after.Status != coach.CommitmentDone || after.DoneAt.IsZero() || after.UpdatedBy != "U3" {
			t.Fatalf("before %+v after %+v", before, after)
		}
		_, back, err := s.SetCommitmentStatus(ctx, "T1", "U3", p.ID, "c1", before.Status)
		if err != nil || back.Status != coach.CommitmentOpen || !back.DoneAt.IsZero() {
			t.Fatalf("undo: %+v, %v", back, err)
		}
	})
	t.Run("Edit/KeepsPastDue", func(t *testing.T) {
		s.Now = func() time.Time { return due.AddDate(0, 0, 5) }
		defer func() { s.Now = func() time.Time { return now } }()
		ch := in
		ch.Title, ch.Side = "Train three sellers", coach.CommitBoth
		_, after, err := s.EditCommitment(ctx, "T1", "U2", p.ID, "c1", ch)
		if err != nil || after.Title != "Train three sellers" || after.Side != coach.CommitBoth {
			t.Fatalf("got %+v, %v", after, err)
		}
		paris, _ := time.LoadLocation("Europe/Paris")
		ch.Due = time.Date(2026, 12, 1, 0, 0, 0, 0, paris) // the same day read in another zone: not a move
		if _, after, err := s.EditCommitment(ctx, "T1", "U2", p.ID, "c1", ch); err != nil || !after.Due.Equal(due) {
			t.Fatalf("same day in Paris: %+v, %v", after, err)
		}
		ch.Due = due.AddDate(0, 0, 1) // still over: a new day must not be
		if _, _, err := s.EditCommitment(ctx, "T1", "U2", p.ID, "c1", ch); fieldOf(err) != "due" {
			t.Fatalf("got %v, want a due error", err)
		}
	})
	t.Run("Delete/Restore", func(t *testing.T) {
		gone, err := s.DeleteCommitment(ctx, "T1", "U2", p.ID, "c1")
		if err != nil {
			t.Fatal(err)
		}
		if cs, _ := s.CommitmentsFor(ctx, "T1", p.ID); len(cs) != 0 {
			t.Fatalf("after delete: %+v", cs)
		}
		if _, err := s.RestoreCommitment(ctx, "T1", "U2", gone); err != nil {
			t.Fatal(err)
		}
		cs, _ := s.CommitmentsFor(ctx, "T1", p.ID)
		if len(cs) != 1 || cs[0].Title != gone.Title {
			t.Fatalf("after restore: %+v", cs)
		}
	})
	t.Run("ErrArchived", func(t *testing.T) {
		if _, err := s.Archive(ctx, "T1", "UOWNER", p.ID); err != nil {
			t.Fatal(err)
		}
		_, _, err := s.SetCommitmentStatus(ctx, "T1", "U3", p.ID, "c1", coach.CommitmentDone)
		if coach.ErrorCode(err) != coach.EFORBIDDEN {
			t.Fatalf("got %v, want forbidden", err)
		}
	})
}

func FuzzParseCommitmentWords(f *testing.F) {
	for _, s := range []string{"us 2026-12-15 send the price list", "partner tomorrow train @Marie", "ensemble demain x", "us", "both today @",
		"them 2026-02-30 x", "us 9999-01-01 x", "nous aujourd'hui \x00", "us today " + strings.Repeat("é", 151)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		w, err := coach.ParseCommitmentWords(words, now, time.UTC)
		if err != nil {
			mustBeInvalid(t, fmt.Sprintf("ParseCommitmentWords(%q)", s), err)
			return
		}
		if _, err := coach.ParseCommitSide(string(w.Side)); err != nil {
			t.Fatalf("side %q does not read back: %v", w.Side, err)
		}
		if n := utf8.RuneCountInString(w.Title); n < 1 || n > coach.MaxCommitmentTitleLen || w.Title != strings.Join(strings.Fields(w.Title), " ") {
			t.Fatalf("title %q out of bounds", w.Title)
		}
		if w.Due.Year() < 2000 || w.Due.After(now.AddDate(5, 0, 0)) || w.Due.Hour() != 0 {
			t.Fatalf("due %v out of bounds", w.Due)
		}
		if utf8.RuneCountInString(w.PersonName) > coach.MaxPersonNameLen || strings.HasPrefix(w.PersonName, "@") {
			t.Fatalf("person %q out of bounds", w.PersonName)
		}
		// One meaning per input: what was read, written back, reads the same.
		again := []string{string(w.Side), w.Due.Format(time.DateOnly), w.Title}
		if w.PersonName != "" {
			again = append(again, "@"+strings.ReplaceAll(w.PersonName, " ", ""))
		}
		w2, err := coach.ParseCommitmentWords(strings.Fields(strings.Join(again, " ")), now, time.UTC)
		if err != nil || w2.Side != w.Side || !w2.Due.Equal(w.Due) || w2.Title != w.Title {
			t.Fatalf("round trip of %+v: %+v, %v", w, w2, err)
		}
	})
}

// fieldOf names the input an EINVALID error is about ("" for any other).
func fieldOf(err error) string {
	var e *coach.Error
	if errors.As(err, &e) && e.Code == coach.EINVALID {
		return e.Field
	}
	return ""
}
