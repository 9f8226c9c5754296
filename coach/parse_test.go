package coach_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

// wantInvalid fails unless err is an EINVALID *coach.Error with a key, a field
// and a message, as every parser error must be for the bot to translate it.
func wantInvalid(t *testing.T, err error, key string) {
	t.Helper()
	var e *coach.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a *coach.Error", err)
	}
	if e.Code != coach.EINVALID || e.Key != key || e.Field == "" {
		t.Fatalf("got code %q key %q field %q, want EINVALID %s with a field", e.Code, e.Key, e.Field, key)
	}
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Acme Cloud", "acme-cloud"},
		{"  Société Générale  ", "societe-generale"},
		{"<!channel> & Co.", "channel-co"},
		{"Straße 42 GmbH", "strasse-42-gmbh"},
		{"Œuvre Ça Ñandú", "oeuvre-ca-nandu"},
		{"--Acme--", "acme"},
		{"!!!", ""},
		{"", ""},
		{"Ünïcødé ☁️ cloud", "unicode-cloud"},
		{"東京 Cloud", "東京-cloud"},
		{"Яндекс Облако", "yandeks-oblako"},
		{"Київстар", "kiyivstar"},
		{"华为技术", "华为技术"},
		{"شركة الاتصالات", "شركة-الاتصالات"},
		{"Ελληνική", "elliniki"},
		{"Łódź Kraków", "lodz-krakow"},
		{"Cafe\u0301", "cafe"},
		{"Acme\u200b\u202eduolC", "acmeduolc"},
		{"a-very-long-name-that-goes-on-and-on-and-on-forever-and-ever", "a-very-long-name-that-goes-on-and-on-and-on-fore"},
		{strings.Repeat("ab ", 16) + "cd", strings.TrimSuffix(strings.Repeat("ab-", 16), "-")}, // never ends on a cut dash
	} {
		if got := coach.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := coach.Slug(tt.in); len(got) > coach.MaxSlugLen {
			t.Errorf("Slug(%q) is %d bytes, want at most %d", tt.in, len(got), coach.MaxSlugLen)
		}
	}
}

func TestParseKind(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]coach.Kind{
			"reseller": coach.KindReseller, "Resellers": coach.KindReseller, "VAR": coach.KindReseller,
			"disti": coach.KindDistributor, "SI": coach.KindIntegrator, "system integrator": coach.KindIntegrator, "ESN": coach.KindIntegrator,
			"isv": coach.KindSoftwareVendor, "ISVs": coach.KindSoftwareVendor, "editor": coach.KindSoftwareVendor, "Éditeur": coach.KindSoftwareVendor,
			"software publisher": coach.KindSoftwareVendor, "msp": coach.KindManagedServices, "managed services": coach.KindManagedServices,
			"IaaS": coach.KindCloudOperator, "cloud": coach.KindCloudOperator, "operator": coach.KindCloudOperator, "CSP": coach.KindCloudOperator,
			"cloud-operator": coach.KindCloudOperator, "tech": coach.KindTechnology, " technology ": coach.KindTechnology,
		} {
			if got, err := coach.ParseKind(in); err != nil || got != want {
				t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		for _, in := range []string{"resel", "", "s", "alien", "reseller;drop"} {
			_, err := coach.ParseKind(in)
			wantInvalid(t, err, "partner.kind.unknown")
			if !strings.Contains(err.Error(), "reseller, distributor") {
				t.Errorf("ParseKind(%q): error %q does not list the kinds", in, err)
			}
		}
	})
}

func TestParseStage(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]coach.Stage{
			"prospect": coach.StageProspect, "Evaluating": coach.StageEvaluating, "at risk": coach.StageAtRisk,
			"At-Risk": coach.StageAtRisk, "atrisk": coach.StageAtRisk, "ENDED": coach.StageEnded,
		} {
			if got, err := coach.ParseStage(in); err != nil || got != want {
				t.Errorf("ParseStage(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		for _, in := range []string{"", "risky", "pro"} {
			_, err := coach.ParseStage(in)
			wantInvalid(t, err, "partner.stage.unknown")
		}
	})
}

