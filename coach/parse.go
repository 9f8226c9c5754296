package coach

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var kindAliases = map[string]Kind{
	"reseller": KindReseller, "resellers": KindReseller, "var": KindReseller,
	"distributor": KindDistributor, "distributors": KindDistributor, "disti": KindDistributor,
	"integrator": KindIntegrator, "si": KindIntegrator, "ssii": KindIntegrator, "esn": KindIntegrator,
	"software-publisher": KindSoftwareVendor, "publisher": KindSoftwareVendor, "isv": KindSoftwareVendor, "editeur": KindSoftwareVendor, "software": KindSoftwareVendor,
	"msp": KindManagedServices, "managed-services": KindManagedServices, "managed-service-provider": KindManagedServices,
	"cloud-operator": KindCloudOperator, "cloud": KindCloudOperator, "iaas": KindCloudOperator, "operator": KindCloudOperator, "csp": KindCloudOperator,
	"technology": KindTechnology, "tech": KindTechnology,
}

// ParseKind reads a partner kind, accepting common aliases ("isv", "si", "msp", "iaas").
func ParseKind(s string) (Kind, error) {
	if k, ok := kindAliases[Slug(s)]; ok {
		return k, nil
	}
	return "", FieldError("kind", "partner.kind.unknown", "%q is not a partner kind I know. Use one of: %s.", s, joinKinds())
}

func joinKinds() string {
	var names []string
	for _, k := range Kinds {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// ParseStage reads a partnership stage ("at risk" and "at-risk" both work).
func ParseStage(s string) (Stage, error) {
	slug := Slug(s)
	if slug == "atrisk" {
		slug = string(StageAtRisk)
	}
	for _, st := range Stages {
		if string(st) == slug {
			return st, nil
		}
	}
	names := make([]string, len(Stages))
	for i, st := range Stages {
		names[i] = string(st)
	}
	return "", FieldError("stage", "partner.stage.unknown", "%q is not a stage. Use one of: %s.", s, strings.Join(names, ", "))
}

// ParseDirection reads who brought a contribution: gave (we → partner) or got (partner → us).
func ParseDirection(s string) (Direction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "gave", "give", "to", "out":
		return Gave, nil
	case "got", "get", "received", "from", "in":
		return Got, nil
	}
	return "", FieldError("direction", "contribution.direction.unknown", "%q is not a direction. Use gave (we brought business to the partner) or got (the partner brought business to us).", s)
}

// ParseContributionKind reads a contribution kind, plurals and "intro" included.
func ParseContributionKind(s string) (ContributionKind, error) {
	slug := strings.TrimSuffix(Slug(s), "s")
	switch slug {
	case "comarketing", "marketing":
		slug = string(ContribCoMarketing)
	case "intro":
		slug = string(ContribIntroduction)
	}
	for _, k := range ContributionKinds {
		if string(k) == slug {
			return k, nil
		}
	}
	names := make([]string, len(ContributionKinds))
	for i, k := range ContributionKinds {
		names[i] = string(k)
	}
	return "", FieldError("kind", "contribution.kind.unknown", "%q is not a contribution kind. Use one of: %s.", s, strings.Join(names, ", "))
}

// currencyDigits gives the minor-unit exponent of the ISO 4217 currencies we accept.
var currencyDigits = map[string]int{
	"EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "SEK": 2, "NOK": 2, "DKK": 2,
	"PLN": 2, "CZK": 2, "HUF": 2, "RON": 2, "INR": 2, "CNY": 2, "HKD": 2, "SGD": 2, "BRL": 2, "MXN": 2,
	"ZAR": 2, "AED": 2, "SAR": 2, "ILS": 2, "TRY": 2, "MAD": 2, "TND": 3, "XOF": 0, "JPY": 0, "KRW": 0,
}

// ParseCurrency reads an ISO 4217 code ("eur" → "EUR").
func ParseCurrency(s string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(s))
	switch c {
	case "€":
		c = "EUR"
	case "$":
		c = "USD"
	case "£":
		c = "GBP"
	}
	if _, ok := currencyDigits[c]; ok {
		return c, nil
	}
	return "", FieldError("currency", "contribution.currency.unknown", "%q is not a currency I know. Use a three-letter ISO code such as EUR, USD or GBP.", s)
}

// MaxAmount bounds amounts (in minor units) far below int64 overflow.
const MaxAmount = 1_000_000_000_000_000

