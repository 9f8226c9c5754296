package bot

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Fuzz targets for what reaches the bot from Slack: /partner text and
// block_actions payloads. Each goes through the pure step the handlers use
// (parse.go, click.go), so what is fuzzed is what runs. Seeds are below and
// in testdata/fuzz/<FuzzName>/; CI runs each for a few seconds (.ci/run).

// userError fails unless err is an error the user is shown as such (bad
// input, not found…), never "something went wrong".
func userError(t *testing.T, what string, err error) {
	t.Helper()
	switch coach.ErrorCode(err) {
	case coach.EINVALID, coach.ENOTFOUND, coach.EAMBIGUOUS:
	default:
		t.Fatalf("%s: %#v is not a user error", what, err)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"add Acme Cloud cloud-operator", `add "Globex Integration" integrator @alice #globex`, "add “Société Générale” isv",
		`"unterminated`, `""`, `a""b`, "tab\tand\nnewline", "\u00a0nbsp\u2003em", `“”“”`, `"“"”`, "\xff\xfe", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := tokenize(s)
		n := 0
		for _, tok := range toks {
			n += utf8.RuneCountInString(tok)
		}
		if n > utf8.RuneCountInString(s) {
			t.Fatalf("tokenize(%q) = %q: more text out than in", s, toks)
		}
		if !utf8.ValidString(s) {
			return
		}
		// Without quotes, tokens are exactly the space-separated fields.
		if !strings.ContainsAny(s, "\"“”") && !slices.Equal(toks, strings.Fields(s)) {
			t.Fatalf("tokenize(%q) = %q, want strings.Fields %q", s, toks, strings.Fields(s))
		}
		// Quoting each token and joining them gives the same tokens back.
		quotable := true
		var b strings.Builder
		for _, tok := range toks {
			if strings.ContainsAny(tok, "\"“”") {
				quotable = false
			}
			b.WriteString(` "` + tok + `"`)
		}
		if quotable && len(toks) > 0 {
			if back := tokenize(b.String()); !slices.Equal(back, toks) {
				t.Fatalf("tokenize(%q) = %q; quoted back %q gives %q", s, toks, b.String(), back)
			}
		}
	})
}

func FuzzMention(f *testing.F) {
	for _, s := range []string{"<@U0BOB|bob>", "<@U0BOB>", "<#C0PARTNERS|partners>", "<#C1>", "<@>", "<#|x>", "<@!channel>", "<@U1><!here>",
		"<#C1><!here>", "<@u0bob>", "@alice", "<@U0BOB", "<>", "<@", ">"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		for _, sigil := range []string{"@", "#"} {
			id, ok := mention(tok, sigil)
			if !ok {
				if id != "" {
					t.Fatalf("mention(%q, %s) = %q but not ok", tok, sigil, id)
				}
				continue
			}
			// An ID is Slack's form: it renders as a mention and nothing more.
			if id == "" || len(id) > 32 || strings.ContainsFunc(id, func(r rune) bool { return !unicode.IsUpper(r) && !unicode.IsDigit(r) || r > unicode.MaxASCII }) {
				t.Fatalf("mention(%q, %s) = %q: not a Slack ID", tok, sigil, id)
			}
			if !strings.HasPrefix(tok, "<"+sigil+id) {
				t.Fatalf("mention(%q, %s) = %q: not the reference's ID", tok, sigil, id)
			}
			if back, ok := mention("<"+sigil+id+"|label>", sigil); !ok || back != id {
				t.Fatalf("mention of %q does not read back: %q, %v", id, back, ok)
			}
		}
	})
}

// fuzzPartners is the team the command fuzzer talks about.
var fuzzPartners = []coach.Partner{
	{ID: "acme-cloud", Name: "Acme Cloud", Stage: coach.StageActive},
	{ID: "acme-data", Name: "Acme Data", Stage: coach.StageProspect},
	{ID: "globex", Name: "Globex", Archived: true},
	{ID: "societe-generale", Name: "Société Générale"},
}