func TestParseDirection(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]coach.Direction{
			"gave": coach.Gave, "Give": coach.Gave, "to": coach.Gave, " got ": coach.Got, "received": coach.Got, "FROM": coach.Got,
		} {
			if got, err := coach.ParseDirection(in); err != nil || got != want {
				t.Errorf("ParseDirection(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		for _, in := range []string{"", "took", "gavegot"} {
			_, err := coach.ParseDirection(in)
			wantInvalid(t, err, "contribution.direction.unknown")
		}
	})
}

func TestParseContributionKind(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]coach.ContributionKind{
			"lead": coach.ContribLead, "Leads": coach.ContribLead, "deals": coach.ContribDeal, "revenue": coach.ContribRevenue,
			"resale": coach.ContribResale, "comarketing": coach.ContribCoMarketing, "Co-Marketing": coach.ContribCoMarketing,
			"intro": coach.ContribIntroduction, "introductions": coach.ContribIntroduction,
		} {
			if got, err := coach.ParseContributionKind(in); err != nil || got != want {
				t.Errorf("ParseContributionKind(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		for _, in := range []string{"", "gift", "s"} {
			_, err := coach.ParseContributionKind(in)
			wantInvalid(t, err, "contribution.kind.unknown")
		}
	})
}

func TestParseCurrency(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]string{"eur": "EUR", " usd ": "USD", "JPY": "JPY", "krw": "KRW", "€": "EUR", "£": "GBP", "$": "USD"} {
			if got, err := coach.ParseCurrency(in); err != nil || got != want {
				t.Errorf("ParseCurrency(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		for _, in := range []string{"", "EURO", "XXX", "eu", "€€"} {
			_, err := coach.ParseCurrency(in)
			wantInvalid(t, err, "contribution.currency.unknown")
			if coach.ErrorCode(err) != coach.EINVALID || !strings.Contains(err.Error(), "contribution.currency.unknown") {
				t.Errorf("ParseCurrency(%q): error %q, want contribution.currency.unknown", in, err)
			}
		}
	})
}

func TestParseAmount(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for _, tt := range []struct {
			in, cur string
			want    int64
		}{
			{"12500", "EUR", 1250000},
			{"12,500.50", "EUR", 1250050},
			{"12 500,50", "EUR", 1250050},
			{"12\u202f500,50", "EUR", 1250050},
			{"12.500,50", "EUR", 1250050},
			{"1'234'567.10", "CHF", 123456710},
			{"1,234,567", "USD", 123456700},
			{"1.234.567", "EUR", 123456700},
			{"12,500", "USD", 1250000},
			{"12,5", "EUR", 1250},
			{"12.5k", "EUR", 1250000},
			{"12,5 k", "EUR", 1250000},
			{"1.2M", "USD", 120000000},
			{"3m", "EUR", 300000000},
			{"0", "EUR", 0},
			{"5.", "EUR", 500},
			{".5", "GBP", 50},
			{"1500", "JPY", 1500},
			{"1.5k", "JPY", 1500},
			{"1,5", "TND", 1500},
			{"1.500", "KWD", 1500},             // three decimals: one and a half dinars, as FormatMoney writes it
			{"1\u202f500,000", "KWD", 1500000}, // the French form of KWD 1,500.000
			{"1,500.000", "KWD", 1500000},
			{".500", "EUR", 50},
			{"0,500", "EUR", 50},
			{"10.0", "JPY", 10},
			{"10000000000000", "EUR", 1_000_000_000_000_000}, // MaxAmount exactly
		} {
			got, err := coach.ParseAmount(tt.in, tt.cur)
			if err != nil || got != (coach.Money{Amount: tt.want, Currency: tt.cur}) {
				t.Errorf("ParseAmount(%q, %s) = %+v, %v; want %d", tt.in, tt.cur, got, err, tt.want)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []string{"", " ", ".", "k", "-5", "+5", "- 5", "abc", "1e5", "NaN", "Inf", "0x10", "1.234k5", "5 EUR", "€5",
			"1,2,3", "1.2.3", "12  500", "1 234,567", "12,34,567", "1234,567,890", "١٢", "1_2"} {
			_, err := coach.ParseAmount(in, "EUR")
			wantInvalid(t, err, "contribution.amount.invalid")
		}
	})
	t.Run("ErrPrecision", func(t *testing.T) {
		for _, tt := range []struct{ in, cur string }{{"12.3456", "EUR"}, {"0.001", "USD"}, {"10.5", "JPY"}, {"1.234567k", "EUR"}, {"0.125", "EUR"}, {"12.3450", "EUR"}} {
			_, err := coach.ParseAmount(tt.in, tt.cur)
			wantInvalid(t, err, "contribution.amount.precision")
		}
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		for _, in := range []string{"99999999999999999999", "10000000000000.01", "9223372036854775807", "999999999M"} {
			_, err := coach.ParseAmount(in, "EUR")
			wantInvalid(t, err, "contribution.amount.too_large")
		}
	})
	t.Run("ErrCurrency", func(t *testing.T) {
		_, err := coach.ParseAmount("10", "XXX")
		wantInvalid(t, err, "contribution.currency.unknown")
	})
}