// ParseAmount reads a non-negative amount into minor units without floating
// point: "12500", "12,500.50", "12 500,50", "12.5k", "1.2M".
func ParseAmount(s, currency string) (Money, error) {
	digits, ok := currencyDigits[currency]
	if !ok {
		_, err := ParseCurrency(currency)
		return Money{}, err
	}
	bad := func() (Money, error) {
		return Money{}, FieldError("amount", "contribution.amount.invalid", "%q is not an amount I can read. Write it like 12500, 12,500.50 or 12.5k (no minus sign).", s)
	}
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "_", "", "'", "").Replace(t)
	mult := 0
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 3, strings.TrimSuffix(t, "k")
	case strings.HasSuffix(t, "m"):
		mult, t = 6, strings.TrimSuffix(t, "m")
	}
	if t == "" || strings.ContainsAny(t, "+-") {
		return bad()
	}
	intPart, frac := splitDecimal(t, mult > 0)
	intPart = strings.NewReplacer(",", "", ".", "").Replace(intPart)
	if intPart == "" {
		intPart = "0"
	}
	for _, part := range []string{intPart, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return bad()
			}
		}
	}
	scale := digits + mult
	if len(frac) > scale {
		return Money{}, FieldError("amount", "contribution.amount.precision", "%q has more decimals than %s allows (%d).", s, currency, digits)
	}
	frac += strings.Repeat("0", scale-len(frac))
	// The k/M suffix is folded into the scale: "12.5k" in EUR is 12.5 × 10^(2+3) cents.
	n, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil || n > MaxAmount {
		return Money{}, FieldError("amount", "contribution.amount.too_large", "%q is too large.", s)
	}
	return Money{Amount: n, Currency: currency}, nil
}

// splitDecimal finds the decimal separator: with both '.' and ',' present it is
// the last one; with one of them, used once, it is decimal unless exactly three
// digits follow it without a k/M suffix ("12,500" is twelve thousand five
// hundred, "12.5k" and "12,50" are decimal).
func splitDecimal(t string, suffixed bool) (string, string) {
	i := strings.LastIndexAny(t, ".,")
	if i < 0 {
		return t, ""
	}
	sep := t[i : i+1]
	other := map[string]string{".": ",", ",": "."}[sep]
	switch {
	case strings.Contains(t[:i], other):
		return t[:i], t[i+1:]
	case strings.Count(t, sep) > 1:
		return t, ""
	case len(t)-i-1 == 3 && !suffixed:
		return t, ""
	}
	return t[:i], t[i+1:]
}

// FormatMoney renders an amount for a locale: "EUR 12,500.50" in English,
// "12 500,50 EUR" in French.
func FormatMoney(m Money, locale string) string {
	digits := currencyDigits[m.Currency]
	neg := m.Amount < 0
	a := m.Amount
	if neg {
		a = -a
	}
	p := int64(math.Pow10(digits))
	whole, frac := a/p, a%p
	fr := strings.HasPrefix(locale, "fr")
	sep, dec := ",", "."
	if fr {
		sep, dec = "\u202f", ","
	}
	ws := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, r := range ws {
		if i > 0 && (len(ws)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	num := b.String()
	if digits > 0 {
		num += dec + fmt.Sprintf("%0*d", digits, frac)
	}
	if neg {
		num = "-" + num
	}
	if fr {
		return num + " " + m.Currency
	}
	return m.Currency + " " + num
}

// Window is a look-back period for the balance.
type Window struct {
	Months int
	Days   int
}

// DefaultWindow is the balance window when none is given: twelve months.
var DefaultWindow = Window{Months: 12}

// Start returns the beginning of the window ending at now.
func (w Window) Start(now time.Time) time.Time { return now.AddDate(0, -w.Months, -w.Days) }

func (w Window) String() string {
	switch {
	case w.Months > 0 && w.Days == 0:
		return fmt.Sprintf("%dm", w.Months)
	case w.Months == 0:
		return fmt.Sprintf("%dd", w.Days)
	}
	return fmt.Sprintf("%dm%dd", w.Months, w.Days)
}

// ParseWindow reads "12m", "6 months", "90d", "1y", "quarter". Empty gives DefaultWindow.
func ParseWindow(s string) (Window, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	switch t {
	case "":
		return DefaultWindow, nil
	case "q", "quarter":
		return Window{Months: 3}, nil
	case "year":
		return Window{Months: 12}, nil
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(t[:i])
	unit := t[i:]
	bad := FieldError("window", "balance.window.invalid", "%q is not a window I can read. Write it like 12m, 90d or 1y (up to 5 years).", s)
	if err != nil || n <= 0 {
		return Window{}, bad
	}
	var w Window
	switch unit {
	case "d", "day", "days", "j", "jours":
		w = Window{Days: n}
	case "w", "week", "weeks":
		w = Window{Days: 7 * n}
	case "m", "mo", "month", "months", "mois":
		w = Window{Months: n}
	case "y", "year", "years", "an", "ans":
		w = Window{Months: 12 * n}
	default:
		return Window{}, bad
	}
	if w.Months > 60 || w.Days > 5*366 {
		return Window{}, bad
	}
	return w, nil
}
