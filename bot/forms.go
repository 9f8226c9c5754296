package bot

import (
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Reading submitted modals. Everything here is pure: it runs before the
// submission is acknowledged, so its errors can go back in the ack and show
// under the inputs, Slack's own way. Checks that need the store (a duplicate
// name, an unknown partner) run after the ack; see modals.go.

// formValues flattens view.state.values into one value per input.
func formValues(st *slack.ViewState) blocks.Form {
	f := blocks.Form{}
	if st == nil {
		return f
	}
	for blockID, actions := range st.Values {
		for _, a := range actions {
			for _, v := range []string{a.Value, a.SelectedOption.Value, a.SelectedUser, a.SelectedConversation, a.SelectedChannel, a.SelectedDate, a.SelectedTime} {
				if v != "" {
					f[blockID] = strings.TrimSpace(v)
					break
				}
			}
		}
	}
	return f
}

// formCheck collects inline errors, one per input, read with the same
// parsers as the command's arguments (coach's, and refs.go's for Slack
// references), so both accept and refuse the same values.
type formCheck struct {
	l    i18n.Locale
	errs blocks.FormErrors
	keys map[string]string // each inline error's catalog key, by input
}

// fail reports the bot's message key under field.
func (c *formCheck) fail(field, key string, args ...any) {
	c.domain(field, usageError(nil, key, args...))
}

// domain reports a coach error under field.
func (c *formCheck) domain(field string, err error) {
	if c.errs == nil {
		c.errs, c.keys = blocks.FormErrors{}, map[string]string{}
	}
	if _, dup := c.errs[field]; !dup {
		c.errs[field] = i18n.ErrorText(c.l, err)
		c.keys[field] = errKey(err)
	}
}

// errKey is a coach error's catalog key.
func errKey(err error) string {
	var e *coach.Error
	if asCoachError(err, &e) {
		return e.Key
	}
	return ""
}

func (c *formCheck) required(f blocks.Form, field string) string {
	v := f[field]
	if v == "" {
		c.fail(field, "form.required")
	}
	return v
}

// name reads a required name with parse (coach.ParsePartnerName, ParseDealName).
func (c *formCheck) name(f blocks.Form, field string, parse func(string) (string, error)) string {
	v := strings.Join(strings.Fields(c.required(f, field)), " ")
	if v == "" {
		return v
	}
	name, err := parse(v)
	if err != nil {
		c.domain(field, err)
		return v
	}
	return name
}

// partnerRef is the partner a form names: fixed by the caller, or picked.
func (c *formCheck) partnerRef(meta blocks.ModalMeta, f blocks.Form) string {
	if meta.Partner != "" {
		return meta.Partner
	}
	return c.required(f, blocks.FieldPartner)
}

// zone is the time zone the form showed, UTC when it cannot be loaded.
func zone(meta blocks.ModalMeta) (*time.Location, string) {
	loc, err := time.LoadLocation(meta.TZ)
	if err != nil {
		return time.UTC, "UTC"
	}
	return loc, meta.TZ
}

// addForm reads the add-partner modal.
func addForm(l i18n.Locale, f blocks.Form) (coach.NewPartner, blocks.FormErrors) {
	c := &formCheck{l: l}
	in := c.add(f)
	return in, c.errs
}

func (c *formCheck) add(f blocks.Form) coach.NewPartner {
	in := coach.NewPartner{Name: c.name(f, blocks.FieldName, coach.ParsePartnerName)}
	if owner := c.required(f, blocks.FieldOwner); owner != "" {
		if id, ok := userRef(owner); ok {
			in.Owner = id
		} else {
			c.fail(blocks.FieldOwner, "form.pick_one")
		}
	}
	if ch := f[blocks.FieldChannel]; ch != "" {
		if id, ok := channelRef(ch); ok {
			in.Channel = id
		} else {
			c.fail(blocks.FieldChannel, "form.pick_one")
		}
	}
	if k, err := coach.ParseKind(f[blocks.FieldKind]); err != nil {
		c.domain(blocks.FieldKind, err)
	} else {
		in.Kind = k
	}
	if s, err := coach.ParseStage(f[blocks.FieldStage]); err != nil {
		c.domain(blocks.FieldStage, err)
	} else {
		in.Stage = s
	}
	return in
}

// logForm reads the log-contribution modal; the partner is resolved later.
func logForm(l i18n.Locale, meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewContribution, blocks.FormErrors) {
	c := &formCheck{l: l}
	ref, in := c.log(meta, f, now)
	return ref, in, c.errs
}

func (c *formCheck) log(meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewContribution) {
	ref := c.partnerRef(meta, f)
	var in coach.NewContribution
	var err error
	if in.Direction, err = coach.ParseDirection(f[blocks.FieldDirection]); err != nil {
		c.domain(blocks.FieldDirection, err)
	}
	if in.Kind, err = coach.ParseContributionKind(f[blocks.FieldKind]); err != nil {
		c.domain(blocks.FieldKind, err)
	}
	cur, err := coach.ParseCurrency(c.required(f, blocks.FieldCurrency))
	if err != nil && f[blocks.FieldCurrency] != "" {
		c.domain(blocks.FieldCurrency, err)
	}
	if amount := c.required(f, blocks.FieldAmount); amount != "" && cur != "" {
		if in.Amount, err = coach.ParseAmount(amount, cur); err != nil {
			c.domain(blocks.FieldAmount, err)
		}
	}
	if d := c.required(f, blocks.FieldDate); d != "" {
		// The date picker shows the user's calendar: compare days there.
		loc, _ := zone(meta)
		if in.Date, err = coach.ParseLogDate(d, now, loc); err != nil {
			c.domain(blocks.FieldDate, err)
		}
	}
	if in.Note, err = coach.ParseNote(f[blocks.FieldNote]); err != nil {
		c.domain(blocks.FieldNote, err)
	}
	return ref, in
}

// webinarForm reads the book-webinar modal, in the zone the modal showed.
func webinarForm(l i18n.Locale, meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewEvent, blocks.FormErrors) {
	c := &formCheck{l: l}
	ref, in := c.webinar(meta, f, now)
	return ref, in, c.errs
}

func (c *formCheck) webinar(meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewEvent) {
	ref := c.partnerRef(meta, f)
	var in coach.NewEvent
	var err error
	if t := c.required(f, blocks.FieldTitle); t != "" {
		if in.Title, err = coach.ParseTitle(t); err != nil {
			c.domain(blocks.FieldTitle, err)
		}
	}
	var loc *time.Location
	loc, in.TimeZone = zone(meta)
	d, t := c.required(f, blocks.FieldDate), c.required(f, blocks.FieldTime)
	if d != "" && t != "" {
		if in.Start, err = coach.ParseStart(d, t, now, loc); err != nil {
			c.domain(fieldBlock(meta.Form, errField(err)), err)
		}
	}
	if h := f[blocks.FieldHost]; h != blocks.HostTurn {
		if in.Host, err = coach.ParseHost(h); err != nil {
			c.domain(blocks.FieldHost, err)
		}
	}
	if in.Link, err = coach.ParseLink(f[blocks.FieldLink]); err != nil {
		c.domain(blocks.FieldLink, err)
	}
	return ref, in
}

// complexityForm reads the deal-complexity modal: the filled rows become
// parts; a row with a chance but no name, or a name but no chance, is an error.
func complexityForm(l i18n.Locale, meta blocks.ModalMeta, f blocks.Form) (string, string, []coach.Part, blocks.FormErrors) {
	c := &formCheck{l: l}
	ref, deal, parts := c.complexity(meta, f)
	return ref, deal, parts, c.errs
}

func (c *formCheck) complexity(meta blocks.ModalMeta, f blocks.Form) (string, string, []coach.Part) {
	ref := c.partnerRef(meta, f)
	deal := c.name(f, blocks.FieldDeal, coach.ParseDealName)
	var parts []coach.Part
	seen := map[string]bool{}
	for i := 1; i <= max(meta.Rows, blocks.DefaultParts) && i <= coach.MaxParts; i++ {
		nameField, chanceField, kindField := blocks.PartField(i, "name"), blocks.PartField(i, "chance"), blocks.PartField(i, "kind")
		name, chance := strings.Join(strings.Fields(f[nameField]), " "), f[chanceField]
		if name == "" && chance == "" {
			continue
		}
		if name == "" {
			c.fail(nameField, "form.part_name")
			continue
		}
		if _, err := coach.ParsePartName(name); err != nil {
			c.domain(nameField, err)
		}
		if seen[strings.ToLower(name)] {
			c.fail(nameField, "form.part_twice")
		}
		seen[strings.ToLower(name)] = true
		pct, err := coach.ParseChance(chance)
		if err != nil {
			c.domain(chanceField, err)
		}
		kind, err := coach.ParsePartKind(f[kindField])
		if err != nil {
			c.domain(kindField, err)
		}
		parts = append(parts, coach.Part{Name: name, Kind: kind, Chance: pct})
	}
	if len(parts) == 0 && c.errs == nil {
		c.fail(blocks.PartField(1, "name"), "form.one_part")
	}
	return ref, deal, parts
}

// fieldBlock maps a coach error's Field to the input that shows it, for a
// check that only the store could make.
func fieldBlock(form string, field string) string {
	switch field {
	case "partner":
		return blocks.FieldPartner
	case "start", "tz", "date":
		return blocks.FieldDate
	case "part", "parts", "chance":
		return ""
	}
	if form == blocks.ModalComplexity && field == "name" {
		return blocks.FieldDeal
	}
	return field
}
