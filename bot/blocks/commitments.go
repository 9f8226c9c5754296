package blocks

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// The joint plan's commitments (issue 16): the list with its buttons and
// the form that adds or edits one.

// ModalCommitment is the form that adds a commitment, or edits the one its
// metadata's Entry names.
const ModalCommitment = "commitment.form"

// Inputs of the commitment form (coach.Error.Field values map onto them).
const (
	FieldSide       = "side"
	FieldDue        = "due"
	FieldPerson     = "person"
	FieldPersonName = "person_name"
)

// Action IDs of the list's buttons. Done, reopen, edit and delete carry a
// CommitmentRef; undo a CommitmentUndo.
const (
	ActionCommitDone   = "commitment.done"
	ActionCommitReopen = "commitment.reopen"
	ActionCommitEdit   = "commitment.edit"
	ActionCommitDelete = "commitment.delete"
	ActionCommitUndo   = "commitment.undo"
	ActionCommitAdd    = "commitment.add" // value: a partner ID
)

// MaxCommitmentsShown bounds the list: two blocks each stay well inside
// Slack's 50 blocks per message.
const MaxCommitmentsShown = 20

// CommitmentRef names a commitment in a button's value: "<partner>|<id>".
type CommitmentRef struct{ PartnerID, ID string }

func (r CommitmentRef) String() string { return r.PartnerID + "|" + r.ID }

// DecodeCommitmentRef reads a CommitmentRef.
func DecodeCommitmentRef(s string) (CommitmentRef, error) {
	p, id, ok := strings.Cut(s, "|")
	if !ok || p == "" || id == "" || len(id) > 64 || strings.Contains(id, "|") || coach.Slug(p) != p {
		return CommitmentRef{}, fmt.Errorf("commitment ref %q", s)
	}
	return CommitmentRef{PartnerID: p, ID: id}, nil
}

// CommitmentUndo is what an Undo button takes back: a status change
// (Status is the one to go back to) or a deletion (Deleted is the whole
// commitment to put back).
type CommitmentUndo struct {
	Ref     CommitmentRef          `json:"r"`
	Status  coach.CommitmentStatus `json:"s,omitempty"`
	Deleted *coach.Commitment      `json:"d,omitempty"`
}

// Encode writes the undo as a button value.
func (u CommitmentUndo) Encode() string { b, _ := json.Marshal(u); return string(b) }

// DecodeCommitmentUndo reads an Undo button's value.
func DecodeCommitmentUndo(s string) (CommitmentUndo, error) {
	var u CommitmentUndo
	if err := json.Unmarshal([]byte(s), &u); err != nil {
		return u, fmt.Errorf("commitment undo: %w", err)
	}
	if _, err := DecodeCommitmentRef(u.Ref.String()); err != nil || (u.Status == "") == (u.Deleted == nil) {
		return u, fmt.Errorf("commitment undo %q", s)
	}
	if u.Deleted != nil && (u.Deleted.ID != u.Ref.ID || u.Deleted.PartnerID != u.Ref.PartnerID) {
		return u, fmt.Errorf("commitment undo names two commitments")
	}
	return u, nil
}

// CommitmentLine is one commitment in words: status, title, who, when.
func CommitmentLine(l i18n.Locale, c coach.Commitment, now time.Time) string {
	icon := map[coach.CommitmentStatus]string{coach.CommitmentOpen: ":white_circle:", coach.CommitmentDone: ":white_check_mark:", coach.CommitmentDropped: ":heavy_minus_sign:"}[c.Status]
	who := i18n.T(l, "commit.side."+string(c.Side))
	switch {
	case c.Person != "":
		who += " · " + Mention(c.Person)
	case c.PersonName != "":
		who += " · " + Escape(c.PersonName)
	}
	title := "*" + Escape(c.Title) + "*"
	if c.Status != coach.CommitmentOpen {
		title = "~" + Escape(c.Title) + "~"
	}
	due := i18n.T(l, "commit.due", i18n.Day(l, c.Due))
	if c.Late(now) {
		icon = ":warning:"
		due = i18n.T(l, "commit.late", i18n.Day(l, c.Due), -c.DueIn(now))
	}
	return fmt.Sprintf("%s %s — %s — %s", icon, title, who, due)
}

