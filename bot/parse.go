package bot

import (
	"strconv"
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
	return coach.Partner{}, nil, err
}

// parseAdd reads add <name…> [kind] [@owner] [#channel]. Names may have
// spaces, so recognisable tokens are taken off the end: a channel, an owner,
// a kind. The user adding it owns it, in this channel, unless they say otherwise.
func parseAdd(args []string, user, channel string) (coach.NewPartner, error) {
	in := coach.NewPartner{Owner: user, Channel: channel}
	for len(args) > 1 {
		last := args[len(args)-1]
		if id, ok := mention(last, "#"); ok {
			in.Channel = id
		} else if id, ok := mention(last, "@"); ok {
			in.Owner = id
		} else if k, ok := kindWord(last); ok && in.Kind == "" {
			in.Kind = k
		} else {
			break
		}
		args = args[:len(args)-1]
	}
	in.Name = strings.Join(args, " ")
	if in.Name == "" {
		return in, usageError(nil, "need_name")
	}
	return in, nil
}

// kindWord recognises a kind at the end of "add": only the canonical names
// and unambiguous acronyms, so a name like "Acme Cloud" keeps its last word.
func kindWord(tok string) (coach.Kind, bool) {
	t := strings.ToLower(tok)
	for _, k := range coach.Kinds {
		if string(k) == t {
			return k, true
		}
	}
	switch t {
	case "isv":
		return coach.KindSoftwareVendor, true
	case "si", "ssii", "esn":
		return coach.KindIntegrator, true
	case "var":
		return coach.KindReseller, true
	}
	return "", false
}

// logArgs is what log <partner> gave|got <amount> <currency> <kind> [note…] says
// after the partner.
type logArgs struct {
	dir    coach.Direction
	amount coach.Money
	kind   coach.ContributionKind
	note   string
}

func parseLog(rest []string) (logArgs, error) {
	if len(rest) < 4 {
		return logArgs{}, usageError(nil, "log_args")
	}
	dir, err := coach.ParseDirection(rest[0])
	if err != nil {
		return logArgs{}, err
	}
	cur, err := coach.ParseCurrency(rest[2])
	if err != nil {
		return logArgs{}, err
	}
	amount, err := coach.ParseAmount(rest[1], cur)
	if err != nil {
		return logArgs{}, err
	}
	kind, err := coach.ParseContributionKind(rest[3])
	if err != nil {
		return logArgs{}, err
	}
	return logArgs{dir: dir, amount: amount, kind: kind, note: strings.Join(rest[4:], " ")}, nil
}

// parseWebinar reads <YYYY-MM-DD> <HH:MM> [title…] in loc; the title may
// be empty (the handler gives a default one).
func parseWebinar(rest []string, loc *time.Location) (time.Time, string, error) {
	if len(rest) < 2 {
		return time.Time{}, "", usageError(nil, "webinar_args")
	}
	start, err := time.ParseInLocation("2006-01-02 15:04", rest[0]+" "+rest[1], loc)
	if err != nil {
		return time.Time{}, "", usageError(nil, "webinar_when", rest[0]+" "+rest[1])
	}
	return start, strings.Join(rest[2:], " "), nil
}

// parseComplexity reads <deal>: <part> [party|component] <n>%, …
func parseComplexity(rest []string) (string, []coach.Part, error) {
	name, partsText, ok := strings.Cut(strings.Join(rest, " "), ":")
	if !ok || strings.TrimSpace(name) == "" {
		return "", nil, usageError(nil, "complexity_args")
	}
	var parts []coach.Part
	for _, raw := range strings.Split(partsText, ",") {
		f := strings.Fields(raw)
		if len(f) < 2 {
			return "", nil, usageError(nil, "complexity_part", strings.TrimSpace(raw))
		}
		pct, err := strconv.Atoi(strings.TrimSuffix(f[len(f)-1], "%"))
		if err != nil {
			return "", nil, usageError(nil, "complexity_part", strings.TrimSpace(raw))
		}
		kind := coach.PartParty
		words := f[:len(f)-1]
		if k := strings.ToLower(words[len(words)-1]); len(words) > 1 && (k == "component" || k == "party") {
			kind = coach.PartKind(k)
			words = words[:len(words)-1]
		}
		parts = append(parts, coach.Part{Name: strings.Join(words, " "), Kind: kind, Chance: pct})
	}
	return name, parts, nil
}
