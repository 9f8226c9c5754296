package bot

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// click is a block_actions payload decoded and checked, before any I/O.
// The team and the user come from the payload Slack signs over the socket,
// never from a button's value, so a tampered value cannot reach another
// team's data: it can only name something the team does not have.
type click struct {
	team, user string
	actionID   string
	value      string             // as sent, for the hint buttons
	toggle     blocks.ToggleValue // ActionToggleItem
	page       int                // ActionHomePage
	entry      blocks.EntryRef    // the ledger's buttons and Undo
	pageRef    blocks.PageRef     // the page buttons of long lists
}

// errNotAClick is a payload the bot does not act on (another interaction
// type, or no action): it is acknowledged and left alone.
var errNotAClick = errors.New("not a block_actions click")

// maxValue is Slack's limit for a button value; a longer one was not made by us.
const maxValue = 2000

// decodeClick reads what a click asks for. Errors are user errors (stale or
// tampered buttons) except errNotAClick.
func decodeClick(ic slack.InteractionCallback) (click, error) {
	if ic.Type != slack.InteractionTypeBlockActions || len(ic.ActionCallback.BlockActions) == 0 || ic.ActionCallback.BlockActions[0] == nil {
		return click{}, errNotAClick
	}
	act := ic.ActionCallback.BlockActions[0]
	c := click{team: ic.Team.ID, user: ic.User.ID, actionID: act.ActionID, value: act.Value}
	if c.team == "" || c.user == "" {
		return c, usageError(nil, "unknown_action")
	}
	if len(c.value) > maxValue || !utf8.ValidString(c.value) {
		return c, usageError(nil, "stale_button")
	}
	if isCommitmentAction(c.actionID) { // issue 16: the joint plan's buttons
		return c, decodeCommitmentClick(&c)
	}
	switch c.actionID {
	case blocks.ActionToggleItem:
		v, err := blocks.DecodeToggle(c.value)
		if err != nil || !isSlug(v.PartnerID) {
			return c, usageError(nil, "stale_button")
		}
		c.toggle = v
	case blocks.ActionMarkReviewed, blocks.ActionLogContribution, blocks.ActionBookWebinar, blocks.ActionOpenChecklist:
		if !isSlug(c.value) {
			return c, usageError(nil, "stale_button")
		}
	case blocks.ActionSnooze, blocks.ActionPause:
		// A reminder ID: "<partner>:<kind>" or "team:digest".
		owner, kind, ok := strings.Cut(c.value, ":")
		if !ok || !isSlug(owner) || !isSlug(kind) {
			return c, usageError(nil, "stale_button")
		}
	case blocks.ActionCancelEvent, blocks.ActionRescheduleEvent, blocks.ActionEditDeal:
		partnerID, eventID, ok := blocks.DecodeEvent(c.value)
		if !ok || !isSlug(partnerID) || len(eventID) > 64 {
			return c, usageError(nil, "stale_button")
		}
	case blocks.ActionHomePage:
		page, err := strconv.Atoi(c.value)
		if err != nil || page < 0 || page > 10_000 {
			return c, usageError(nil, "stale_button")
		}
		c.page = page
	case blocks.ActionUndoLog, blocks.ActionEditEntry, blocks.ActionDeleteEntry:
		r, err := blocks.DecodeEntryRef(c.value)
		if err != nil {
			return c, usageError(nil, "stale_button")
		}
		c.entry = r
	case blocks.ActionLedgerPage, blocks.ActionListPage, blocks.ActionHealthPage, blocks.ActionRemindersPage:
		r, err := blocks.DecodePageRef(c.value)
		if err != nil {
			return c, usageError(nil, "stale_button")
		}
		c.pageRef = r
	case blocks.ActionShareReview: // issue 16: "<partner> <quarter>"
		if partnerID, _, ok := blocks.ParseShareValue(c.value); !ok || !isSlug(partnerID) {
			return c, usageError(nil, "stale_button")
		}
	default:
		return c, usageError(nil, "unknown_action")
	}
	return c, nil
}

// isSlug reports whether s could be an ID the bot wrote (coach.Slug's form).
func isSlug(s string) bool { return s != "" && coach.Slug(s) == s }
