package coach_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func errKey(err error) string {
	var e *coach.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}

func TestParseChance(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]int{"90": 90, "90%": 90, "90 %": 90, " 1% ": 1, "100": 100} {
			if got, err := coach.ParseChance(in); err != nil || got != want {
				t.Errorf("ParseChance(%q) = %d, %v; want %d", in, got, err, want)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []string{"", "0", "101", "-5%", "9x", "%", "90%%", "1e2"} {
			if _, err := coach.ParseChance(in); errKey(err) != "deal.chance.invalid" {
				t.Errorf("ParseChance(%q): %v", in, err)
			}
		}
	})
}

func TestParsePartKind(t *testing.T) {
	for in, want := range map[string]coach.PartKind{"": coach.PartParty, "party": coach.PartParty, "Component": coach.PartComponent,
		"components": coach.PartComponent, "composant": coach.PartComponent, "partie prenante": coach.PartParty} {
		if got, err := coach.ParsePartKind(in); err != nil || got != want {
			t.Errorf("ParsePartKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := coach.ParsePartKind("widget"); errKey(err) != "deal.part_kind.unknown" {
		t.Errorf("ParsePartKind(widget): %v", err)
	}
}

func TestParseHost(t *testing.T) {
	for in, want := range map[string]coach.Host{"": "", "us": coach.HostUs, "Partner": coach.HostPartner, "both": coach.HostBoth} {
		if got, err := coach.ParseHost(in); err != nil || got != want {
			t.Errorf("ParseHost(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := coach.ParseHost("turn"); errKey(err) != "event.host.unknown" {
		t.Errorf("ParseHost(turn): %v", err)
	}
}

func TestParseLink(t *testing.T) {
	for _, in := range []string{"", "https://example.com/webinar", "http://example.com"} {
		if got, err := coach.ParseLink(in); err != nil || got != in {
			t.Errorf("ParseLink(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"javascript:alert(1)", "example.com", "https://", "ftp://example.com", "https://x/" + strings.Repeat("a", 3000)} {
		if _, err := coach.ParseLink(in); errKey(err) != "event.link.invalid" {
			t.Errorf("ParseLink(%q): %v", in, err)
		}
	}
}

func TestParseTextLimits(t *testing.T) {
	for _, tt := range []struct {
		parse func(string) (string, error)
		in    string
		key   string
	}{
		{coach.ParseTitle, strings.Repeat("t", 150), ""},
		{coach.ParseTitle, strings.Repeat("t", 151), "event.title.too_long"},
		{coach.ParseTitle, "a\x00b", "event.title.control"},
		{coach.ParseNote, strings.Repeat("n", 500), ""},
		{coach.ParseNote, strings.Repeat("n", 501), "contribution.note.too_long"},
		{coach.ParsePartnerName, "  Acme   Cloud ", ""},
		{coach.ParsePartnerName, "", "partner.name.required"},
		{coach.ParsePartnerName, "!!!", "partner.name.no_letters"},
		{coach.ParsePartnerName, strings.Repeat("p", 81), "partner.name.too_long"},
		{coach.ParseDealName, "!!!", "deal.name.no_letters"},
		{coach.ParsePartName, strings.Repeat("p", 81), "deal.part.too_long"},
	} {
		if _, err := tt.parse(tt.in); errKey(err) != tt.key {
			t.Errorf("%.20q: got %v, want key %q", tt.in, err, tt.key)
		}
	}
}

func TestParseStart(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) // 13:00 in Paris
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			day, clock string
			want       time.Time
		}{
			{"2026-12-10", "14:00", time.Date(2026, 12, 10, 14, 0, 0, 0, paris)},
			{"tomorrow", "9h", time.Date(2026, 11, 25, 9, 0, 0, 0, paris)},
			{"today", "14h30", time.Date(2026, 11, 24, 14, 30, 0, 0, paris)},
			{"demain", "2pm", time.Date(2026, 11, 25, 14, 0, 0, 0, paris)},
		} {
			got, err := coach.ParseStart(tt.day, tt.clock, now, paris)
			if err != nil || !got.Equal(tt.want) || got.Location() != paris {
				t.Errorf("ParseStart(%q, %q) = %v, %v; want %v", tt.day, tt.clock, got, err, tt.want)
			}
		}
	})
	t.Run("Err", func(t *testing.T) {
		for _, tt := range []struct{ day, clock, key string }{
			{"someday", "14:00", "date.invalid"},
			{"2026-12-10", "25:00", "time.invalid"},
			{"today", "12:59", "event.start.past"},
			{"today", "13:00", "event.start.past"},
		} {
			if _, err := coach.ParseStart(tt.day, tt.clock, now, paris); errKey(err) != tt.key {
				t.Errorf("ParseStart(%q, %q): %v, want key %q", tt.day, tt.clock, err, tt.key)
			}
		}
	})
}

func TestParseLogDate(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 24 November is already the 25th in Paris.
	now := time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want time.Time
		key  string
	}{
		{"2026-11-25", now, ""},
		{"today", now, ""},
		{"2026-11-24", time.Date(2026, 11, 24, 12, 0, 0, 0, paris), ""},
		{"yesterday", time.Date(2026, 11, 24, 12, 0, 0, 0, paris), ""},
		{"2026-11-26", time.Time{}, "contribution.date.range"},
		{"1999-12-31", time.Time{}, "contribution.date.range"},
		{"24/11/2026", time.Time{}, "date.invalid"},
	} {
		got, err := coach.ParseLogDate(tt.in, now, paris)
		if errKey(err) != tt.key || !got.Equal(tt.want) {
			t.Errorf("ParseLogDate(%q) = %v, %v; want %v, key %q", tt.in, got, err, tt.want, tt.key)
		}
	}
}

func TestIsKindWord(t *testing.T) {
	for in, want := range map[string]bool{"reseller": true, "ISV": true, "si": true, "cloud-operator": true, "cloud": false, "software": false, "tech": false} {
		if got := coach.IsKindWord(in); got != want {
			t.Errorf("IsKindWord(%q) = %v", in, got)
		}
		if _, err := coach.ParseKind(in); err != nil {
			t.Errorf("ParseKind(%q): %v", in, err)
		}
	}
}