// FuzzCommand routes /partner text as onCommand does, resolves the partner
// as findPartner does, and runs the command's own argument parser.
func FuzzCommand(f *testing.F) {
	for _, s := range []string{"", "help", "add Acme Cloud cloud-operator", `add "Globex Integration" integrator <@U0BOB|bob> <#C0G|globex>`,
		"add &lt;!channel&gt; <@U0BOB>", "list reseller", "show acme cloud", "checklist acme launch", "log acme got 12.5k EUR deal first joint deal",
		"log acme-cloud gave 1,000 € lead", "log acme took 5 EUR deal", "balance acme 6m", "balance acme 768614336404564651y",
		"webinar acme 2026-12-10 14:00 Cloud cost clinic", "webinar acme tomorrow noon", "events acme", "complexity acme Big Bank: Bank 90%, Acme 80%, GPU cluster component 60%",
		"complexity acme Deal: Bank", "complexity acme : x 5%", "complexity acme D: a -5%, b 999999999999%", "stage acme at risk", "archive globex",
		"remind acme balance monthly", "remind digest weekly", "remind acme webinar CRON_TZ=Europe/Paris 0 9 * * 1", "reminders pause acme webinar",
		"health", "tip société", "balnce acme", "LOG ACME GOT 5 EUR DEAL"} {
		f.Add(s)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, word, args := parseCommand(text)
		if cmd == nil {
			if lookupCommand(word) != nil {
				t.Fatalf("%q: %q is a command but was not routed", text, word)
			}
			return
		}
		if cmd.name == "help" && strings.TrimSpace(text) == "" {
			return
		}
		if cmd.name == "add" {
			in, err := parseAdd(args, "U0ME", "C0HERE")
			if err != nil {
				userError(t, "add", err)
				return
			}
			if in.Name == "" || in.Owner == "" || in.Channel == "" {
				t.Fatalf("add %q = %+v: empty field", args, in)
			}
			if in.Kind != "" && !slices.Contains(coach.Kinds, in.Kind) {
				t.Fatalf("add %q: kind %q", args, in.Kind)
			}
			for _, id := range []string{in.Owner, in.Channel} {
				if id != "U0ME" && id != "C0HERE" && blocks.Mention(id) != "<@"+id+">" {
					t.Fatalf("add %q: owner or channel %q is not a Slack ID", args, id)
				}
			}
			return
		}
		p, rest, err := matchLeading(fuzzPartners, args)
		if err != nil {
			userError(t, "partner", err)
			return
		}
		if !slices.ContainsFunc(fuzzPartners, func(q coach.Partner) bool { return q.ID == p.ID }) || len(rest) > len(args) {
			t.Fatalf("%q resolved to %+v, rest %q", args, p, rest)
		}
		switch cmd.name {
		case "log":
			a, err := parseLog(rest)
			if err != nil {
				userError(t, "log", err)
				return
			}
			if a.amount.Amount < 0 || a.amount.Amount > coach.MaxAmount || (a.dir != coach.Gave && a.dir != coach.Got) || !slices.Contains(coach.ContributionKinds, a.kind) {
				t.Fatalf("log %q = %+v: out of bounds", rest, a)
			}
		case "balance":
			if len(rest) > 0 {
				w, err := coach.ParseWindow(strings.Join(rest, " "))
				if err != nil {
					userError(t, "window", err)
				} else if w.Months < 0 || w.Days < 0 || w.Months > 60 || w.Days > 5*366 {
					t.Fatalf("balance %q: window %+v", rest, w)
				}
			}
		case "webinar":
			start, title, err := parseWebinar(rest, time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC), paris)
			if err != nil {
				userError(t, "webinar", err)
				return
			}
			if start.Location() != paris || title == "" && len(rest) >= 3 && strings.TrimSpace(strings.Join(rest[2:], " ")) != "" {
				t.Fatalf("webinar %q = %v %q", rest, start, title)
			}
		case "complexity":
			name, parts, err := parseComplexity(rest)
			if err != nil {
				userError(t, "complexity", err)
				return
			}
			if strings.TrimSpace(name) == "" || len(parts) == 0 {
				t.Fatalf("complexity %q = %q %+v", rest, name, parts)
			}
			for _, pt := range parts {
				if pt.Name == "" || (pt.Kind != coach.PartParty && pt.Kind != coach.PartComponent) {
					t.Fatalf("complexity %q: part %+v", rest, pt)
				}
			}
		case "stage":
			if len(rest) > 0 {
				if st, err := coach.ParseStage(strings.Join(rest, " ")); err != nil {
					userError(t, "stage", err)
				} else if !slices.Contains(coach.Stages, st) {
					t.Fatalf("stage %q = %q", rest, st)
				}
			}
		case "remind":
			if len(rest) > 0 {
				if k, err := coach.ParseReminderKind(rest[0]); err != nil {
					userError(t, "remind", err)
				} else if _, ok := coach.LookupReminderKind(k); !ok {
					t.Fatalf("remind %q: kind %q", rest, k)
				}
			}
		}
	})
}

