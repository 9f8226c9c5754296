package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

// TestCatalogComplete finds every key the bot uses — literal keys in T calls,
// usage errors and command summaries, plus the keys built from domain values
// (kinds, stages, hosts…) — and checks each has English and French text.
func TestCatalogComplete(t *testing.T) {
	lit := regexp.MustCompile(`(?:i18n\.T\([a-zA-Z.]+, |usageError\((?:c|nil), |summary: )"([a-z_.]+)"`)
	var keys []string
	for _, dir := range []string{"..", "../blocks"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range lit.FindAllStringSubmatch(string(src), -1) {
				if !strings.HasSuffix(m[1], ".") { // a prefix completed at run time; covered below
					keys = append(keys, m[1])
				}
			}
		}
	}
	if len(keys) < 80 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for _, k := range coach.Kinds {
		keys = append(keys, "kind."+string(k))
	}
	for _, s := range coach.Stages {
		keys = append(keys, "stage."+string(s))
	}
	for _, h := range []coach.Host{coach.HostUs, coach.HostPartner, coach.HostBoth} {
		keys = append(keys, "host."+string(h))
	}
	for _, k := range coach.ContributionKinds {
		keys = append(keys, "contrib."+string(k))
	}
	for _, v := range []coach.Verdict{coach.VerdictBalanced, coach.VerdictLeaning, coach.VerdictLopsided, coach.VerdictNoData} {
		keys = append(keys, "balance.verdict."+string(v))
	}
	for _, d := range coach.ReminderKinds {
		keys = append(keys, "reminder.kind."+string(d.Kind))
	}
	keys = append(keys, "dir.gave", "dir.got", "part.party", "part.component", "balance.ahead.us", "balance.ahead.partner",
		"checklist.group.must", "checklist.group.nice", "op.command", "op.click",
		// "op." + a form's callback ID (bot/blocks/modals.go).
		"op.partner.add", "op.ledger.log", "op.event.webinar", "op.deal.complexity")
	for _, k := range keys {
		m, ok := catalog[k]
		if !ok {
			t.Errorf("key %q is used but not in the catalog", k)
			continue
		}
		if m.EN == "" || m.FR == "" {
			t.Errorf("key %q lacks English or French", k)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		l    Locale
		key  string
		n    int
		want string
	}{
		{EN, "n.deal", 0, "0 deals"}, {EN, "n.deal", 1, "1 deal"}, {EN, "n.deal", 2, "2 deals"},
		{FR, "n.deal", 0, "0 affaire"}, {FR, "n.deal", 1, "1 affaire"}, {FR, "n.deal", 2, "2 affaires"},
		{EN, "n.contribution", 1, "1 contribution"}, {FR, "n.contribution", 3, "3 apports"},
		{FR, "n.month", 1, "1 mois"}, {FR, "n.month", 12, "12 mois"},
	} {
		if got := Count(c.l, c.key, c.n); got != c.want {
			t.Errorf("Count(%s, %s, %d) = %q, want %q", c.l, c.key, c.n, got, c.want)
		}
	}
	for _, c := range []struct {
		l    Locale
		w    coach.Window
		want string
	}{
		{EN, coach.Window{Months: 12}, "12 months"}, {EN, coach.Window{Days: 1}, "1 day"},
		{FR, coach.Window{Months: 3}, "3 mois"}, {FR, coach.Window{Months: 1, Days: 15}, "1 mois 15 jours"},
	} {
		if got := Window(c.l, c.w); got != c.want {
			t.Errorf("Window(%s, %+v) = %q, want %q", c.l, c.w, got, c.want)
		}
	}
	// Every counted entry has both forms in both languages.
	for key, m := range catalog {
		if strings.HasPrefix(key, "n.") && (strings.Count(m.EN, "|") != 1 || strings.Count(m.FR, "|") != 1) {
			t.Errorf("%s: want \"singular|plural\" in both languages, got %q / %q", key, m.EN, m.FR)
		}
	}
}
