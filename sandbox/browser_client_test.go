package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/slack-go/slack"
)

// TestBrowserClient checks, in a real browser, that the page behaves as
// Slack's client does: the composer's @ and # autocomplete and what it
// sends; code spans and emoji; Block Kit's defaults in the user's
// language; the header clock in the user's zone and on the sandbox's
// clock; sending scrolls to the answer.
func TestBrowserClient(t *testing.T) {
	sb := start(t, false)
	// A user in another zone than alice's and bob's (Europe/Paris).
	sb.Sim.AddUser(slacksim.User{ID: "U0CAROL", Name: "carol", Locale: "en-US", TZ: "America/New_York"})
	ctx := browser(t)
	lastMsg := `//div[@id="main"]/div[contains(@class,"msg")][last()]`
	do(t, ctx, "open the page", chromedp.Navigate(sb.URL()), chromedp.WaitVisible(chromedp.ID("box")))

	t.Run("Autocomplete", func(t *testing.T) {
		do(t, ctx, "type @al", clear("#box"), chromedp.SendKeys(chromedp.ID("box"), "/partner add Initech reseller @al"),
			chromedp.WaitVisible(`//div[@id="refs"]/div[contains(@class,"ref-row")]/code[normalize-space()="@alice"]`))
		do(t, ctx, "pick alice", chromedp.SendKeys(chromedp.ID("box"), kb.Tab))
		do(t, ctx, "type #part and pick it", chromedp.SendKeys(chromedp.ID("box"), "#part"),
			chromedp.WaitVisible(`//div[@id="refs"]/div[contains(@class,"ref-row")]/code[normalize-space()="#partners"]`),
			chromedp.SendKeys(chromedp.ID("box"), kb.Tab))
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("box").value`))
		if err != nil || v != "/partner add Initech reseller @alice #partners " {
			t.Fatalf("the composer holds %q (%v), want the picks completed", v, err)
		}
		do(t, ctx, "send", chromedp.SendKeys(chromedp.ID("box"), kb.Enter),
			chromedp.WaitVisible(lastMsg+`//b[normalize-space()="Initech"]`))
		waitEnvelope(t, sb, `add Initech reseller \u003c@U0ALICE|alice\u003e \u003c#C0PARTNERS|partners\u003e`)
	})

	api := slack.New(slacksim.BotToken, slack.OptionAPIURL(sb.Sim.URL()))
	t.Run("CodeAndEmoji", func(t *testing.T) {
		if _, _, err := api.PostMessage(partners, slack.MsgOptionBlocks(slack.NewSectionBlock(
			slack.NewTextBlockObject(slack.MarkdownType, ":repeat: schedule `0 9 * * 1` and `*not bold*` :warning:", false, false), nil, nil))); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "the message", chromedp.WaitVisible(lastMsg+`//code[normalize-space()="0 9 * * 1"]`))
		msg := text(t, ctx, lastMsg+`//div[@class="section"]`)
		if !strings.Contains(msg, "🔁 schedule 0 9 * * 1 and *not bold* ⚠️") {
			t.Errorf("the message reads %q; want the code as typed and emoji", msg)
		}
	})

	t.Run("DefaultsInTheUsersLanguage", func(t *testing.T) {
		do(t, ctx, "switch to bob", chromedp.SetValue(chromedp.ID("user"), "U0BOB"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("user").dispatchEvent(new Event("change", {bubbles: true}))`))
		do(t, ctx, "open the add form", clear("#box"), chromedp.SendKeys(chromedp.ID("box"), "/partner add"+kb.Enter),
			chromedp.WaitVisible(chromedp.CSS(`.modal [data-submit]`)))
		modal := text(t, ctx, chromedp.CSS(`.modal`))
		if !strings.Contains(modal, "(facultatif)") || strings.Contains(modal, "(optional)") {
			t.Errorf("bob's form does not say (facultatif) for optional fields:\n%s", modal)
		}
		if strings.Contains(modal, "Select an option") {
			t.Errorf("bob's form has an English menu default:\n%s", modal)
		}
		do(t, ctx, "close the form", chromedp.Click(chromedp.CSS(`.modal [data-close]`)), chromedp.WaitNotPresent(chromedp.CSS(`.modal`)))
	})

	t.Run("HeaderClock", func(t *testing.T) {
		sb.Clock.SetSpeed(86400) // two simulated days, then normal speed again
		time.Sleep(2 * time.Second)
		sb.Clock.SetSpeed(1)
		do(t, ctx, "switch to carol", chromedp.SetValue(chromedp.ID("user"), "U0CAROL"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("user").dispatchEvent(new Event("change", {bubbles: true}))`),
			chromedp.WaitVisible(`//span[@id="clock-now" and @data-tz="America/New_York"]`))
		ny, _ := time.LoadLocation("America/New_York")
		var shown string
		var want []string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			now := sb.Clock.Now().In(ny)
			want = []string{now.Format("2 Jan 2006, 15:04"), now.Add(-time.Minute).Format("2 Jan 2006, 15:04")}
			shown = text(t, ctx, chromedp.ID("clock-now"))
			if strings.Contains(shown, want[0]) || strings.Contains(shown, want[1]) {
				break
			}
		}
		if !strings.Contains(shown, want[0]) && !strings.Contains(shown, want[1]) {
			t.Errorf("carol's header clock reads %q; want the sandbox's clock in New York, %s (the wall clock says %s)",
				shown, want[0], time.Now().In(ny).Format("2 Jan 2006, 15:04"))
		}
		// "Today" is the sandbox's today, two days after the wall clock's.
		at := sb.Clock.Now().Unix()
		if _, _, err := api.PostMessage(partners, slack.MsgOptionText(fmt.Sprintf("due <!date^%d^{date_pretty}|fallback>", at), false)); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "a date of the sandbox's today", chromedp.WaitVisible(lastMsg+`//time[@class="date" and @data-ts="`+fmt.Sprint(at)+`"]`))
		if d := text(t, ctx, lastMsg+`//time[@class="date"]`); d != "Today" {
			t.Errorf("a date on the sandbox's today reads %q, want Today", d)
		}
	})

	t.Run("SendingScrollsToTheAnswer", func(t *testing.T) {
		for i := range 40 {
			if _, _, err := api.PostMessage(partners, slack.MsgOptionText(fmt.Sprintf("filler %d", i), false)); err != nil {
				t.Fatal(err)
			}
		}
		do(t, ctx, "switch to alice and scroll up", chromedp.SetValue(chromedp.ID("user"), "U0ALICE"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("user").dispatchEvent(new Event("change", {bubbles: true}))`),
			chromedp.WaitVisible(lastMsg+`//div[contains(., "filler 39")]`),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("main").scrollTop = 0`))
		do(t, ctx, "send a command", clear("#box"), chromedp.SendKeys(chromedp.ID("box"), "/partner list"+kb.Enter))
		wait, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		if _, err := chromedp.Run(wait, chromedp.WaitVisible(lastMsg+`//div[@class="header" and starts-with(., "Partners")]`)); err != nil {
			t.Fatalf("no answer: %v\n%s", err, pageText(ctx))
		}
		time.Sleep(300 * time.Millisecond)
		gap, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const m = document.getElementById("main"); return m.scrollHeight - m.scrollTop - m.clientHeight; })()`))
		if err != nil || gap > 5 {
			t.Errorf("after sending, the answer is %v px below the view (%v); want it scrolled into view", gap, err)
		}
	})
}