// FuzzInteraction decodes a block_actions payload as slack-go does for us
// (json.Unmarshal into slack.InteractionCallback), then runs the bot's own
// decoding step. Properties: no panic; the team and user are always the
// payload's; an accepted click is one of our actions with a value we could
// have written; everything else is refused as a user error.
func FuzzInteraction(f *testing.F) {
	mk := func(actionID, value string) string {
		b, _ := json.Marshal(map[string]any{"type": "block_actions", "team": map[string]any{"id": "T0001"}, "user": map[string]any{"id": "U0ALICE", "team_id": "T0002"},
			"response_url": "http://127.0.0.1/response/r1", "container": map[string]any{"type": "message", "channel_id": "C0P", "message_ts": "1.2"},
			"actions": []any{map[string]any{"action_id": actionID, "value": value, "type": "button", "block_id": "b"}}})
		return string(b)
	}
	for _, s := range []string{
		mk(blocks.ActionToggleItem, "acme-cloud|launch|lau-first-deal|1"), mk(blocks.ActionToggleItem, "other-team|launch|x|1"),
		mk(blocks.ActionToggleItem, "Acme Cloud|launch|x|1"), mk(blocks.ActionMarkReviewed, "acme-cloud"), mk(blocks.ActionMarkReviewed, strings.Repeat("a", 5000)),
		mk(blocks.ActionSnooze, "acme-cloud:balance"), mk(blocks.ActionPause, "team:digest"), mk(blocks.ActionPause, "acme"), mk(blocks.ActionHomePage, "1"),
		mk(blocks.ActionHomePage, "-1"), mk(blocks.ActionHomePage, "99999999999999999999"), mk("nope", "x"), mk(blocks.ActionOpenChecklist, "<!channel>"),
		`{"type":"block_actions","team":5}`, `{"type":"block_actions","actions":"x"}`, `{"type":"block_actions","actions":[null]}`, `{"type":"block_actions","actions":[{}]}`,
		`{"type":"view_submission","view":{"state":{"values":{}}}}`, `{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"actions":[{"action_id":"home.page","value":1}]}`,
		`null`, `[]`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		var ic slack.InteractionCallback
		if err := json.Unmarshal(payload, &ic); err != nil {
			return // slack-go reports it as a bad message; the bot answers it (TestE2E_BadPayloads)
		}
		c, err := decodeClick(ic)
		if errors.Is(err, errNotAClick) {
			if ic.Type == slack.InteractionTypeBlockActions && len(ic.ActionCallback.BlockActions) > 0 && ic.ActionCallback.BlockActions[0] != nil {
				t.Fatalf("a click was ignored: %s", payload)
			}
			return
		}
		if c.team != ic.Team.ID || c.user != ic.User.ID {
			t.Fatalf("click %+v does not carry the payload's team %q and user %q", c, ic.Team.ID, ic.User.ID)
		}
		if err != nil {
			userError(t, "click", err)
			return
		}
		if c.team == "" || c.user == "" || len(c.value) > maxValue {
			t.Fatalf("accepted %+v", c)
		}
		switch c.actionID {
		case blocks.ActionToggleItem:
			if c.toggle.Encode() != c.value || coach.Slug(c.toggle.PartnerID) != c.toggle.PartnerID {
				t.Fatalf("toggle %+v from %q", c.toggle, c.value)
			}
		case blocks.ActionHomePage:
			if c.page < 0 || c.page > 10_000 {
				t.Fatalf("page %d", c.page)
			}
		case blocks.ActionMarkReviewed, blocks.ActionLogContribution, blocks.ActionBookWebinar, blocks.ActionOpenChecklist:
			if blocks.Escape(c.value) != c.value || coach.Slug(c.value) != c.value {
				t.Fatalf("partner ID %q", c.value)
			}
		case blocks.ActionSnooze, blocks.ActionPause:
			if blocks.Escape(c.value) != c.value || strings.Count(c.value, ":") != 1 {
				t.Fatalf("reminder ID %q", c.value)
			}
		default:
			t.Fatalf("accepted action %q", c.actionID)
		}
	})
}

