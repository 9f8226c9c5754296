package coach

import (
	"strings"
	"time"
	"unicode"
)

// sideWords maps what people type (slugged) to a side, English and French.
var sideWords = map[string]CommitSide{
	"us": CommitUs, "we": CommitUs, "our": CommitUs, "ours": CommitUs, "nous": CommitUs, "moi": CommitUs, "me": CommitUs,
	"partner": CommitPartner, "partners": CommitPartner, "them": CommitPartner, "they": CommitPartner, "theirs": CommitPartner,
	"partenaire": CommitPartner, "eux": CommitPartner,
	"both": CommitBoth, "joint": CommitBoth, "together": CommitBoth, "ensemble": CommitBoth, "tous": CommitBoth, "les-deux": CommitBoth, "commun": CommitBoth,
}

// ParseCommitSide reads who keeps a commitment: us, partner or both (with their
// English and French synonyms).
func ParseCommitSide(s string) (CommitSide, error) {
	if sd, ok := sideWords[Slug(s)]; ok {
		return sd, nil
	}
	return "", FieldError("side", "commitment.side.unknown", s)
}

// ParseCommitmentStatus reads a commitment's status: open, done or dropped.
func ParseCommitmentStatus(s string) (CommitmentStatus, error) {
	switch Slug(s) {
	case "open", "reopen", "todo", "ouvert", "a-faire":
		return CommitmentOpen, nil
	case "done", "fait", "tenu", "kept":
		return CommitmentDone, nil
	case "dropped", "drop", "abandonne", "abandon":
		return CommitmentDropped, nil
	}
	return "", FieldError("status", "commitment.status.unknown", s)
}

// ParseDue reads a commitment's due day as ParseDate reads it, in loc (UTC
// when nil): its midnight there. Days before 2000 or more than five years
// ahead are refused as typos; whether a past day is allowed is the use
// case's call (a new commitment cannot be due yesterday, an edited late one
// keeps its day).
func ParseDue(s string, now time.Time, loc *time.Location) (time.Time, error) {
	d, err := ParseDate(s, now, loc)
	if err != nil {
		return time.Time{}, FieldError("due", "commitment.due.invalid", s)
	}
	if d.Year() < 2000 || d.After(now.AddDate(5, 0, 0)) {
		return time.Time{}, FieldError("due", "commitment.due.range", s)
	}
	return d, nil
}

// ParsePersonName reads a free person name ("@Marie" or "Marie Dupont"):
// the leading @s dropped, spaces collapsed, at most MaxPersonNameLen.
func ParsePersonName(s string) (string, error) {
	// Every leading @ and space goes, after cleaning (a control character
	// between two @ must not leave one behind).
	name := strings.Join(strings.Fields(strings.TrimLeftFunc(CleanText(s), func(r rune) bool { return r == '@' || unicode.IsSpace(r) })), " ")
	if err := validText("person", "commitment.person", name, 0, MaxPersonNameLen); err != nil {
		return "", err
	}
	return name, nil
}

// ParseCommitmentTitle reads a commitment's title: spaces collapsed, 1 to
// MaxCommitmentTitleLen characters.
func ParseCommitmentTitle(s string) (string, error) {
	t := strings.Join(strings.Fields(CleanText(s)), " ")
	if err := validText("title", "commitment.title", t, 1, MaxCommitmentTitleLen); err != nil {
		return "", err
	}
	return t, nil
}

// CommitmentWords is what "/partner commit <partner> <side> <due> <title…>
// [@person]" says after the partner's name.
type CommitmentWords struct {
	Side       CommitSide
	Due        time.Time
	Title      string
	PersonName string // a trailing "@Name" that is not a Slack mention
}

// ParseCommitmentWords reads "<side> <due> <title…> [@name]". The caller
// (the bot) has already taken a Slack user mention off the end. Missing
// pieces give "commitment.usage" so the caller can open the form instead.
func ParseCommitmentWords(words []string, now time.Time, loc *time.Location) (CommitmentWords, error) {
	var w CommitmentWords
	if len(words) < 3 {
		return w, FieldError("", "commitment.usage")
	}
	var err error
	if w.Side, err = ParseCommitSide(words[0]); err != nil {
		return CommitmentWords{}, err
	}
	if w.Due, err = ParseDue(words[1], now, loc); err != nil {
		return CommitmentWords{}, err
	}
	rest := words[2:]
	if last := rest[len(rest)-1]; len(rest) > 1 && strings.HasPrefix(last, "@") && len(last) > 1 {
		if w.PersonName, err = ParsePersonName(last); err != nil {
			return CommitmentWords{}, err
		}
		rest = rest[:len(rest)-1]
	}
	if w.Title, err = ParseCommitmentTitle(strings.Join(rest, " ")); err != nil {
		return CommitmentWords{}, err
	}
	return w, nil
}
