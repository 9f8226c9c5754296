package blocks

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Callback IDs of the bot's modals.
const (
	ModalAddPartner = "partner.add"
	ModalLog        = "ledger.log"
	ModalWebinar    = "event.webinar"
	ModalComplexity = "deal.complexity"
	// ModalOutcome is the view a submitted form turns into: saving, done or failed.
	ModalOutcome = "modal.outcome"
)

// Action IDs inside modals.
const (
	ActionAddPart    = "complexity.add_part"
	ActionBackToForm = "modal.back"
)

// Block IDs of the form inputs. Each input's action ID is its block ID, and
// coach.Error.Field values map onto them (see FieldBlock).
const (
	FieldName      = "name"
	FieldKind      = "kind"
	FieldOwner     = "owner"
	FieldChannel   = "channel"
	FieldStage     = "stage"
	FieldPartner   = "partner"
	FieldDirection = "direction"
	FieldAmount    = "amount"
	FieldCurrency  = "currency"
	FieldDate      = "date"
	FieldNote      = "note"
	FieldTitle     = "title"
	FieldTime      = "time"
	FieldLink      = "link"
	FieldHost      = "host"
	FieldDeal      = "deal"
)

// DefaultParts is how many part rows a complexity form starts with; "Add a
// part" grows it to coach.MaxParts.
const DefaultParts = 3

// HostTurn is the host option meaning "whoever's turn it is".
const HostTurn = "turn"

// PartField is the block ID of row i's name, kind or chance input.
func PartField(i int, what string) string { return "part." + strconv.Itoa(i) + "." + what }

// Form is what a modal's inputs hold, by block ID: the text typed, or the
// value of the option, date, time, user or conversation picked.
type Form map[string]string

// ModalMeta travels in a modal's private_metadata: what the submission needs
// that the form does not show. The team never travels here: it comes from
// the payload.
type ModalMeta struct {
	Form    string      `json:"f"` // the callback ID of the form
	Locale  i18n.Locale `json:"l"`
	Channel string      `json:"c,omitempty"` // where the modal was opened from
	Partner string      `json:"p,omitempty"` // a partner fixed by the caller
	Name    string      `json:"n,omitempty"` // that partner's name, for display
	Rows    int         `json:"r,omitempty"` // complexity part rows
	TZ      string      `json:"z,omitempty"` // the zone webinar times are read in
	Entry   string      `json:"e,omitempty"` // the ledger entry an edit or delete form changes
	// Redraw is the ledger view the entry was clicked in ("page|window|
	// response_url"), redrawn once the change is saved.
	Redraw string `json:"d,omitempty"`
	Event  string `json:"ev,omitempty"` // the event a webinar form reschedules
	// Quarter is the review a share form shares ("2026Q4"; issue 16).
	Quarter string `json:"q,omitempty"`
	// Values are the entered values, kept by a failed outcome view so that
	// "Back to the form" gives them back.
	Values Form `json:"v,omitempty"`
}

// maxMetadata is Slack's limit on private_metadata.
const maxMetadata = 3000

// SealRoom is what Encode leaves free of Slack's limit for the bot's seal
// (an authentication code that keeps the metadata from being altered).
const SealRoom = 64

// Encode packs the metadata; values are dropped when they would not fit
// (the user then retypes, and is told so by the missing Back button).
func (m ModalMeta) Encode() string {
	b, _ := json.Marshal(m)
	if len(b) > maxMetadata-SealRoom {
		m.Values = nil
		b, _ = json.Marshal(m)
	}
	return string(b)
}

// DecodeMeta reads private_metadata written by Encode.
func DecodeMeta(s string) (ModalMeta, error) {
	var m ModalMeta
	if len(s) > maxMetadata {
		return m, fmt.Errorf("private_metadata of %d bytes", len(s))
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return m, fmt.Errorf("private_metadata: %w", err)
	}
	if m.Locale != i18n.FR {
		m.Locale = i18n.EN
	}
	return m, nil
}

// FormErrors are messages to show under inputs, by block ID.
type FormErrors map[string]string

// modal assembles a form view. Inline errors (from a store-side check after
// the submission was acknowledged) are shown as a warning under their input,
// since only an acknowledgement can use Slack's own error display.
func modal(meta ModalMeta, titleKey, submitKey string, errs FormErrors, inputs []slack.Block) slack.ModalViewRequest {
	l := meta.Locale
	var bl []slack.Block
	for _, b := range inputs {
		bl = append(bl, b)
		if in, ok := b.(*slack.InputBlock); ok && errs[in.BlockID] != "" {
			bl = append(bl, Context(":warning: *"+Escape(errs[in.BlockID])+"*"))
		}
	}
	v := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: meta.Form, PrivateMetadata: meta.Encode(),
		Title:  plain(i18n.T(l, titleKey), 24),
		Close:  plain(i18n.T(l, "modal.cancel"), 24),
		Blocks: slack.Blocks{BlockSet: bl},
	}
	if submitKey != "" {
		v.Submit = plain(i18n.T(l, submitKey), 24)
	}
	return v
}

