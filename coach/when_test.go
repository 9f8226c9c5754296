package coach_test

import (
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestParseDate(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 31 December is already 1 January in Paris: relative words
	// count from the user's calendar day, not UTC's.
	late := time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			in   string
			now  time.Time
			loc  *time.Location
			want time.Time
		}{
			{"2026-12-03", late, paris, time.Date(2026, 12, 3, 0, 0, 0, 0, paris)},
			{" 2024-02-29 ", late, nil, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
			{"today", late, nil, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
			{"today", late, paris, time.Date(2027, 1, 1, 0, 0, 0, 0, paris)},
			{"Tomorrow", late, paris, time.Date(2027, 1, 2, 0, 0, 0, 0, paris)},
			{"demain", late, nil, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
			{"yesterday", late, paris, time.Date(2026, 12, 31, 0, 0, 0, 0, paris)},
			{"hier", late, nil, time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC)},
			{"aujourd'hui", late, nil, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
		} {
			got, err := coach.ParseDate(tt.in, tt.now, tt.loc)
			if err != nil || !got.Equal(tt.want) || got.Location() != tt.want.Location() {
				t.Errorf("ParseDate(%q, %v) = %v, %v; want %v", tt.in, tt.loc, got, err, tt.want)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []string{"", "03/12/2026", "2026-02-30", "2026-13-01", "2026-1-5", "next week", "2026-12-03T10:00", "20261203"} {
			_, err := coach.ParseDate(in, late, paris)
			wantInvalid(t, err, "date.invalid")
		}
	})
}

func TestParseTimeOfDay(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			in     string
			hh, mm int
		}{
			{"14:30", 14, 30}, {"9:05", 9, 5}, {"09:05", 9, 5}, {"0:00", 0, 0}, {"23:59", 23, 59},
			{"14h30", 14, 30}, {"14h", 14, 0}, {"9", 9, 0}, {" 14 : 30 ", 14, 30},
			{"2pm", 14, 0}, {"2 PM", 14, 0}, {"2:30pm", 14, 30}, {"11:15am", 11, 15}, {"9 a.m.", 9, 0},
			{"12am", 0, 0}, {"12pm", 12, 0}, {"12:30am", 0, 30}, {"noon", 12, 0}, {"midi", 12, 0}, {"midnight", 0, 0},
		} {
			hh, mm, err := coach.ParseTimeOfDay(tt.in)
			if err != nil || hh != tt.hh || mm != tt.mm {
				t.Errorf("ParseTimeOfDay(%q) = %d:%02d, %v; want %d:%02d", tt.in, hh, mm, err, tt.hh, tt.mm)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []string{"", "24:00", "14:60", "14:5", "14:", "1430", "0pm", "13pm", "-1:00", "+9:00", "2:30:00", "h30", "hh", "2xm", "nine", "٢:٣٠", "14:3O"} {
			_, _, err := coach.ParseTimeOfDay(in)
			wantInvalid(t, err, "time.invalid")
		}
	})
}
