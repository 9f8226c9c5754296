package bot

import (
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

// TestDidYouMean: typos of subcommands, kinds, stages, contribution kinds
// and partner names of several words each get the right suggestion.
func TestDidYouMean(t *testing.T) {
	names := make([]string, 0, len(commands))
	for _, c := range commands {
		names = append(names, c.name)
	}
	for typed, want := range map[string]string{"balnce": "balance", "chekclist": "checklist", "unarchiv": "unarchive", "evnets": "events",
		"dels": "deals", "remnders": "reminders", "compexity": "complexity"} {
		if got := coach.Closest(typed, names); got != want {
			t.Errorf("subcommand %q: got %q, want %q", typed, got, want)
		}
	}
	hint := func(err error) string {
		var e *coach.Error
		if ce, ok := err.(*coach.Error); ok {
			e = ce
		}
		if e == nil || len(e.Args) < 2 {
			return ""
		}
		s, _ := e.Args[1].(string)
		return s
	}
	for typed, want := range map[string]string{"resellr": "reseller", "distribtor": "distributor", "integratr": "integrator", "tecnology": "technology"} {
		if _, err := coach.ParseKind(typed); hint(err) != want {
			t.Errorf("kind %q: got %v, want a hint of %q", typed, err, want)
		}
	}
	for typed, want := range map[string]string{"activ": "active", "onbording": "onboarding", "evalating": "evaluating", "endd": "ended"} {
		if _, err := coach.ParseStage(typed); hint(err) != want {
			t.Errorf("stage %q: got %v, want a hint of %q", typed, err, want)
		}
	}
	for typed, want := range map[string]string{"reveneu": "revenue", "resael": "resale", "introducton": "introduction"} {
		if _, err := coach.ParseContributionKind(typed); hint(err) != want {
			t.Errorf("contribution kind %q: got %v, want a hint of %q", typed, err, want)
		}
	}
	for typed, want := range map[string]string{"Acme Clod": "Acme Cloud", "Acme Dta launch": "Acme Data", "Socite Generale": "Société Générale"} {
		_, _, args := parseCommand("checklist " + typed)
		if _, _, err := matchLeading(fuzzPartners, args); hint(err) != want {
			t.Errorf("partner %q: got %v, want a hint of %q", typed, err, want)
		}
	}
}
