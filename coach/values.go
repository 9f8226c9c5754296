package coach

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// One parser per kind of value a user types or picks. The /partner command
// and its forms both read their inputs with these (and with ParseAmount,
// ParseCurrency, ParseDate, ParseTimeOfDay, ParseKind, ParseStage,
// ParseDirection, ParseContributionKind and ParseWindow), so a value one
// accepts the other accepts too, and a refused one gets the same error.

// kindWords are the kinds a partner's name may end with in "/partner add":
// the canonical names and unambiguous acronyms, not words like "cloud" that
// names often end with ("Acme Cloud").
var kindWords = map[string]bool{"isv": true, "si": true, "ssii": true, "esn": true, "var": true,
	// The French names of the kinds, slugged.
	"revendeur": true, "distributeur": true, "integrateur": true, "editeur": true, "editeur-de-logiciels": true,
	"infogerant": true, "operateur-cloud": true, "hebergeur": true, "technologie": true}

// IsKindWord reports whether s, which ParseKind reads, names a kind plainly
// enough to be taken off the end of a partner's name.
func IsKindWord(s string) bool {
	t := Slug(s)
	for _, k := range Kinds {
		if string(k) == t {
			return true
		}
	}
	return kindWords[t]
}

// ParseChance reads a part's chance of success: a whole percentage from 1 to
// 100, written "90", "90%" or "90 %". A decimal one ("85,5 %") is refused,
// naming the two whole percentages around it: a chance is an estimate, and
// rounding it silently would show a figure nobody typed.
func ParseChance(s string) (int, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	n, err := strconv.Atoi(t)
	if err != nil {
		// "85,5 %" or "85.5": chances are whole percentages; say which two
		// are nearest rather than round silently.
		if f, ferr := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64); ferr == nil && f > 1 && f < 100 {
			return 0, FieldError("chance", "deal.chance.whole", s, int(f), int(f)+1)
		}
	}
	if err != nil || n < 1 || n > 100 {
		return 0, FieldError("chance", "deal.chance.invalid", s)
	}
	return n, nil
}

// ParsePartKind reads whether a part of a deal is a party (an organisation)
// or a component (a piece of the offer); empty is a party.
func ParsePartKind(s string) (PartKind, error) {
	switch strings.TrimSuffix(Slug(s), "s") {
	case "", "party", "partie", "partie-prenante":
		return PartParty, nil
	case "component", "composant":
		return PartComponent, nil
	}
	return "", FieldError("kind", "deal.part_kind.unknown", s)
}

// ParseHost reads who hosts a joint event: us, partner or both; empty means
// whose turn it is (BookEvent decides).
func ParseHost(s string) (Host, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "us", "we", "nous":
		return HostUs, nil
	case "partner", "them", "partenaire":
		return HostPartner, nil
	case "both", "co", "co-hosted", "ensemble":
		return HostBoth, nil
	}
	return "", FieldError("host", "event.host.unknown", s)
}

// ParseLink reads an event's web address; empty is no link.
func ParseLink(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", nil
	}
	u, err := url.Parse(t)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(t) > 3000 {
		return "", FieldError("link", "event.link.invalid")
	}
	return t, nil
}

// MaxTitleLen bounds an event's title.
const MaxTitleLen = 150

// ParseTitle reads an event's title; empty is allowed here (the caller gives
// a default one).
func ParseTitle(s string) (string, error) {
	t := strings.TrimSpace(CleanText(s))
	if err := validText("title", "event.title", t, 0, MaxTitleLen); err != nil {
		return "", err
	}
	return t, nil
}

// MaxNoteLen bounds a contribution's note.
const MaxNoteLen = 500

// ParseNote reads a contribution's note.
func ParseNote(s string) (string, error) {
	t := strings.TrimSpace(CleanText(s))
	if n := utf8.RuneCountInString(t); n > MaxNoteLen {
		return "", FieldError("note", "contribution.note.too_long", n)
	}
	return t, nil
}

// ParseStart reads when a joint event starts: a day as ParseDate reads it
// and a clock time as ParseTimeOfDay reads it, in loc (UTC when nil). It must
// be after now.
func ParseStart(day, clock string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	d, err := ParseDate(day, now, loc)
	if err != nil {
		return time.Time{}, err
	}
	h, m, err := ParseTimeOfDay(clock)
	if err != nil {
		return time.Time{}, err
	}
	start := time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
	if !start.After(now) {
		return time.Time{}, FieldError("start", "event.start.past")
	}
	return start, nil
}

// ParseLogDate reads the day a contribution happened, as ParseDate reads
// it in the user's zone loc: between 2000 and today. Today is now itself;
// another day is its noon, so it stays the same day seen from any zone near
// the user's.
func ParseLogDate(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	d, err := ParseDate(s, now, loc)
	if err != nil {
		return time.Time{}, err
	}
	today := now.In(loc).Format(time.DateOnly)
	switch day := d.Format(time.DateOnly); {
	case day > today || d.Year() < 2000:
		return time.Time{}, FieldError("date", "contribution.date.range")
	case day == today:
		return now, nil
	}
	return d.Add(12 * time.Hour), nil
}

// ParsePartnerName reads a partner's name: spaces collapsed, 1 to
// MaxNameLen characters, some letters or digits (its ID is made of them).
func ParsePartnerName(s string) (string, error) {
	name := strings.Join(strings.Fields(CleanText(s)), " ")
	if err := validText("name", "partner.name", name, 1, MaxNameLen); err != nil {
		return "", err
	}
	if Slug(name) == "" {
		return "", FieldError("name", "partner.name.no_letters", name)
	}
	return name, nil
}

// ParseDealName reads a deal's name, as ParsePartnerName reads a partner's.
func ParseDealName(s string) (string, error) {
	name := strings.Join(strings.Fields(CleanText(s)), " ")
	if err := validText("deal", "deal.name", name, 1, MaxNameLen); err != nil {
		return "", err
	}
	if Slug(name) == "" {
		return "", FieldError("deal", "deal.name.no_letters")
	}
	return name, nil
}

// ParsePartName reads the name of a deal's part.
func ParsePartName(s string) (string, error) {
	name := strings.Join(strings.Fields(CleanText(s)), " ")
	if err := validText("part", "deal.part", name, 1, MaxNameLen); err != nil {
		return "", err
	}
	return name, nil
}
