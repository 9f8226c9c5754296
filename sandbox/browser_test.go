package sandbox_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/sandbox"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/slack-go/slack"
)

// chromium finds the browser; without it the test fails and says how to get it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("the browser test needs Chromium: apt-get install chromium (Debian), or put chromium on the PATH")
	return ""
}

// browser starts a headless Chromium that stays off the network, with a
// fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 960),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// waitEnvelope waits until the app was sent an envelope whose payload holds want.
func waitEnvelope(t *testing.T, sb *sandbox.Sandbox, want string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, e := range sb.Sim.Envelopes() {
			if strings.Contains(string(e.Payload), want) {
				return
			}
		}
	}
	t.Fatalf("no envelope with %s within 10 s", want)
}

// picturesDir is where screenshots go: PARTNERCOACH_DOCS_DIR (the README's
// pictures, docs/img) when set, else the test's temporary directory.
func picturesDir(t *testing.T) string {
	if dir := os.Getenv("PARTNERCOACH_DOCS_DIR"); dir != "" {
		return dir
	}
	return t.TempDir()
}

// do runs steps in the page, failing with what the page shows.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	defer func(start time.Time) { t.Logf("%s: %v", what, time.Since(start).Round(time.Millisecond)) }(time.Now())
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v\nthe page shows:\n%s", what, err, pageText(ctx))
	}
}

// text reads an element's text.
func text[S chromedp.Selectable](t *testing.T, ctx context.Context, sel S) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("read %v: %v\nthe page shows:\n%s", sel, err, pageText(ctx))
	}
	return s
}