// Commitments renders a partner's joint plan: counts, then each commitment
// with its buttons, open ones first. note, when set, says what a click just
// did, with its Undo button.
func Commitments(l i18n.Locale, p coach.Partner, cs []coach.Commitment, now time.Time, note string, undo *CommitmentUndo) []slack.Block {
	bl := []slack.Block{Header(Truncate(i18n.T(l, "commit.title", p.Name), 150))}
	if note != "" {
		if undo != nil && len(undo.Encode()) > 2000 {
			undo = nil // past Slack's limit for a button value (a very long title full of escaped characters)
		}
		if undo != nil {
			bl = append(bl, slack.NewSectionBlock(mrkdwn(note), nil, slack.NewAccessory(Button(ActionCommitUndo, i18n.T(l, "commit.undo_button"), undo.Encode(), ""))))
		} else {
			bl = append(bl, Section(note))
		}
	}
	n := coach.CountCommitments(cs, now)
	bl = append(bl, Context(i18n.T(l, "commit.counts", n.Open, n.Late, n.Done, n.Dropped)))
	if len(cs) == 0 {
		bl = append(bl, Section(i18n.T(l, "commit.empty", Escape(p.ID))))
	}
	ordered := append([]coach.Commitment(nil), cs...)
	// Open ones first (by due day, as stored), then the rest.
	open := ordered[:0:0]
	rest := ordered[:0:0]
	for _, c := range ordered {
		if c.Status == coach.CommitmentOpen {
			open = append(open, c)
		} else {
			rest = append(rest, c)
		}
	}
	ordered = append(open, rest...)
	for i, c := range ordered {
		if i == MaxCommitmentsShown {
			bl = append(bl, Context(i18n.T(l, "commit.more", len(ordered)-i)))
			break
		}
		ref := CommitmentRef{PartnerID: p.ID, ID: c.ID}.String()
		tick := Button(ActionCommitDone, i18n.T(l, "commit.done_button"), ref, slack.StylePrimary)
		if c.Status != coach.CommitmentOpen {
			tick = Button(ActionCommitReopen, i18n.T(l, "commit.reopen_button"), ref, "")
		}
		bl = append(bl, Section(CommitmentLine(l, c, now)),
			Actions("commitment."+Truncate(c.ID, 200), tick,
				Button(ActionCommitEdit, i18n.T(l, "commit.edit_button"), ref, ""),
				Button(ActionCommitDelete, i18n.T(l, "commit.delete_button"), ref, slack.StyleDanger)))
	}
	bl = append(bl, Actions("commitment.new", Button(ActionCommitAdd, i18n.T(l, "commit.add_button"), p.ID, "")))
	return bl
}

// CommitmentForm is the form's values for an existing commitment.
func CommitmentForm(c coach.Commitment) Form {
	f := Form{FieldSide: string(c.Side), FieldTitle: c.Title, FieldDue: c.Due.Format(time.DateOnly)}
	if c.Person != "" {
		f[FieldPerson] = c.Person
	}
	if c.PersonName != "" {
		f[FieldPersonName] = c.PersonName
	}
	return f
}

// CommitmentModal adds a commitment, or edits the one meta.Entry names.
func CommitmentModal(meta ModalMeta, partners []coach.Partner, vals Form, errs FormErrors, today string) slack.ModalViewRequest {
	l := meta.Locale
	meta.Form = ModalCommitment
	sides := make([][2]string, 0, len(coach.CommitSides))
	for _, s := range coach.CommitSides {
		sides = append(sides, [2]string{string(s), i18n.T(l, "commit.side."+string(s))})
	}
	due := slack.NewDatePickerBlockElement(FieldDue)
	due.InitialDate = orDefault(vals[FieldDue], today)
	person := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, nil, FieldPerson)
	person.InitialUser = vals[FieldPerson]
	bl := partnerInput(meta, partners, vals)
	bl = append(bl,
		input(l, FieldSide, "commit.form.side", "", false, selectInput(FieldSide, orDefault(vals[FieldSide], string(coach.CommitUs)), sides)),
		input(l, FieldTitle, "commit.form.title_label", "commit.form.title_hint", false, textInput(FieldTitle, vals[FieldTitle], coach.MaxCommitmentTitleLen, false)),
		input(l, FieldDue, "commit.form.due", "", false, due),
		input(l, FieldPerson, "commit.form.person", "commit.form.person_hint", true, person),
		input(l, FieldPersonName, "commit.form.person_name", "commit.form.person_name_hint", true, textInput(FieldPersonName, vals[FieldPersonName], coach.MaxPersonNameLen, false)),
	)
	if meta.Entry != "" {
		return modal(meta, "commit.form.edit_title", "commit.form.save", errs, bl)
	}
	return modal(meta, "commit.form.title", "commit.form.submit", errs, bl)
}

// CommitmentDue is what a commitment's person is told before it falls due.
func CommitmentDue(l i18n.Locale, p coach.Partner, cs []coach.Commitment, now time.Time) []slack.Block {
	bl := []slack.Block{Header(Truncate(i18n.T(l, "commit.remind.title", p.Name), 150))}
	for _, c := range cs {
		when := i18n.T(l, "commit.remind.today")
		if d := c.DueIn(now); d > 0 {
			when = i18n.T(l, "commit.remind.in_days", d)
		}
		bl = append(bl, Section(CommitmentLine(l, c, now)+"\n"+when),
			Actions("commitment."+Truncate(c.ID, 200), Button(ActionCommitDone, i18n.T(l, "commit.done_button"), CommitmentRef{PartnerID: p.ID, ID: c.ID}.String(), slack.StylePrimary)))
	}
	return bl
}
