package bot

import (
	"context"
	"log/slog"
	"strings"
	"unicode"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// call is one /partner invocation as the handlers see it. Its answer goes
// with c.reply (respond, post, showForm…), which settles the late notice and
// may release the dedupe claim.
type call struct {
	reply               *reply
	team, user, channel string
	responseURL         string
	triggerID           string
	locale              i18n.Locale
	args                []string
	cmd                 *command
}

// command is one row of the /partner table: it routes and it documents.
type command struct {
	name     string
	aliases  []string
	usage    string // after "/partner "
	summary  string // catalog key
	examples []string
	run      func(b *Bot, ctx context.Context, c *call) error
}

// commands is the single table behind routing and help. Every command has
// a French name too (an alias), as every value it reads has French words.
var commands []*command

func init() {
	remindUse, remindersUse := remindUsage()
	commands = []*command{
		{name: "help", aliases: []string{"aide"}, usage: "help", summary: "cmd.help", run: (*Bot).cmdHelp},
		{name: "add", aliases: []string{"new", "ajouter"}, usage: "add [<name> [kind] [@owner] [#channel]]", summary: "cmd.add", examples: []string{"add", "add Acme Cloud cloud-operator", "add \"Globex Integration\" integrator @alice #globex"}, run: (*Bot).cmdAdd},
		{name: "list", aliases: []string{"ls", "liste"}, usage: "list [filter]", summary: "cmd.list", examples: []string{"list", "list reseller"}, run: (*Bot).cmdList},
		{name: "show", aliases: []string{"voir"}, usage: "show <partner>", summary: "cmd.show", examples: []string{"show acme"}, run: (*Bot).cmdShow},
		{name: "checklist", aliases: []string{"cl"}, usage: "checklist <partner> [selection|launch] [met|not-met|open <item> [note]]", summary: "cmd.checklist", examples: []string{"checklist acme launch"}, run: (*Bot).cmdChecklist},
		{name: "log", aliases: []string{"noter"}, usage: "log [<partner> [gave|got <amount> <currency> <kind> [note]]]", summary: "cmd.log", examples: []string{"log", "log acme got 12k EUR deal first joint deal", "log acme gave 12 500,50 EUR lead"}, run: (*Bot).cmdLog},
		{name: "balance", aliases: []string{"bilan"}, usage: "balance <partner> [window]", summary: "cmd.balance", examples: []string{"balance acme 6m"}, run: (*Bot).cmdBalance},
		{name: "webinar", aliases: []string{"webinaire"}, usage: "webinar [<partner> [<date> <time> [title]]]", summary: "cmd.webinar", examples: []string{"webinar acme", "webinar acme 2026-12-10 14:00 Cloud cost clinic", "webinar acme tomorrow 9h30"}, run: (*Bot).cmdWebinar},
		{name: "events", aliases: []string{"événements", "evenements"}, usage: "events <partner> [cancel|move <n> [<date> <time>]]", summary: "cmd.events", examples: []string{"events acme", "events acme cancel 1", "events acme move 1 2026-12-17 15:00"}, run: (*Bot).cmdEvents},
		{name: "complexity", aliases: []string{"complexité", "complexite"}, usage: "complexity [<partner> [<deal>[: <part> <chance>%, …]]]", summary: "cmd.complexity", examples: []string{"complexity acme Big Bank", "complexity acme Big Bank: Bank 90%, Acme 80%, GPU cluster component 60%"}, run: (*Bot).cmdComplexity},
		{name: "health", aliases: []string{"santé", "sante"}, usage: "health [partner]", summary: "cmd.health", run: (*Bot).cmdHealth},
		{name: "tip", aliases: []string{"tips", "conseil", "conseils"}, usage: "tip <partner>", summary: "cmd.tip", run: (*Bot).cmdTip},
		{name: "stage", aliases: []string{"étape", "etape"}, usage: "stage <partner> <stage>", summary: "cmd.stage", examples: []string{"stage acme active"}, run: (*Bot).cmdStage},
		{name: "archive", aliases: []string{"archiver"}, usage: "archive <partner>", summary: "cmd.archive", run: (*Bot).cmdArchive},
		{name: "remind", aliases: []string{"rappel"}, usage: remindUse, summary: "cmd.remind", examples: []string{"remind acme balance monthly", "remind acme webinar CRON_TZ=Europe/Paris 0 9 * * 1", "remind digest weekly"}, run: (*Bot).cmdRemind},
		{name: "reminders", aliases: []string{"rappels"}, usage: remindersUse, summary: "cmd.reminders", examples: []string{"reminders", "reminders pause acme webinar"}, run: (*Bot).cmdReminders},
		{name: "ledger", aliases: []string{"registre"}, usage: "ledger <partner> [window]", summary: "cmd.ledger", examples: []string{"ledger acme", "ledger acme 3m"}, run: (*Bot).cmdLedger},
		{name: "deals", aliases: []string{"affaires"}, usage: "deals <partner>", summary: "cmd.deals", examples: []string{"deals acme"}, run: (*Bot).cmdDeals},
		// Issue 16: the joint plan.
		{name: "commit", aliases: []string{"engager"}, usage: "commit [<partner> [us|partner|both <due> <title> [@person]]]", summary: "cmd.commit", examples: []string{"commit acme", "commit acme partner 2026-12-15 train two sellers @Marie", "commit acme us tomorrow send the price list @alice"}, run: (*Bot).cmdCommit},
		{name: "commitments", aliases: []string{"engagements"}, usage: "commitments <partner>", summary: "cmd.commitments", examples: []string{"commitments acme"}, run: (*Bot).cmdCommitments},
		{name: "unarchive", aliases: []string{"restore", "restaurer", "désarchiver"}, usage: "unarchive <partner>", summary: "cmd.unarchive", examples: []string{"unarchive acme"}, run: (*Bot).cmdUnarchive},
		// Issue 17: spreadsheet import.
		{name: "import", aliases: []string{"importer"}, usage: "import", summary: "cmd.import", run: (*Bot).cmdImport},
		// Issue 16: the quarterly joint review.
		{name: "review", aliases: []string{"revue", "qbr"}, usage: "review <partner> [quarter]", summary: "qbr.cmd", examples: []string{"review acme", "review acme 2026Q4", "review acme this"}, run: (*Bot).cmdReview},
		// Living plan (issue 16).
		{name: "plan", usage: "plan <partner>", summary: "cmd.plan", examples: []string{"plan acme"}, run: (*Bot).cmdPlan},
		// Exports (issue 17).
		{name: "export", aliases: []string{"exporter"}, usage: "export [partners|ledger|events|commitments|all] [partner]", summary: "cmd.export", examples: []string{"export", "export ledger acme"}, run: (*Bot).cmdExport},
	}
}

func lookupCommand(name string) *command {
	name = strings.ToLower(name)
	for _, c := range commands {
		if c.name == name {
			return c
		}
		for _, a := range c.aliases {
			if a == name {
				return c
			}
		}
	}
	return nil
}

func helpEntries(l i18n.Locale) []blocks.HelpEntry {
	out := make([]blocks.HelpEntry, 0, len(commands))
	for _, c := range commands {
		out = append(out, blocks.HelpEntry{Usage: c.usage, Summary: i18n.T(l, c.summary), Examples: c.examples})
	}
	return out
}

// tokenize splits command text on spaces, keeping "quoted phrases" whole.
func tokenize(s string) []string {
	var out []string
	var cur strings.Builder
	quote := rune(0)
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
			out = append(out, cur.String())
			cur.Reset()
		case quote == 0 && (r == '"' || r == '“' || r == '”'):
			flush()
			quote = '"'
			if r == '“' {
				quote = '”'
			}
		case quote == 0 && unicode.IsSpace(r):
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

var unescapeEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// onCommand routes one /partner invocation, answered with rp.
func (b *Bot) onCommand(ctx context.Context, rp *reply, sc slack.SlashCommand) {
	l := b.lookups.locale(ctx, sc.UserID)
	defer b.recoverPanic(ctx, rp, l, sc.ResponseURL, "command")
	if sc.Command != "/partner" {
		b.log.Warn("slash command not ours; ignored", slog.String("command", blocks.Truncate(sc.Command, 32)))
		return
	}
	c := &call{reply: rp, team: sc.TeamID, user: sc.UserID, channel: sc.ChannelID, responseURL: sc.ResponseURL, triggerID: sc.TriggerID, locale: l}
	var word string
	c.cmd, word, c.args = parseCommand(sc.Text)
	if c.cmd == nil {
		names := make([]string, 0, len(commands))
		for _, cmd := range commands {
			names = append(names, cmd.name)
			names = append(names, cmd.aliases...) // a French user's typo is near a French name
		}
		text := i18n.T(l, "unknown_command", blocks.Escape(blocks.Truncate(word, 40)))
		if guess := coach.Closest(word, names); guess != "" {
			text += " " + i18n.T(l, "did_you_mean", "/partner "+lookupCommand(guess).usage)
		}
		text += "\n" + i18n.T(l, "see_help")
		_ = b.respond(ctx, rp, sc.ResponseURL, "ephemeral", blocks.Notice(":thinking_face: "+text))
		return
	}
	finish, dup := b.claimCommand(ctx, c, sc.Text)
	if dup {
		return
	}
	err := c.cmd.run(b, ctx, c)
	// Settle the claim before answering: a user told to try again may do so
	// at once, and must not be refused as a duplicate.
	finish(err)
	if err != nil {
		b.fail(ctx, rp, l, sc.ResponseURL, c.cmd.name, err, c.cmd.usage)
	}
}

// usageError reports missing or malformed arguments for the command.
func usageError(c *call, key string, args ...any) error {
	return coach.NewError(coach.EINVALID, key, args...)
}

// findPartner resolves the partner named by the longest run of leading
// arguments that matches one (names may have spaces: "checklist Acme Cloud
// launch"), and returns the arguments left after it.
func (b *Bot) findPartner(ctx context.Context, c *call) (coach.Partner, []string, error) {
	if len(c.args) == 0 {
		return coach.Partner{}, nil, usageError(c, "need_partner")
	}
	return b.findLeading(ctx, c.team, c.args) // issue 15: through the index
}

// HelpEntries documents every /partner subcommand in the locale ("en",
// "fr"), from the same table as routing and the in-Slack help: for help
// shown outside Slack, such as a composer's usage hint.
func HelpEntries(locale i18n.Locale) []blocks.HelpEntry { return helpEntries(locale) }