func input(l i18n.Locale, id, labelKey, hintKey string, optional bool, el slack.BlockElement) *slack.InputBlock {
	var hint *slack.TextBlockObject
	if hintKey != "" {
		hint = plain(i18n.T(l, hintKey), 2000)
	}
	b := slack.NewInputBlock(id, plain(i18n.T(l, labelKey), 2000), hint, el)
	b.Optional = optional
	return b
}

func textInput(id, initial string, maxLen int, multiline bool) *slack.PlainTextInputBlockElement {
	el := slack.NewPlainTextInputBlockElement(nil, id)
	el.InitialValue = Truncate(initial, maxLen)
	el.MaxLength = maxLen
	el.Multiline = multiline
	return el
}

func option(value, text string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(value, plain(text, 75), nil)
}

// selectInput is a static select of opts (value, text pairs), with the one
// whose value is initial picked.
func selectInput(id, initial string, opts [][2]string) *slack.SelectBlockElement {
	var os []*slack.OptionBlockObject
	var init *slack.OptionBlockObject
	for _, o := range opts {
		opt := option(Truncate(o[0], 150), o[1])
		os = append(os, opt)
		if o[0] == initial {
			init = opt
		}
	}
	el := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, id, os...)
	el.InitialOption = init
	return el
}

// MaxPartnerOptions is the most partners a select can list (Slack's limit);
// beyond it the form asks for the name as text.
const MaxPartnerOptions = 100

// partnerInput picks the partner, unless the caller fixed it.
func partnerInput(meta ModalMeta, partners []coach.Partner, vals Form) []slack.Block {
	l := meta.Locale
	if meta.Partner != "" {
		return []slack.Block{Context(i18n.T(l, "modal.partner_fixed", Escape(meta.Name)))}
	}
	if len(partners) > MaxPartnerOptions || len(partners) == 0 {
		return []slack.Block{input(l, FieldPartner, "modal.partner", "modal.partner_hint", false, textInput(FieldPartner, vals[FieldPartner], coach.MaxNameLen, false))}
	}
	opts := make([][2]string, 0, len(partners))
	for _, p := range partners {
		opts = append(opts, [2]string{p.ID, p.Name})
	}
	return []slack.Block{input(l, FieldPartner, "modal.partner", "", false, selectInput(FieldPartner, vals[FieldPartner], opts))}
}

// AddPartnerModal asks for a new partner's name, kind, stage, owner and home
// channel; the owner defaults to who opened it, the channel to where.
func AddPartnerModal(meta ModalMeta, user string, vals Form, errs FormErrors) slack.ModalViewRequest {
	l := meta.Locale
	meta.Form = ModalAddPartner
	kinds := make([][2]string, 0, len(coach.Kinds))
	for _, k := range coach.Kinds {
		kinds = append(kinds, [2]string{string(k), i18n.T(l, "kind."+string(k))})
	}
	stages := make([][2]string, 0, len(coach.Stages))
	for _, s := range coach.Stages[:4] { // a new partner is not at risk or ended
		stages = append(stages, [2]string{string(s), i18n.T(l, "stage."+string(s))})
	}
	owner := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, nil, FieldOwner)
	owner.InitialUser = orDefault(vals[FieldOwner], user)
	channel := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, nil, FieldChannel)
	channel.InitialConversation = orDefault(vals[FieldChannel], meta.Channel)
	return modal(meta, "modal.add.title", "modal.add.submit", errs, []slack.Block{
		input(l, FieldName, "modal.add.name", "modal.add.name_hint", false, textInput(FieldName, vals[FieldName], coach.MaxNameLen, false)),
		input(l, FieldKind, "modal.add.kind", "", false, selectInput(FieldKind, orDefault(vals[FieldKind], string(coach.KindReseller)), kinds)),
		input(l, FieldStage, "modal.add.stage", "", false, selectInput(FieldStage, orDefault(vals[FieldStage], string(coach.StageProspect)), stages)),
		input(l, FieldOwner, "modal.add.owner", "", false, owner),
		input(l, FieldChannel, "modal.add.channel", "modal.add.channel_hint", true, channel),
	})
}

// LogModal asks for one contribution to the ledger.
func LogModal(meta ModalMeta, partners []coach.Partner, vals Form, errs FormErrors, today string) slack.ModalViewRequest {
	meta.Form = ModalLog
	return modal(meta, "modal.log.title", "modal.log.submit", errs, logInputs(meta, partners, vals, today))
}

