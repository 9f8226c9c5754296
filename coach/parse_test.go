package coach_test

import (
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Acme Cloud":           "acme-cloud",
		"  Société Générale  ": "societe-generale",
		"<!channel> & Co.":     "channel-co",
		"Straße 42 GmbH":       "strasse-42-gmbh",
		"!!!":                  "",
		"Ünïcødé ☁️ cloud":     "unicode-cloud",
		"a-very-long-name-that-goes-on-and-on-and-on-forever-and-ever": "a-very-long-name-that-goes-on-and-on-and-on-fore",
	} {
		if got := coach.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseAmount(t *testing.T) {
	for _, tt := range []struct {
		in, cur string
		want    int64
	}{
		{"12500", "EUR", 1250000},
		{"12,500.50", "EUR", 1250050},
		{"12 500,50", "EUR", 1250050},
		{"12.500,50", "EUR", 1250050},
		{"12,500", "USD", 1250000},
		{"12,5", "EUR", 1250},
		{"12.5k", "EUR", 1250000},
		{"1.2M", "USD", 120000000},
		{"0", "EUR", 0},
		{"1500", "JPY", 1500},
		{".5", "GBP", 50},
	} {
		got, err := coach.ParseAmount(tt.in, tt.cur)
		if err != nil || got.Amount != tt.want || got.Currency != tt.cur {
			t.Errorf("ParseAmount(%q, %s) = %+v, %v; want %d", tt.in, tt.cur, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "-5", "+5", "abc", "1e5", "12.3456", "NaN", "99999999999999999999", "1.234k5", "5 EUR"} {
		if _, err := coach.ParseAmount(bad, "EUR"); coach.ErrorCode(err) != coach.EINVALID {
			t.Errorf("ParseAmount(%q) = %v, want EINVALID", bad, err)
		}
	}
	if _, err := coach.ParseAmount("10", "XXX"); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("unknown currency accepted: %v", err)
	}
}

func TestFormatMoney(t *testing.T) {
	m := coach.Money{Amount: 1250050, Currency: "EUR"}
	if got := coach.FormatMoney(m, "en"); got != "EUR 12,500.50" {
		t.Errorf("en: got %q", got)
	}
	if got := coach.FormatMoney(m, "fr-FR"); got != "12\u202f500,50 EUR" {
		t.Errorf("fr: got %q", got)
	}
	if got := coach.FormatMoney(coach.Money{Amount: 1500, Currency: "JPY"}, "en"); got != "JPY 1,500" {
		t.Errorf("JPY: got %q", got)
	}
}

func TestParsers(t *testing.T) {
	kinds := map[string]coach.Kind{"isv": coach.KindSoftwareVendor, "SI": coach.KindIntegrator, "IaaS": coach.KindCloudOperator, "managed services": coach.KindManagedServices, "reseller": coach.KindReseller}
	for in, want := range kinds {
		if got, err := coach.ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := coach.ParseKind("resel"); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("ParseKind(resel): %v", err)
	}
	if st, err := coach.ParseStage("At Risk"); err != nil || st != coach.StageAtRisk {
		t.Errorf("ParseStage(At Risk) = %q, %v", st, err)
	}
	if d, err := coach.ParseDirection("got"); err != nil || d != coach.Got {
		t.Errorf("ParseDirection(got) = %q, %v", d, err)
	}
	if _, err := coach.ParseDirection("took"); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("ParseDirection(took): %v", err)
	}
	if k, err := coach.ParseContributionKind("Leads"); err != nil || k != coach.ContribLead {
		t.Errorf("ParseContributionKind(Leads) = %q, %v", k, err)
	}
	if k, err := coach.ParseContributionKind("comarketing"); err != nil || k != coach.ContribCoMarketing {
		t.Errorf("ParseContributionKind(comarketing) = %q, %v", k, err)
	}
	for in, want := range map[string]coach.Window{"": coach.DefaultWindow, "90d": {Days: 90}, "6 months": {Months: 6}, "1y": {Months: 12}, "quarter": {Months: 3}} {
		if got, err := coach.ParseWindow(in); err != nil || got != want {
			t.Errorf("ParseWindow(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0d", "-3m", "10 decades", "99y"} {
		if _, err := coach.ParseWindow(bad); coach.ErrorCode(err) != coach.EINVALID {
			t.Errorf("ParseWindow(%q): %v", bad, err)
		}
	}
}

func TestClosest(t *testing.T) {
	cmds := []string{"balance", "checklist", "list", "log", "health"}
	for in, want := range map[string]string{"balnce": "balance", "chec": "checklist", "helth": "health", "zzz": ""} {
		if got := coach.Closest(in, cmds); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}
