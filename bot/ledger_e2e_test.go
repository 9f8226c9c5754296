package bot_test

import (
	"context"
	"fmt"
	"github.com/partnercoach/partnercoach/bot/blocks"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// redrawn clicks actionID (value) in msg as user and returns msg once the
// click has replaced it in place.
func (e *env) redrawn(user string, msg slacksim.Message, actionID, value string) slacksim.Message {
	e.t.Helper()
	before := msg.Edited
	if _, err := e.sim.Click(context.Background(), user, msg, actionID, value); err != nil {
		e.t.Fatalf("click %s %s: %v", actionID, value, err)
	}
	var got slacksim.Message
	e.wait(func() bool {
		ms := append(e.sim.Messages(msg.Channel), e.sim.Ephemerals(user)...)
		if msg.To != "" {
			ms = append(ms, e.sim.Ephemerals(msg.To)...)
		}
		for _, m := range ms {
			if m.TS == msg.TS && m.Channel == msg.Channel && m.Edited > before {
				got = m
				return true
			}
		}
		return false
	}, "the message to be redrawn after "+actionID)
	return got
}

// clickForReply clicks and returns the next ephemeral message user gets.
func (e *env) clickForReply(user string, msg slacksim.Message, actionID, value string) slacksim.Message {
	e.t.Helper()
	before := len(e.sim.Ephemerals(user))
	if _, err := e.sim.Click(context.Background(), user, msg, actionID, value); err != nil {
		e.t.Fatalf("click %s %s: %v", actionID, value, err)
	}
	var got slacksim.Message
	e.wait(func() bool {
		if es := e.sim.Ephemerals(user); len(es) > before {
			got = es[before]
			return true
		}
		return false
	}, "an answer to the click on "+actionID)
	return got
}

func (e *env) ledger(partner string) []coach.Contribution {
	e.t.Helper()
	cs, err := e.store.Contributions(context.Background(), "T0001", partner, time.Time{}, time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return cs
}

func (e *env) entryWithNote(partner, note string) coach.Contribution {
	e.t.Helper()
	for _, c := range e.ledger(partner) {
		if c.Note == note {
			return c
		}
	}
	e.t.Fatalf("no entry noted %q", note)
	return coach.Contribution{}
}

func TestE2E_LedgerView(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "log acme gave 1000 EUR deal first *joint* deal")
	e.command(bob, partners, "log acme got 250 EUR lead a lead from the partner")
	e.command(alice, partners, "log acme got 900 EUR revenue latest")

	m := e.command(alice, partners, "ledger acme")
	if m.Ephemeral {
		t.Fatal("in an internal channel the ledger is for the channel, as the balance is")
	}
	mustContain(t, m, "Ledger with Acme", "Entries 1–3 of 3 over 12 months, newest first.",
		"we brought", "the partner brought", "deal", "lead", "revenue", "EUR 1,000.00", "EUR 250.00", "EUR 900.00",
		"logged by <@U0ALICE>", "logged by <@U0BOB>", blocks.Escape("first *joint* deal"), "Edit", "Delete")
	text := m.Visible()
	if i, j, k := strings.Index(text, "latest"), strings.Index(text, "a lead from"), strings.Index(text, "first "); !(i < j && j < k) {
		t.Fatalf("entries are not newest first:\n%s", text)
	}
	if !strings.Contains(text, "<!date^") {
		t.Fatalf("entries carry no date:\n%s", text)
	}

	t.Run("PrivateInASharedChannel", func(t *testing.T) {
		before := len(e.sim.Messages(shared))
		m := e.command(alice, shared, "ledger acme")
		if !m.Ephemeral || len(e.sim.Messages(shared)) != before {
			t.Fatal("the ledger was posted to a channel shared with another organisation")
		}
		mustContain(t, m, "Ledger with Acme", "shared with another organisation")
	})
	t.Run("French", func(t *testing.T) {
		mustContain(t, e.command(bob, shared, "ledger acme 3m"), "Registre avec Acme", "consigné par", "sur 3 mois")
	})
	t.Run("WindowLeavesOlderOut", func(t *testing.T) {
		if _, err := e.svc.LogContribution(context.Background(), "T0001", alice, coach.NewContribution{PartnerID: "acme", Direction: coach.Gave, Kind: coach.ContribDeal,
			Amount: coach.Money{Amount: 4242, Currency: "EUR"}, Date: time.Now().AddDate(0, -5, 0), Note: "five months ago"}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(e.command(alice, partners, "ledger acme 3m").Visible(), "five months ago") {
			t.Fatal("a 3-month window lists an entry from five months ago")
		}
		mustContain(t, e.command(alice, partners, "ledger acme 6m"), "five months ago")
	})
	t.Run("ErrBadWindow", func(t *testing.T) {
		m := e.command(alice, partners, "ledger acme forever")
		if !m.Ephemeral {
			t.Fatal("errors are private")
		}
		mustContain(t, m, "/partner ledger <partner> [window]")
	})
}

func TestE2E_LedgerPages(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	for i := range 25 {
		if _, err := e.svc.LogContribution(context.Background(), "T0001", alice, coach.NewContribution{PartnerID: "acme", Direction: coach.Got, Kind: coach.ContribDeal,
			Amount: coach.Money{Amount: int64(100 * (i + 1)), Currency: "EUR"}, Date: time.Now().Add(-time.Duration(25-i) * time.Hour), Note: fmt.Sprintf("entry %02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	m := e.command(alice, partners, "ledger acme")
	mustContain(t, m, "Entries 1–10 of 25", "entry 24", "Page 1 of 3", "Next", "Last")
	if strings.Contains(m.Visible(), "entry 14") || strings.Contains(m.Visible(), "Previous") {
		t.Fatalf("page 1 shows page 2 or a way back:\n%s", m.Visible())
	}
	m = e.redrawn(alice, m, "ledger.page", "1|acme 12m")
	mustContain(t, m, "Entries 11–20 of 25", "entry 14", "Page 2 of 3", "Previous", "Next")
	m = e.redrawn(alice, m, "ledger.page", "2|acme 12m")
	mustContain(t, m, "Entries 21–25 of 25", "entry 00", "Page 3 of 3", "First", "Previous")
	if strings.Contains(m.Visible(), "Next") {
		t.Fatal("the last page offers a next one")
	}
	m = e.redrawn(alice, m, "ledger.page", "0|acme 12m")
	mustContain(t, m, "Entries 1–10 of 25", "entry 24")

	t.Run("ErrTamperedPage", func(t *testing.T) {
		crafted := slacksim.Message{Channel: m.Channel, TS: m.TS, Blocks: []byte(`[{"type":"actions","block_id":"x","elements":[{"type":"button","action_id":"ledger.page","text":{"type":"plain_text","text":"x"},"value":"1|../../etc 12m"}]}]`)}
		mustContain(t, e.clickForReply(alice, crafted, "ledger.page", ""), "button")
	})
}

func TestE2E_UndoLogged(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	logged := e.command(alice, partners, "log acme got 1000000 EUR deal a million by mistake")
	mustContain(t, logged, "Logged", "Undo")
	c := e.entryWithNote("acme", "a million by mistake")
	ref := "acme|" + c.ID

	// Bob neither logged it nor owns Acme: refused, and it stays.
	mustContain(t, e.clickForReply(bob, logged, "ledger.undo", ref), "<@U0ALICE>")
	if len(e.ledger("acme")) != 1 {
		t.Fatal("a refused undo removed the entry")
	}
	undone := e.redrawn(alice, logged, "ledger.undo", ref)
	mustContain(t, undone, "Undone", "EUR 1,000,000.00", "keeps a record")
	if n := len(e.ledger("acme")); n != 0 {
		t.Fatalf("%d entries after undo", n)
	}
	revs, err := e.svc.LedgerRevisions(context.Background(), "T0001", "acme")
	if err != nil || len(revs) != 1 || revs[0].Action != coach.RevisionDelete || revs[0].By != alice || revs[0].Before.Amount.Amount != 100_000_000 {
		t.Fatalf("audit trail %+v, %v", revs, err)
	}
	mustContain(t, e.command(alice, partners, "balance acme"), "No closed business")
	mustContain(t, e.command(alice, partners, "ledger acme"), "1 entry deleted", "Deleted by <@U0ALICE>", "EUR 1,000,000.00")

	t.Run("ByAnAdmin", func(t *testing.T) {
		logged := e.command(bob, partners, "log acme gave 5 EUR resale bob's entry")
		c := e.entryWithNote("acme", "bob's entry")
		mustContain(t, e.redrawn("U0ADMIN", logged, "ledger.undo", "acme|"+c.ID), "Undone")
	})
	t.Run("ByItsAuthor", func(t *testing.T) {
		logged := e.command(bob, partners, "log acme gave 6 EUR resale bob again")
		c := e.entryWithNote("acme", "bob again")
		mustContain(t, e.redrawn(bob, logged, "ledger.undo", "acme|"+c.ID), "Annulé")
	})
	t.Run("FromTheForm", func(t *testing.T) {
		v := e.form(alice, partners, "log acme")
		st := state(in(picked, "direction", "got"), in(typed, "amount", "12k"), in(typed, "currency", "EUR"), in(picked, "kind", "deal"),
			in(dated, "date", time.Now().Format(time.DateOnly)), in(typed, "note", "from the form"))
		_, done := e.submit(alice, v, st, "Logged")
		if !strings.Contains(viewText(done.JSON), "Undo") {
			t.Fatalf("the form's Logged has no Undo:\n%s", viewText(done.JSON))
		}
		c := e.entryWithNote("acme", "from the form")
		if _, err := e.sim.ClickInView(context.Background(), alice, done.ID, "ledger.undo", "acme|"+c.ID, nil); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool {
			for _, x := range e.sim.ModalStack(alice) {
				if x.ID == done.ID && strings.Contains(viewText(x.JSON), "Undone") {
					return true
				}
			}
			return false
		}, "the form to say Undone")
		for _, c := range e.ledger("acme") {
			if c.Note == "from the form" {
				t.Fatal("the entry undone from the form is still there")
			}
		}
	})
}

func TestE2E_EditAndDeleteEntry(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "log acme gave 1000 EUR deal ours")
	e.command(alice, partners, "log acme got 1000000 EUR deal a thousand, mistyped")
	e.command(alice, partners, "stage acme active") // a prospect's health is its selection work, not its business
	mustContain(t, e.command(alice, partners, "balance acme"), "Lopsided", "2 deals so far")
	mustContain(t, e.command(alice, partners, "health acme"), "lopsided")
	typo := e.entryWithNote("acme", "a thousand, mistyped")
	view := e.command(alice, partners, "ledger acme")

	// Bob may not correct alice's entry on alice's partner.
	mustContain(t, e.clickForReply(bob, view, "ledger.edit", "acme|"+typo.ID), "<@U0ALICE>")

	if _, err := e.sim.Click(context.Background(), alice, view, "ledger.edit", "acme|"+typo.ID); err != nil {
		t.Fatal(err)
	}
	v := e.topView(alice, "the edit form")
	vt := viewText(v.JSON)
	for _, want := range []string{"Edit an entry", "Partner: *Acme*", "1000000.00", "a thousand, mistyped", "Amount"} {
		if !strings.Contains(vt, want) {
			t.Fatalf("edit form lacks %q:\n%s", want, vt)
		}
	}
	day := typo.Date.In(time.Local).Format(time.DateOnly)
	edit := func(amount string) slacksim.ViewState {
		return state(in(picked, "direction", "got"), in(typed, "amount", amount), in(typed, "currency", "EUR"), in(picked, "kind", "deal"),
			in(dated, "date", day), in(typed, "note", "a thousand, mistyped"))
	}
	// The log form's parsers: a bad amount is refused under its input.
	if out, err := e.sim.SubmitView(context.Background(), alice, v.ID, edit("a lot")); err != nil || out.Action != "errors" || out.Errors["amount"] == "" {
		t.Fatalf("bad amount: %+v, %v", out, err)
	}
	_, done := e.submit(alice, v, edit("1 000,00"), "corrected")
	if dt := viewText(done.JSON); !strings.Contains(dt, "EUR 1,000,000.00") || !strings.Contains(dt, "EUR 1,000.00") {
		t.Fatalf("the outcome does not say what it was and what it is:\n%s", dt)
	}
	now := e.entryWithNote("acme", "a thousand, mistyped")
	if now.Amount.Amount != 100_000 || now.ID != typo.ID || now.Author != alice || !now.Date.Equal(typo.Date) {
		t.Fatalf("after the edit: %+v (was %+v)", now, typo)
	}
	revs, _ := e.svc.LedgerRevisions(context.Background(), "T0001", "acme")
	if len(revs) != 1 || revs[0].Action != coach.RevisionEdit || revs[0].By != alice || revs[0].Before.Amount.Amount != 100_000_000 || revs[0].After.Amount.Amount != 100_000 {
		t.Fatalf("audit trail %+v", revs)
	}
	// The view the edit was started from is redrawn as the ledger now is.
	e.wait(func() bool {
		for _, m := range e.sim.Messages(partners) {
			if m.TS == view.TS && m.Edited > 0 && strings.Contains(m.Visible(), "Corrected by <@U0ALICE>") {
				return true
			}
		}
		return false
	}, "the ledger view to be redrawn after the edit")
	// The coaching follows at once.
	mustContain(t, e.command(alice, partners, "balance acme"), "Balanced on closed business")
	mustContain(t, e.command(alice, partners, "health acme"), "Business flows both ways")
	mustContain(t, e.command(alice, partners, "ledger acme"), "Corrected by <@U0ALICE>", "EUR 1,000,000.00")

	t.Run("Delete", func(t *testing.T) {
		if err := e.sim.CloseView(context.Background(), alice, done.ID); err != nil {
			t.Fatal(err)
		}
		ours := e.entryWithNote("acme", "ours")
		view := e.command(alice, partners, "ledger acme")
		if _, err := e.sim.Click(context.Background(), alice, view, "ledger.delete", "acme|"+ours.ID); err != nil {
			t.Fatal(err)
		}
		v := e.topView(alice, "the delete form")
		if vt := viewText(v.JSON); !strings.Contains(vt, "Delete an entry") || !strings.Contains(vt, "EUR 1,000.00") || !strings.Contains(vt, "keeps a record") {
			t.Fatalf("delete form:\n%s", vt)
		}
		e.submit(alice, v, slacksim.ViewState{}, "Deleted")
		if n := len(e.ledger("acme")); n != 1 {
			t.Fatalf("%d entries after the delete, want 1", n)
		}
		revs, _ := e.svc.LedgerRevisions(context.Background(), "T0001", "acme")
		if len(revs) != 2 || revs[1].Action != coach.RevisionDelete || revs[1].Before.Note != "ours" {
			t.Fatalf("audit trail %+v", revs)
		}
		mustContain(t, e.command(alice, partners, "ledger acme"), "Entries 1–1 of 1", "1 entry deleted")
		mustContain(t, e.command(alice, partners, "balance acme"), "nothing", "1 deal so far")
	})
}

func TestE2E_PipelineApartFromBusiness(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "log acme gave 1000 EUR deal")
	e.command(alice, partners, "log acme got 900 EUR revenue")
	e.command(alice, partners, "log acme got 1000000 EUR lead")
	e.command(alice, partners, "log acme got 0 EUR introduction")
	e.command(alice, partners, "log acme gave 50 USD co-marketing")
	if _, err := e.svc.LogContribution(context.Background(), "T0001", alice, coach.NewContribution{PartnerID: "acme", Direction: coach.Got, Kind: coach.ContribDeal,
		Amount: coach.Money{Amount: 777_00, Currency: "GBP"}, Date: time.Now().AddDate(-2, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	e.command(alice, partners, "stage acme active") // a prospect's health is its selection work, not its business
	bal := e.command(alice, partners, "balance acme")
	mustContain(t, bal, "Balanced on closed business", "Closed business", "EUR 1,000.00", "EUR 900.00",
		"Pipeline", "not in the verdict", "We brought: nothing (0 entries) · They brought: EUR 1,000,000.00 (1 entry)", "In all: 0 entries from us, 2 entries from them",
		"Co-marketing", "We brought: USD 50.00 (1 entry) · They brought: nothing (0 entries)")
	if strings.Contains(bal.Visible(), "GBP") {
		t.Fatal("a currency with nothing in the window is shown")
	}
	mustContain(t, e.command(alice, partners, "health acme"), "Business flows both ways", "Pipeline beside it")
}

func TestE2E_ReviewSaysWhatChangedSince(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "log acme gave 1000 EUR deal")
	e.command(alice, partners, "log acme got 800 EUR deal")
	e.everySecond("acme", coach.ReminderBalance, partners)
	e.runReminders()
	first := e.waitMessage(partners, "Time to review the balance with Acme")
	mustContain(t, first, "Running totals over 12 months", "2 entries in the whole ledger", "Balanced on closed business")
	if _, err := e.sim.Click(context.Background(), alice, first, "balance.reviewed", "acme"); err != nil {
		t.Fatal(err)
	}
	// With nothing new since the review, the next reviews are skipped.
	reviews := func() int {
		n := 0
		for _, m := range e.sim.Messages(partners) {
			if strings.Contains(m.Visible(), "Time to review the balance with Acme") {
				n++
			}
		}
		return n
	}
	e.wait(func() bool {
		p, _ := e.store.Partner(context.Background(), "T0001", "acme")
		return !p.ReviewedAt.IsZero()
	}, "the review to be recorded")
	time.Sleep(1500 * time.Millisecond) // an occurrence or two with nothing to review
	settled := reviews()
	time.Sleep(1500 * time.Millisecond)
	if n := reviews(); n != settled {
		t.Fatalf("%d reviews posted with nothing new since the last one", n-settled)
	}
	e.command(alice, partners, "log acme got 300 EUR lead after the review")
	changed := e.waitMessage(partners, "Since the review on")
	mustContain(t, changed, "1 entry logged, 0 entries corrected, 0 entries deleted", "Pipeline", "EUR 300.00", "3 entries in the whole ledger")
	for _, m := range e.sim.Messages(partners) {
		if strings.Contains(m.Visible(), "Nothing logged yet") {
			t.Fatal("a review says nothing was logged for a partner with a ledger")
		}
	}
}

func TestE2E_LongListsHavePages(t *testing.T) {
	e := start(t)
	for i := range 45 {
		if _, err := e.svc.AddPartner(context.Background(), "T0001", alice, coach.NewPartner{Name: fmt.Sprintf("Partner %02d", i), Kind: coach.KindReseller, Owner: alice, Channel: partners}); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("List", func(t *testing.T) {
		m := e.command(alice, partners, "list")
		mustContain(t, m, "Partners (45)", "Partner 00", "Page 1 of 2", "Next")
		m = e.redrawn(alice, m, "list.page", "1|")
		mustContain(t, m, "Partner 44", "Page 2 of 2", "Previous")
		if strings.Contains(m.Visible(), "Partner 00") {
			t.Fatal("page 2 shows page 1")
		}
		m = e.redrawn(alice, m, "list.page", "0|")
		mustContain(t, m, "Partner 00", "Page 1 of 2")
	})
	t.Run("Health", func(t *testing.T) {
		m := e.command(alice, partners, "health")
		mustContain(t, m, "Partner health", "Page 1 of 2", "Next")
		m = e.redrawn(alice, m, "health.page", "1|")
		mustContain(t, m, "Page 2 of 2", "Previous")
		if n := strings.Count(m.Visible(), "/100"); n != 5 {
			t.Fatalf("page 2 of the health list shows %d partners, want 5", n)
		}
	})
	t.Run("AppHome", func(t *testing.T) {
		if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool { return e.sim.Home(alice) != nil }, "the home view")
		home := slacksim.Message{Blocks: homeBlocks(t, e.sim.Home(alice))}
		mustContain(t, home, "Page 1 of 3", "Next", "Last")
		if _, err := e.sim.ClickInHome(context.Background(), alice, "home.page", "2"); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool {
			h := slacksim.Message{Blocks: homeBlocks(t, e.sim.Home(alice))}.Visible()
			return strings.Contains(h, "Page 3 of 3") && strings.Contains(h, "First") && strings.Contains(h, "Partner 44")
		}, "the last page of the home view, with a way back to the first")
	})
	t.Run("Reminders", func(t *testing.T) {
		// Five reminders a partner (issue 16 added the quarterly review).
		m := e.command(alice, partners, "reminders")
		mustContain(t, m, "Page 1 of 5", "Next", "Last")
		m = e.redrawn(alice, m, "reminders.page", "4|")
		mustContain(t, m, "Page 5 of 5", "First", "Previous")
		m = e.redrawn(alice, m, "reminders.page", "0|")
		mustContain(t, m, "Page 1 of 5")
	})
}
