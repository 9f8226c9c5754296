package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// formCheck collects inline errors, one per input.
type formCheck struct {
	l    i18n.Locale
	errs blocks.FormErrors
}

func (c *formCheck) fail(field, msg string) {
	if c.errs == nil {
		c.errs = blocks.FormErrors{}
	}
	if _, dup := c.errs[field]; !dup {
		c.errs[field] = msg
	}
}

// domain reports a coach error under field.
func (c *formCheck) domain(field string, err error) { c.fail(field, i18n.ErrorText(c.l, err)) }

func (c *formCheck) required(f blocks.Form, field string) string {
	v := f[field]
	if v == "" {
		c.fail(field, i18n.T(c.l, "form.required"))
	}
	return v
}

func (c *formCheck) name(f blocks.Form, field string) string {
	v := strings.Join(strings.Fields(c.required(f, field)), " ")
	switch {
	case v == "":
	case utf8.RuneCountInString(v) > coach.MaxNameLen:
		c.fail(field, i18n.T(c.l, "form.too_long", coach.MaxNameLen))
	case coach.Slug(v) == "":
		c.fail(field, i18n.T(c.l, "form.no_letters"))
	}
	return v
}

// partnerRef is the partner a form names: fixed by the caller, or picked.
func (c *formCheck) partnerRef(meta blocks.ModalMeta, f blocks.Form) string {
	if meta.Partner != "" {
		return meta.Partner
	}
	return c.required(f, blocks.FieldPartner)
}

// addForm reads the add-partner modal.
func addForm(l i18n.Locale, f blocks.Form) (coach.NewPartner, blocks.FormErrors) {
	c := &formCheck{l: l}
	in := coach.NewPartner{Name: c.name(f, blocks.FieldName), Owner: c.required(f, blocks.FieldOwner), Channel: f[blocks.FieldChannel]}
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
	return in, c.errs
}

// logForm reads the log-contribution modal; the partner is resolved later.
func logForm(l i18n.Locale, meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewContribution, blocks.FormErrors) {
	c := &formCheck{l: l}
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
		loc, err := time.LoadLocation(meta.TZ)
		if err != nil {
			loc = time.UTC
		}
		today := now.In(loc).Format(time.DateOnly)
		day, err := time.ParseInLocation(time.DateOnly, d, loc)
		switch {
		case err != nil:
			c.fail(blocks.FieldDate, i18n.T(l, "form.bad_date"))
		case d > today || day.Year() < 2000:
			c.fail(blocks.FieldDate, i18n.T(l, "form.date_range"))
		case d == today:
			in.Date = now
		default:
			// Noon, so the day stays the same seen from any zone near the user's.
			in.Date = day.Add(12 * time.Hour)
		}
	}
	in.Note = f[blocks.FieldNote]
	if n := utf8.RuneCountInString(in.Note); n > 500 {
		c.fail(blocks.FieldNote, i18n.T(l, "form.too_long", 500))
	}
	return ref, in, c.errs
}

// webinarForm reads the book-webinar modal, in the zone the modal showed.
func webinarForm(l i18n.Locale, meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewEvent, blocks.FormErrors) {
	c := &formCheck{l: l}
	ref := c.partnerRef(meta, f)
	in := coach.NewEvent{Title: strings.TrimSpace(c.required(f, blocks.FieldTitle)), TimeZone: meta.TZ, Link: f[blocks.FieldLink]}
	if utf8.RuneCountInString(in.Title) > 150 {
		c.fail(blocks.FieldTitle, i18n.T(l, "form.too_long", 150))
	}
	loc, err := time.LoadLocation(meta.TZ)
	if err != nil {
		loc, in.TimeZone = time.UTC, "UTC"
	}
	d, t := c.required(f, blocks.FieldDate), c.required(f, blocks.FieldTime)
	if d != "" && t != "" {
		start, err := time.ParseInLocation(time.DateOnly+" 15:04", d+" "+t, loc)
		switch {
		case err != nil:
			c.fail(blocks.FieldDate, i18n.T(l, "form.bad_date"))
		case !start.After(now):
			c.fail(blocks.FieldDate, i18n.T(l, "form.future"))
		default:
			in.Start = start
		}
	}
	switch h := f[blocks.FieldHost]; h {
	case "", blocks.HostTurn:
	case string(coach.HostUs), string(coach.HostPartner), string(coach.HostBoth):
		in.Host = coach.Host(h)
	default:
		c.fail(blocks.FieldHost, i18n.T(l, "form.pick_one"))
	}
	if in.Link != "" && !strings.HasPrefix(in.Link, "https://") && !strings.HasPrefix(in.Link, "http://") {
		c.fail(blocks.FieldLink, i18n.T(l, "form.bad_link"))
	}
	return ref, in, c.errs
}

// complexityForm reads the deal-complexity modal: the filled rows become
// parts; a row with a chance but no name, or a name but no chance, is an error.
func complexityForm(l i18n.Locale, meta blocks.ModalMeta, f blocks.Form) (string, string, []coach.Part, blocks.FormErrors) {
	c := &formCheck{l: l}
	ref := c.partnerRef(meta, f)
	deal := c.name(f, blocks.FieldDeal)
	var parts []coach.Part
	seen := map[string]bool{}
	for i := 1; i <= max(meta.Rows, blocks.DefaultParts) && i <= coach.MaxParts; i++ {
		nameField, chanceField := blocks.PartField(i, "name"), blocks.PartField(i, "chance")
		name, chance := strings.Join(strings.Fields(f[nameField]), " "), f[chanceField]
		if name == "" && chance == "" {
			continue
		}
		if name == "" {
			c.fail(nameField, i18n.T(l, "form.part_name"))
			continue
		}
		if utf8.RuneCountInString(name) > coach.MaxNameLen {
			c.fail(nameField, i18n.T(l, "form.too_long", coach.MaxNameLen))
		}
		if seen[strings.ToLower(name)] {
			c.fail(nameField, i18n.T(l, "form.part_twice"))
		}
		seen[strings.ToLower(name)] = true
		pct, err := parsePercent(chance)
		if err != nil {
			c.fail(chanceField, i18n.T(l, "form.percent"))
		}
		kind := coach.PartKind(f[blocks.PartField(i, "kind")])
		if kind != coach.PartComponent {
			kind = coach.PartParty
		}
		parts = append(parts, coach.Part{Name: name, Kind: kind, Chance: pct})
	}
	if len(parts) == 0 && c.errs == nil {
		c.fail(blocks.PartField(1, "name"), i18n.T(l, "form.one_part"))
	}
	return ref, deal, parts, c.errs
}

// parsePercent reads "90", "90%" or "90 %" as a whole percentage from 1 to 100.
func parsePercent(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 100 {
		return 0, errors.New("not a percentage from 1 to 100")
	}
	return n, nil
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
