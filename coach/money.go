package coach

import (
	"fmt"
	"strconv"
	"strings"
)

// currencyDigits gives the minor-unit exponent of the ISO 4217 currencies we
// accept. A short list on purpose: an unknown code is more often a typo
// ("EURO", "USS") than a currency a partnership team really uses.
var currencyDigits = map[string]int{
	"EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "SEK": 2, "NOK": 2, "DKK": 2,
	"PLN": 2, "CZK": 2, "HUF": 2, "RON": 2, "INR": 2, "CNY": 2, "HKD": 2, "SGD": 2, "BRL": 2, "MXN": 2,
	"ZAR": 2, "AED": 2, "SAR": 2, "ILS": 2, "TRY": 2, "MAD": 2, "TWD": 2, "THB": 2, "MYR": 2, "IDR": 2,
	"PHP": 2, "TND": 3, "KWD": 3, "BHD": 3, "XOF": 0, "XAF": 0, "ISK": 0, "CLP": 0, "JPY": 0, "KRW": 0,
}

// ParseCurrency reads an ISO 4217 code ("eur" → "EUR"); €, $ and £ stand for
// EUR, USD and GBP.
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
	return "", FieldError("currency", "contribution.currency.unknown", s)
}

// MaxAmount bounds amounts (in minor units) far below int64 overflow, so sums
// over a ledger cannot overflow either.
const MaxAmount = 1_000_000_000_000_000

// groupSeparators may split thousands in the integer part ("12 500", "12'500").
// '.' and ',' may too, once splitDecimal has decided they are not decimal.
const groupSeparators = " \u00a0\u202f'_"

// ParseAmount reads a non-negative amount in currency (an ISO code, or what
// ParseCurrency reads) into minor units without floating point: "12500", "12,500.50", "12 500,50", "12.5k", "1.2M". Thousands must be
// grouped by three ("1,2,3" is refused rather than read as 123).
func ParseAmount(s, currency string) (Money, error) {
	digits, ok := currencyDigits[currency]
	if !ok {
		// "eur" or "€": read it as ParseCurrency does (this used to return
		// an empty Money and no error for them).
		c, err := ParseCurrency(currency)
		if err != nil {
			return Money{}, err
		}
		currency, digits = c, currencyDigits[c]
	}
	bad := func() (Money, error) {
		return Money{}, FieldError("amount", "contribution.amount.invalid", s)
	}
	t := strings.ToLower(strings.TrimSpace(s))
	mult := 0
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 3, strings.TrimSpace(strings.TrimSuffix(t, "k"))
	case strings.HasSuffix(t, "m"):
		mult, t = 6, strings.TrimSpace(strings.TrimSuffix(t, "m"))
	}
	if !strings.ContainsAny(t, "0123456789") {
		return bad()
	}
	intPart, frac := splitDecimal(t, mult > 0, digits)
	intPart, ok = ungroup(intPart)
	if !ok || !allDigits(frac) {
		return bad()
	}
	scale := digits + mult
	for len(frac) > scale && strings.HasSuffix(frac, "0") {
		frac = frac[:len(frac)-1] // "0.500" EUR is fifty cents: trailing zeros are not precision
	}
	if len(frac) > scale {
		return Money{}, FieldError("amount", "contribution.amount.precision", s, currency, digits)
	}
	// The k/M suffix is folded into the scale: "12.5k" in EUR is 12.5 × 10^(2+3) cents.
	frac += strings.Repeat("0", scale-len(frac))
	n, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil || n > MaxAmount {
		return Money{}, FieldError("amount", "contribution.amount.too_large", s)
	}
	return Money{Amount: n, Currency: currency}, nil
}

// splitDecimal finds the decimal separator: with both '.' and ',' present it is
// the last one; with one of them, used once, it is decimal unless exactly three
// digits follow it without a k/M suffix ("12,500" is twelve thousand five
// hundred, "12.5k", "12,50" and "0,500" are decimal). In a currency with
// three decimals (KWD, TND, BHD) three digits after the mark are decimals:
// "1.500" is one and a half dinars, as its users and FormatMoney write it.
func splitDecimal(t string, suffixed bool, digits int) (string, string) {
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
	case len(t)-i-1 == 3 && !suffixed && i > 0 && t[0] != '0' && digits < 3:
		return t, "" // a thousands group: nobody writes "0,500" for five hundred
	}
	return t[:i], t[i+1:]
}

// ungroup removes thousands separators from an integer part after checking
// they are used the usual way: one kind of separator, a first group of one to
// three digits, then groups of exactly three. An empty part (".5") is zero.
func ungroup(s string) (string, bool) {
	if s == "" {
		return "0", true
	}
	i := strings.IndexFunc(s, func(r rune) bool { return r == '.' || r == ',' || strings.ContainsRune(groupSeparators, r) })
	if i < 0 {
		return s, allDigits(s)
	}
	sep := []rune(s[i:])[0]
	groups := strings.Split(s, string(sep))
	for j, g := range groups {
		if !allDigits(g) || g == "" || len(g) > 3 || (j > 0 && len(g) != 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatMoney renders an amount for a locale: "EUR 12,500.50" in English,
// "12 500,50 EUR" in French (narrow no-break space between thousands). The ISO
// code rather than a symbol keeps "$" from meaning USD, CAD and AUD at once.
func FormatMoney(m Money, locale string) string {
	digits := currencyDigits[m.Currency]
	neg := m.Amount < 0
	a := m.Amount
	if neg {
		a = -a
	}
	p := int64(1)
	for range digits {
		p *= 10
	}
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