// logInputs are the log form's inputs, shared by the form that edits an entry.
func logInputs(meta ModalMeta, partners []coach.Partner, vals Form, today string) []slack.Block {
	l := meta.Locale
	dirs := [][2]string{{string(coach.Got), i18n.T(l, "modal.log.got")}, {string(coach.Gave), i18n.T(l, "modal.log.gave")}}
	kinds := make([][2]string, 0, len(coach.ContributionKinds))
	for _, k := range coach.ContributionKinds {
		kinds = append(kinds, [2]string{string(k), i18n.T(l, "contrib."+string(k))})
	}
	date := slack.NewDatePickerBlockElement(FieldDate)
	date.InitialDate = orDefault(vals[FieldDate], today)
	bl := partnerInput(meta, partners, vals)
	return append(bl,
		input(l, FieldDirection, "modal.log.direction", "", false, selectInput(FieldDirection, orDefault(vals[FieldDirection], string(coach.Got)), dirs)),
		input(l, FieldAmount, "modal.log.amount", "modal.log.amount_hint", false, textInput(FieldAmount, vals[FieldAmount], 32, false)),
		input(l, FieldCurrency, "modal.log.currency", "modal.log.currency_hint", false, textInput(FieldCurrency, orDefault(vals[FieldCurrency], "EUR"), 3, false)),
		input(l, FieldKind, "modal.log.kind", "", false, selectInput(FieldKind, orDefault(vals[FieldKind], string(coach.ContribDeal)), kinds)),
		input(l, FieldDate, "modal.log.date", "", false, date),
		input(l, FieldNote, "modal.log.note", "", true, textInput(FieldNote, vals[FieldNote], 500, true)),
	)
}

// WebinarModal books a joint webinar with date and time pickers.
func WebinarModal(meta ModalMeta, partners []coach.Partner, vals Form, errs FormErrors) slack.ModalViewRequest {
	l := meta.Locale
	meta.Form = ModalWebinar
	date := slack.NewDatePickerBlockElement(FieldDate)
	date.InitialDate = vals[FieldDate]
	tm := slack.NewTimePickerBlockElement(FieldTime)
	tm.InitialTime = orDefault(vals[FieldTime], "14:00")
	// "turn": whoever's turn it is to host (an option needs a non-empty value).
	hosts := [][2]string{{HostTurn, i18n.T(l, "modal.webinar.host_turn")}}
	for _, h := range []coach.Host{coach.HostUs, coach.HostPartner, coach.HostBoth} {
		hosts = append(hosts, [2]string{string(h), i18n.T(l, "host."+string(h))})
	}
	title := vals[FieldTitle]
	if title == "" && meta.Name != "" {
		title = i18n.T(l, "modal.webinar.default_title", meta.Name)
	}
	bl := partnerInput(meta, partners, vals)
	bl = append(bl,
		input(l, FieldTitle, "modal.webinar.title_label", "", false, textInput(FieldTitle, title, 150, false)),
		input(l, FieldDate, "modal.webinar.date", "", false, date),
		input(l, FieldTime, "modal.webinar.time", "", false, tm),
		Context(i18n.T(l, "modal.webinar.zone", Escape(meta.TZ))),
		input(l, FieldHost, "modal.webinar.host", "", false, selectInput(FieldHost, orDefault(vals[FieldHost], HostTurn), hosts)),
		input(l, FieldLink, "modal.webinar.link", "modal.webinar.link_hint", true, textInput(FieldLink, vals[FieldLink], 3000, false)),
	)
	if meta.Event != "" {
		// The Reschedule button's form: it moves that event.
		return modal(meta, "modal.webinar.reschedule_title", "modal.webinar.reschedule_submit", errs, bl)
	}
	return modal(meta, "modal.webinar.title", "modal.webinar.submit", errs, bl)
}

