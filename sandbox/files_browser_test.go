package sandbox_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserExport: in a real browser, a visitor exports, opens the app's
// messages, sees the file and downloads it with its link.
func TestBrowserExport(t *testing.T) {
	sb := start(t, false)
	ctx := browser(t)
	lastMsg := `//div[@id="main"]/div[contains(@class,"msg")][last()]`
	do(t, ctx, "open the page", chromedp.Navigate(sb.URL()), chromedp.WaitVisible(chromedp.ID("box")))
	do(t, ctx, "add a partner", chromedp.SendKeys(chromedp.ID("box"), "/partner add Nimbus Cloud cloud-operator"+kb.Enter),
		chromedp.WaitVisible(lastMsg+`//b[normalize-space()="Nimbus Cloud"]`))
	do(t, ctx, "export", clear("#box"), chromedp.SendKeys(chromedp.ID("box"), "/partner export partners"+kb.Enter),
		chromedp.WaitVisible(lastMsg+`//*[contains(., "Sent")]`))
	do(t, ctx, "open the app's messages", chromedp.Click(chromedp.CSS(`a.nav[data-view="dm"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#main .file .file-download`)))
	if name := text(t, ctx, chromedp.CSS(`#main .file .file-name`)); !strings.Contains(name, "-partners-") || !strings.HasSuffix(name, ".csv") {
		t.Fatalf("file name %q", name)
	}
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#main .file-download").getAttribute("href")`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(strings.TrimSuffix(sb.URL(), "/") + href)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][1] != "Nimbus Cloud" {
		t.Fatalf("downloaded %q, %v", rows, err)
	}
}
