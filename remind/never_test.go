package remind_test

import (
	"errors"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
)

// TestParse_NeverFires: a spec naming a day that does not exist is refused
// with its own message, never saved to stay silent.
func TestParse_NeverFires(t *testing.T) {
	for _, spec := range []string{"0 0 30 2 *", "0 9 31 4 *", "CRON_TZ=Europe/Paris 0 9 31 11 *"} {
		_, err := remind.Parse(spec, "UTC")
		var e *coach.Error
		if !errors.As(err, &e) || e.Key != "reminder.schedule.never" {
			t.Errorf("Parse(%q): got %v, want reminder.schedule.never", spec, err)
		}
	}
	for _, spec := range []string{"0 9 29 2 *", "0 9 31 * *", "0 9 28 2 *"} {
		if _, err := remind.Parse(spec, "UTC"); err != nil {
			t.Errorf("Parse(%q): %v", spec, err)
		}
	}
}