// ComplexityModal lists a deal's parties and components with their chances,
// one row each, with a button to add a row.
func ComplexityModal(meta ModalMeta, partners []coach.Partner, vals Form, errs FormErrors) slack.ModalViewRequest {
	l := meta.Locale
	meta.Form = ModalComplexity
	meta.Rows = min(max(meta.Rows, DefaultParts), coach.MaxParts)
	kinds := [][2]string{{string(coach.PartParty), i18n.T(l, "part.party")}, {string(coach.PartComponent), i18n.T(l, "part.component")}}
	bl := partnerInput(meta, partners, vals)
	bl = append(bl,
		input(l, FieldDeal, "modal.complexity.deal", "modal.complexity.deal_hint", false, textInput(FieldDeal, vals[FieldDeal], coach.MaxNameLen, false)),
		Context(i18n.T(l, "modal.complexity.explain")),
	)
	for i := 1; i <= meta.Rows; i++ {
		bl = append(bl,
			slack.NewDividerBlock(),
			input(l, PartField(i, "name"), "modal.complexity.part", "", i > 1, textInput(PartField(i, "name"), vals[PartField(i, "name")], coach.MaxNameLen, false)),
			input(l, PartField(i, "kind"), "modal.complexity.kind", "", true, selectInput(PartField(i, "kind"), orDefault(vals[PartField(i, "kind")], string(coach.PartParty)), kinds)),
			input(l, PartField(i, "chance"), "modal.complexity.chance", "modal.complexity.chance_hint", i > 1, textInput(PartField(i, "chance"), vals[PartField(i, "chance")], 4, false)),
		)
	}
	if meta.Rows < coach.MaxParts {
		bl = append(bl, Actions("complexity.more", Button(ActionAddPart, i18n.T(l, "modal.complexity.add_part"), "", "")))
	}
	return modal(meta, "modal.complexity.title", "modal.complexity.submit", errs, bl)
}

// Form rebuilds the form named by meta.Form with vals and errs: after "Add a
// part", "Back to the form" or a store-side error.
func FormView(meta ModalMeta, user string, partners []coach.Partner, vals Form, errs FormErrors, today string) (slack.ModalViewRequest, bool) {
	switch meta.Form {
	case ModalAddPartner:
		return AddPartnerModal(meta, user, vals, errs), true
	case ModalLog:
		return LogModal(meta, partners, vals, errs, today), true
	case ModalWebinar:
		return WebinarModal(meta, partners, vals, errs), true
	case ModalComplexity:
		return ComplexityModal(meta, partners, vals, errs), true
	case ModalEditEntry:
		return EditEntryModal(meta, vals, errs, today), true
	case ModalDeleteEntry:
		return DeleteEntryModal(meta, ""), true
	case ModalShare: // issue 16
		return ShareModal(meta, meta.Channel), true
	case ModalCommitment: // issue 16
		return CommitmentModal(meta, partners, vals, errs, today), true
	}
	return slack.ModalViewRequest{}, false
}

// formTitles maps a form to its title key, for its outcome views.
var formTitles = map[string]string{
	ModalAddPartner: "modal.add.title", ModalLog: "modal.log.title",
	ModalWebinar: "modal.webinar.title", ModalComplexity: "modal.complexity.title",
	ModalEditEntry: "modal.edit_entry.title", ModalDeleteEntry: "modal.delete_entry.title",
	ModalShare:      "qbr.share.title",   // issue 16
	ModalCommitment: "commit.form.title", // issue 16
}

func outcome(meta ModalMeta, bl []slack.Block) slack.ModalViewRequest {
	titleKey := formTitles[meta.Form]
	if meta.Form == ModalCommitment && meta.Entry != "" { // an edit, not a new one
		titleKey = "commit.form.edit_title"
	}
	if titleKey == "" {
		titleKey = "modal.outcome.title"
	}
	v := modal(ModalMeta{Form: ModalOutcome, Locale: meta.Locale}, titleKey, "", nil, bl)
	v.Close = plain(i18n.T(meta.Locale, "modal.close"), 24)
	return v
}

// NoticeView is a modal that only tells something: the answer to a click
// in the App Home, which has no response_url.
func NoticeView(l i18n.Locale, bl []slack.Block) slack.ModalViewRequest {
	return outcome(ModalMeta{Form: ModalOutcome, Locale: l}, bl)
}

// DoneView shows what the submission did.
func DoneView(meta ModalMeta, bl []slack.Block) slack.ModalViewRequest {
	return outcome(meta, bl)
}

// FailedView says what failed and offers the form back with what was typed,
// so nothing entered is lost. ref is empty for a user error.
func FailedView(meta ModalMeta, text, ref string, vals Form) slack.ModalViewRequest {
	var bl []slack.Block
	if ref == "" {
		bl = Notice(":warning: " + text)
	} else {
		bl = ErrorMessage(text, ref)
	}
	back := meta
	back.Values = vals
	v := outcome(meta, bl)
	enc := back.Encode()
	if m, err := DecodeMeta(enc); err == nil && m.Values != nil {
		v.Blocks.BlockSet = append(v.Blocks.BlockSet, Actions("modal.back", Button(ActionBackToForm, i18n.T(meta.Locale, "modal.back"), "", slack.StylePrimary)))
		v.PrivateMetadata = enc
	} else {
		v.Blocks.BlockSet = append(v.Blocks.BlockSet, Context(i18n.T(meta.Locale, "modal.too_long_to_keep")))
	}
	return v
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