// clear empties a text field (SetValue refuses an empty value).
func clear(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.querySelector(` + strconv.Quote(css) + `).value = ""`)
}

func pageText(ctx context.Context) string {
	s, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	return s
}

// TestBrowser drives the page in a real browser as a visitor would: types
// /partner commands, fills in and submits a modal (an inline error first),
// opens a checklist and ticks an item, and sees the message update in place.
func TestBrowser(t *testing.T) {
	sb := start(t, false)
	ctx := browser(t)
	dir := picturesDir(t)
	lastMsg := `//div[@id="main"]/div[contains(@class,"msg")][last()]`

	do(t, ctx, "open the page", chromedp.Navigate(sb.URL()), chromedp.WaitVisible(chromedp.ID("box")),
		chromedp.WaitVisible(`//a[contains(@class,"nav") and contains(., "acme-shared")]//span[contains(., "shared")]`))

	do(t, ctx, "the usage hint", chromedp.SendKeys(chromedp.ID("box"), "/partner ch"),
		chromedp.WaitVisible(`//div[@id="hint"]/div[@data-lang="en"]/code[contains(., "/partner checklist <partner>")]`))
	do(t, ctx, "add a partner inline", clear("#box"),
		chromedp.SendKeys(chromedp.ID("box"), "/partner add Nimbus Cloud cloud-operator"+kb.Enter),
		chromedp.WaitVisible(lastMsg+`//b[normalize-space()="Nimbus Cloud"]`))

	do(t, ctx, "open the add-partner modal", chromedp.SendKeys(chromedp.ID("box"), "/partner add"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`.modal [data-block-id="name"] input`)))
	do(t, ctx, "a required field left empty", chromedp.Click(chromedp.CSS(`.modal [data-submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.modal [data-block-id="name"] .error`)))
	do(t, ctx, "a taken name, refused inline by the bot",
		chromedp.SendKeys(chromedp.CSS(`.modal [data-block-id="name"] input`), "nimbus cloud"),
		chromedp.Click(chromedp.CSS(`.modal [data-submit]`)),
		chromedp.WaitVisible(`//div[@data-block-id="name"]/div[contains(@class,"error") and not(contains(@class,"required"))]`))
	nameErr := text(t, ctx, chromedp.CSS(`.modal [data-block-id="name"] .error`))
	if !strings.Contains(strings.ToLower(nameErr), "nimbus cloud") {
		t.Errorf("inline error %q does not name the partner already there", nameErr)
	}
	do(t, ctx, "fill and submit the modal",
		clear(`.modal [data-block-id="name"] input`),
		chromedp.SendKeys(chromedp.CSS(`.modal [data-block-id="name"] input`), "Globex Integration"),
		chromedp.SetValue(chromedp.CSS(`.modal [data-block-id="kind"] select`), "integrator"),
		chromedp.Click(chromedp.CSS(`.modal [data-submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`.modal [data-submit]`)))
	do(t, ctx, "close the outcome and see the partner added",
		chromedp.Click(chromedp.CSS(`.modal [data-close]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`.modal`)),
		chromedp.WaitVisible(`//div[@id="main"]//b[normalize-space()="Globex Integration"]`))

	do(t, ctx, "post the checklist", chromedp.SendKeys(chromedp.ID("box"), "/partner checklist nimbus launch"+kb.Enter),
		chromedp.WaitVisible(lastMsg+`//div[@class="header" and contains(., "Nimbus Cloud")]`))
	do(t, ctx, "tick the first item",
		chromedp.Click(lastMsg+`//div[@class="section"][1]//span[@data-type="button"]/button`),
		chromedp.WaitVisible(lastMsg+`//span[@class="edited"]`),
		chromedp.WaitVisible(lastMsg+`//button[normalize-space()="Undo"]`))
	// Two: alice's tick and the balance review, ticked by its reminder.
	if list := text(t, ctx, lastMsg); !strings.Contains(list, "Must-haves 2/") || !strings.Contains(list, "@alice") {
		t.Errorf("the checklist did not record the tick by @alice:\n%s", list)
	}
	// "Done by @alice on <date>": the date is a Slack date token, which the
	// page, like Slack's client, shows in the reader's language and zone.
	if d := text(t, ctx, lastMsg+`//time[@class="date"]`); !regexp.MustCompile(`^[A-Z][a-z]{2} \d{1,2}, \d{4}$`).MatchString(d) {
		t.Errorf("alice reads the tick's date as %q, want an English short date (Nov 26, 2026)", d)
	}

	do(t, ctx, "tidy the composer", clear("#box"), chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sandbox.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)

	// Checkboxes and menus: the bot posts none in channels today, so an app
	// message with them goes in through the Web API, and the page's clicks
	// must reach the app as Slack's block_actions.
	api := slack.New(slacksim.BotToken, slack.OptionAPIURL(sb.Sim.URL()))
	opt := func(text, v string) *slack.OptionBlockObject {
		return slack.NewOptionBlockObject(v, slack.NewTextBlockObject(slack.PlainTextType, text, false, false), nil)
	}
	if _, _, err := api.PostMessage(partners, slack.MsgOptionText("Pick", false), slack.MsgOptionBlocks(
		slack.NewActionBlock("pick", slack.NewCheckboxGroupsBlockElement("boxes", opt("One", "1"), opt("Two", "2")),
			slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "kind", opt("Reseller", "reseller"), opt("MSP", "msp"))))); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "tick a checkbox", chromedp.Click(`//div[@id="main"]//span[@data-action-id="boxes"]//label[contains(., "Two")]/input`))
	waitEnvelope(t, sb, `"selected_options":[{"text":{"emoji":false,"text":"Two","type":"plain_text"},"value":"2"}]`)
	do(t, ctx, "pick an option", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('#main .el[data-action-id="kind"] select');
		s.value = "msp";
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`))
	waitEnvelope(t, sb, `"selected_option":{"text":{"emoji":false,"text":"MSP","type":"plain_text"},"value":"msp"}`)

	// Bob's Slack is in French: the hint speaks French to him.
	var fr string
	for _, e := range bot.HelpEntries(i18n.FR) {
		if strings.HasPrefix(e.Usage, "checklist") {
			fr = e.Summary
		}
	}
	do(t, ctx, "switch to bob", chromedp.SetValue(chromedp.ID("user"), "U0BOB"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("user").dispatchEvent(new Event("change", {bubbles: true}))`),
		clear("#box"), chromedp.SendKeys(chromedp.ID("box"), "/partner ch"),
		chromedp.WaitVisible(`//div[@id="hint"]/div[@data-lang="fr" and contains(., "/partner checklist")]/span[normalize-space()=`+strconv.Quote(fr)+`]`))
	if en := text(t, ctx, chromedp.CSS(`#hint`)); strings.Contains(en, "post a checklist") {
		t.Errorf("bob's hint shows English lines too:\n%s", en)
	}
	// ...and so do the dates, and the client around the bot.
	do(t, ctx, "bob's view of the checklist", chromedp.WaitVisible(`//div[@id="main"]//time[@class="date"]`))
	if d := text(t, ctx, `//div[@id="main"]//time[@class="date"]`); !regexp.MustCompile(`^\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}$`).MatchString(d) {
		t.Errorf("bob reads the tick's date as %q, want a French short date (26 nov. 2026)", d)
	}
	if demo := text(t, ctx, chromedp.ID("demo")); demo != "Ajouter des données de démo" {
		t.Errorf("bob's demo button reads %q, want it in French", demo)
	}
	if ph, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("box").placeholder`)); err != nil || !strings.HasPrefix(ph, "Envoyer un message à #partners") {
		t.Errorf("bob's composer placeholder: %q (%v), want it in French", ph, err)
	}
}
