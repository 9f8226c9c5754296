package bot

import (
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Pure parsing of /partner arguments: no I/O here, so each piece can be
// fuzzed (fuzz_test.go) and the handlers only call coach and answer.

// parseCommand splits /partner text into the command (nil when unknown), the
// word typed for it, and its arguments. Slack sends &, < and > as entities;
// they are unescaped so the store keeps what the user typed, except in user
// and channel references, which stay whole.
func parseCommand(text string) (cmd *command, word string, args []string) {
	toks := tokenize(text)
	for i, t := range toks {
		if _, isUser := mention(t, "@"); isUser {
			continue
		}
		if _, isChan := mention(t, "#"); isChan {
			continue
		}
		toks[i] = unescapeEntities.Replace(t)
	}
	if len(toks) == 0 {
		toks = []string{"help"}
	}
	return lookupCommand(toks[0]), toks[0], toks[1:]
}

// matchLeading resolves the partner named by the longest run of leading
// arguments that matches one (names may have spaces: "checklist Acme Cloud
// launch"), and returns the arguments left after it.
func matchLeading(all []coach.Partner, args []string) (coach.Partner, []string, error) {
	if len(args) == 0 {
		return coach.Partner{}, nil, usageError(nil, "need_partner")
	}
	for n := len(args); n >= 1; n-- {
		if p, err := coach.MatchPartner(all, strings.Join(args[:n], " ")); err == nil {
			return p, args[n:], nil
		}
	}
	_, err := coach.MatchPartner(all, args[0])
	if code := coach.ErrorCode(err); (code == coach.ENOTFOUND || code == coach.EAMBIGUOUS) && len(args) > 1 {
		// A name of several words with a typo ("Acme Clod launch"): the
		// longest run of leading words close to a name gives the hint.
		names := make([]string, 0, len(all))
		for _, p := range all {
			if !p.Archived {
				names = append(names, p.Name)
			}
		}
		for n := len(args); n >= 2; n-- {
			typed := strings.Join(args[:n], " ")
			if guess := coach.Closest(typed, names); guess != "" {
				return coach.Partner{}, nil, &coach.Error{Code: coach.ENOTFOUND, Field: "partner", Key: "partner.not_found.hint", Args: []any{typed, guess}}
			}
		}
	}
	return coach.Partner{}, nil, err
}

// parseAdd reads add <name…> [kind] [@owner] [#channel]. Names may have
// spaces, so recognisable tokens are taken off the end: a channel, an owner,
// a kind (only one IsKindWord names, so "Acme Cloud" keeps its last word).
// The user adding it owns it, in this channel, unless they say otherwise.
func parseAdd(args []string, user, channel string) (coach.NewPartner, error) {
	in := coach.NewPartner{Owner: user, Channel: channel}
	for len(args) > 1 {
		last := args[len(args)-1]
		if id, ok := channelRef(last); ok {
			in.Channel = id
		} else if id, ok := userRef(last); ok {
			in.Owner = id
		} else if k, err := coach.ParseKind(last); err == nil && coach.IsKindWord(last) && in.Kind == "" {
			in.Kind = k
		} else if near := coach.KindNear(last); near != "" && in.Kind == "" {
			// Never glue a mistyped kind into the name.
			return in, usageError(nil, "add.kind_hint", last, near, strings.Join(args[:len(args)-1], " ")+" "+last)
		} else if strings.HasPrefix(last, "@") || strings.HasPrefix(last, "<@") {
			return in, usageError(nil, "add.not_a_user", last)
		} else if strings.HasPrefix(last, "#") || strings.HasPrefix(last, "<#") {
			return in, usageError(nil, "add.not_a_channel", last)
		} else {
			break
		}
		args = args[:len(args)-1]
	}
	if len(args) == 0 || strings.TrimSpace(strings.Join(args, "")) == "" {
		return in, usageError(nil, "need_name")
	}
	var err error
	in.Name, err = coach.ParsePartnerName(strings.Join(args, " "))
	return in, err
}

// logArgs is what log <partner> gave|got <amount> <currency> <kind> [note…] says
// after the partner.
type logArgs struct {
	dir    coach.Direction
	amount coach.Money
	kind   coach.ContributionKind
	note   string
}

// parseLog reads gave|got <amount> <currency> <kind> [note…]. The amount
// may take several words ("12 500,50", as the form reads it): it runs up to
// the first word that is a currency.
func parseLog(rest []string) (logArgs, error) {
	if len(rest) < 4 {
		return logArgs{}, usageError(nil, "log_args")
	}
	dir, err := coach.ParseDirection(rest[0])
	if err != nil {
		return logArgs{}, err
	}
	at := 2 // the currency's position: without one, report the word where it belongs
	for i := 2; i < len(rest)-1; i++ {
		if _, err := coach.ParseCurrency(rest[i]); err == nil {
			at = i
			break
		}
	}
	cur, err := coach.ParseCurrency(rest[at])
	if err != nil {
		return logArgs{}, err
	}
	amount, err := coach.ParseAmount(strings.Join(rest[1:at], " "), cur)
	if err != nil {
		return logArgs{}, err
	}
	kind, err := coach.ParseContributionKind(rest[at+1])
	if err != nil {
		return logArgs{}, err
	}
	note, err := coach.ParseNote(strings.Join(rest[at+2:], " "))
	if err != nil {
		return logArgs{}, err
	}
	return logArgs{dir: dir, amount: amount, kind: kind, note: note}, nil
}

// parseWebinar reads <date> <time> [title…] in loc: the date and time as
// the form's pickers give them or as people write them ("tomorrow 9h",
// "2026-12-10 14h30"). The title may be empty (the use case gives a default).
func parseWebinar(rest []string, now time.Time, loc *time.Location) (time.Time, string, error) {
	if len(rest) < 2 {
		return time.Time{}, "", usageError(nil, "webinar_args")
	}
	start, err := coach.ParseStart(rest[0], rest[1], now, loc)
	if err != nil {
		return time.Time{}, "", err
	}
	title, err := coach.ParseTitle(strings.Join(rest[2:], " "))
	if err != nil {
		return time.Time{}, "", err
	}
	return start, title, nil
}

// parseComplexity reads <deal>: <part> [party|component] <n>%, …
func parseComplexity(rest []string) (string, []coach.Part, error) {
	name, partsText, ok := strings.Cut(strings.Join(rest, " "), ":")
	if !ok || strings.TrimSpace(name) == "" {
		return "", nil, usageError(nil, "complexity_args")
	}
	name, err := coach.ParseDealName(name)
	if err != nil {
		return "", nil, err
	}
	var parts []coach.Part
	for _, raw := range splitParts(partsText) {
		f := strings.Fields(raw)
		if n := len(f); n > 2 && f[n-1] == "%" { // "Bank 90 %"
			f = append(f[:n-2], f[n-2]+"%")
		}
		if len(f) < 2 {
			return "", nil, usageError(nil, "complexity_part", strings.TrimSpace(raw))
		}
		chance, err := coach.ParseChance(f[len(f)-1])
		if err != nil {
			return "", nil, err
		}
		kind := coach.PartParty
		words := f[:len(f)-1]
		if len(words) > 1 {
			if k, err := coach.ParsePartKind(words[len(words)-1]); err == nil {
				kind, words = k, words[:len(words)-1]
			}
		}
		part, err := coach.ParsePartName(strings.Join(words, " "))
		if err != nil {
			return "", nil, err
		}
		parts = append(parts, coach.Part{Name: part, Kind: kind, Chance: chance})
	}
	return name, parts, nil
}

// splitParts splits a deal's parts on commas, except a decimal comma
// between two digits ("Bank 85,5 %" is one part, whose chance is then
// refused as not whole, saying so).
func splitParts(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		if i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
			continue
		}
		out = append(out, s[start:i])
		start = i + 1
	}
	return append(out, s[start:])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseStage reads stage <partner> <stage…>.
func parseStage(rest []string) (coach.Stage, error) {
	if len(rest) == 0 {
		return "", usageError(nil, "need_stage")
	}
	return coach.ParseStage(strings.Join(rest, " "))
}