// formFields are the inputs a submitted form can carry, in the order
// FuzzSubmission fills them from its values string.
var formFields = []string{blocks.FieldName, blocks.FieldKind, blocks.FieldOwner, blocks.FieldChannel, blocks.FieldStage, blocks.FieldPartner,
	blocks.FieldDirection, blocks.FieldAmount, blocks.FieldCurrency, blocks.FieldDate, blocks.FieldNote, blocks.FieldTitle, blocks.FieldTime,
	blocks.FieldLink, blocks.FieldHost, blocks.FieldDeal,
	blocks.PartField(1, "name"), blocks.PartField(1, "chance"), blocks.PartField(1, "kind"),
	blocks.PartField(2, "name"), blocks.PartField(2, "chance"), blocks.PartField(2, "kind"),
	blocks.PartField(13, "name"), blocks.PartField(13, "chance")}

// FuzzSubmission feeds view_submission contents as a tampered or broken
// client could send them: any private_metadata (decoded by blocks.DecodeMeta)
// and any values in the inputs, read by the form's own pure reader
// (forms.go), as answerSubmission does before acknowledging. Properties: no
// panic; inline errors sit under inputs of the form and say something; a
// form read without errors holds values within the domain's bounds.
func FuzzSubmission(f *testing.F) {
	meta := func(form, partner, tz string, rows int) string {
		return blocks.ModalMeta{Form: form, Locale: "en", Partner: partner, TZ: tz, Rows: rows}.Encode()
	}
	join := func(kv map[string]string) string {
		vals := make([]string, len(formFields))
		for i, k := range formFields {
			vals[i] = kv[k]
		}
		return strings.Join(vals, "\x1f")
	}
	f.Add(meta(blocks.ModalAddPartner, "", "", 0), join(map[string]string{"name": "Acme Cloud", "kind": "cloud-operator", "owner": "U0BOB", "stage": "evaluating"}))
	f.Add(meta(blocks.ModalLog, "acme", "Europe/Paris", 0), join(map[string]string{"direction": "got", "kind": "deal", "currency": "EUR", "amount": "12.5k", "date": "2026-11-20", "note": "<!channel>"}))
	f.Add(meta(blocks.ModalLog, "", "Nowhere/Zone", 0), join(map[string]string{"partner": "acme", "direction": "gave", "kind": "lead", "currency": "€", "amount": "-5", "date": "1999-12-31"}))
	f.Add(meta(blocks.ModalWebinar, "acme", "America/New_York", 0), join(map[string]string{"title": "Cloud clinic", "date": "2099-03-08", "time": "02:30", "host": "partner", "link": "javascript:alert(1)"}))
	f.Add(meta(blocks.ModalComplexity, "acme", "", 13), join(map[string]string{"deal": "Big Bank", "part.1.name": "Bank", "part.1.chance": "90 %", "part.2.name": "bank", "part.2.chance": "0", "part.13.name": "x", "part.13.chance": "5"}))
	f.Add(`{"f":"ledger.log","l":"fr","r":-1,"v":{"x":"y"}}`, "")
	f.Add(`{"f":5}`, "")
	f.Add(strings.Repeat("x", 3001), "")
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	known := map[string]bool{}
	for _, k := range formFields {
		known[k] = true
	}
	f.Fuzz(func(t *testing.T, rawMeta, values string) {
		m, err := blocks.DecodeMeta(rawMeta)
		if err != nil {
			return // answerSubmission closes the modal
		}
		if m.Locale != "en" && m.Locale != "fr" {
			t.Fatalf("DecodeMeta(%q) kept locale %q", rawMeta, m.Locale)
		}
		form := blocks.Form{}
		for i, v := range strings.Split(values, "\x1f") {
			if i < len(formFields) && strings.TrimSpace(v) != "" {
				form[formFields[i]] = strings.TrimSpace(v) // as formValues does
			}
		}
		checkErrs := func(errs blocks.FormErrors) {
			for k, msg := range errs {
				if !known[k] && !strings.HasPrefix(k, "part.") || strings.TrimSpace(msg) == "" {
					t.Fatalf("inline error %q: %q", k, msg)
				}
			}
		}
		switch m.Form {
		case blocks.ModalAddPartner:
			in, errs := addForm(m.Locale, form)
			checkErrs(errs)
			if len(errs) == 0 && (in.Name == "" || utf8.RuneCountInString(in.Name) > coach.MaxNameLen || !slices.Contains(coach.Kinds, in.Kind) ||
				!slices.Contains(coach.Stages, in.Stage) || in.Owner == "") {
				t.Fatalf("add form read as %+v", in)
			}
		case blocks.ModalLog:
			ref, in, errs := logForm(m.Locale, m, form, now)
			checkErrs(errs)
			if len(errs) == 0 && (ref == "" || in.Amount.Amount < 0 || in.Amount.Amount > coach.MaxAmount || in.Date.After(now) || in.Date.Year() < 2000 ||
				utf8.RuneCountInString(in.Note) > 500 || (in.Direction != coach.Gave && in.Direction != coach.Got)) {
				t.Fatalf("log form read as %q %+v", ref, in)
			}
		case blocks.ModalWebinar:
			ref, in, errs := webinarForm(m.Locale, m, form, now)
			checkErrs(errs)
			if len(errs) == 0 && (ref == "" || in.Title == "" || utf8.RuneCountInString(in.Title) > 150 || !in.Start.After(now) ||
				in.Link != "" && !strings.HasPrefix(in.Link, "https://") && !strings.HasPrefix(in.Link, "http://")) {
				t.Fatalf("webinar form read as %q %+v", ref, in)
			}
		case blocks.ModalComplexity:
			ref, deal, parts, errs := complexityForm(m.Locale, m, form)
			checkErrs(errs)
			if len(errs) > 0 {
				return
			}
			if ref == "" || deal == "" || len(parts) == 0 || len(parts) > coach.MaxParts {
				t.Fatalf("complexity form read as %q %q %+v", ref, deal, parts)
			}
			for _, p := range parts {
				if p.Chance < 1 || p.Chance > 100 || p.Name == "" || (p.Kind != coach.PartParty && p.Kind != coach.PartComponent) {
					t.Fatalf("complexity form part %+v", p)
				}
			}
		}
	})
}