func TestFormatMoney(t *testing.T) {
	for _, tt := range []struct {
		m            coach.Money
		locale, want string
	}{
		{coach.Money{Amount: 1250050, Currency: "EUR"}, "en", "EUR 12,500.50"},
		{coach.Money{Amount: 1250050, Currency: "EUR"}, "fr-FR", "12\u202f500,50 EUR"},
		{coach.Money{Amount: 1500, Currency: "JPY"}, "en", "JPY 1,500"},
		{coach.Money{Amount: 5, Currency: "USD"}, "en", "USD 0.05"},
		{coach.Money{Amount: 0, Currency: "EUR"}, "fr", "0,00 EUR"},
		{coach.Money{Amount: -123456789, Currency: "GBP"}, "en", "GBP -1,234,567.89"},
		{coach.Money{Amount: 1234, Currency: "TND"}, "en", "TND 1.234"},
	} {
		if got := coach.FormatMoney(tt.m, tt.locale); got != tt.want {
			t.Errorf("FormatMoney(%+v, %s) = %q, want %q", tt.m, tt.locale, got, tt.want)
		}
	}
	// What FormatMoney writes, ParseAmount reads back.
	for _, m := range []coach.Money{{Amount: 1250050, Currency: "EUR"}, {Amount: 99, Currency: "USD"}, {Amount: 123456789, Currency: "KRW"}, {Amount: 1500, Currency: "KWD"}, {Amount: 1500000, Currency: "BHD"}} {
		for _, l := range []string{"en", "fr"} {
			s := coach.FormatMoney(m, l)
			num := strings.TrimSpace(strings.ReplaceAll(s, m.Currency, ""))
			if got, err := coach.ParseAmount(num, m.Currency); err != nil || got != m {
				t.Errorf("ParseAmount(FormatMoney(%+v, %s) = %q) = %+v, %v", m, l, s, got, err)
			}
		}
	}
}

func TestParseWindow(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]coach.Window{
			"": coach.DefaultWindow, "12m": {Months: 12}, "6 months": {Months: 6}, "90d": {Days: 90}, "2w": {Days: 14},
			"1y": {Months: 12}, "q": {Months: 3}, "Quarter": {Months: 3}, "year": {Months: 12}, "3 mois": {Months: 3},
		} {
			if got, err := coach.ParseWindow(in); err != nil || got != want {
				t.Errorf("ParseWindow(%q) = %+v, %v; want %+v", in, got, err, want)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []string{"0d", "-3m", "m", "12", "10 decades", "99y", "61m", "99999999999999999999d", "1.5y",
			"768614336404564651y", "1317624576693539401w"} {
			_, err := coach.ParseWindow(in)
			wantInvalid(t, err, "balance.window.invalid")
		}
	})
	t.Run("String", func(t *testing.T) {
		for w, want := range map[coach.Window]string{{Months: 12}: "12m", {Days: 90}: "90d", {Months: 1, Days: 2}: "1m2d"} {
			if got := w.String(); got != want {
				t.Errorf("%+v.String() = %q, want %q", w, got, want)
			}
		}
	})
}

func TestClosest(t *testing.T) {
	cmds := []string{"balance", "checklist", "list", "log", "health"}
	for in, want := range map[string]string{"balnce": "balance", "chec": "checklist", "helth": "health", "LIST": "list", "zzz": "", "": ""} {
		if got := coach.Closest(in, cmds); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := coach.Closest("x", nil); got != "" {
		t.Errorf("Closest with no candidates = %q, want empty", got)
	}
}
