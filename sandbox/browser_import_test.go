package sandbox_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/partnercoach/partnercoach/slacksim"
)

// TestBrowserImport attaches a CSV in the import form as a visitor would
// (the browser's own file picker, set through DevTools) and sees the
// preview reach the app's DM.
func TestBrowserImport(t *testing.T) {
	sb := start(t, false)
	ctx := browser(t)
	csv := filepath.Join(t.TempDir(), "crm.csv")
	if err := os.WriteFile(csv, []byte("Company Name;Partner Type;Stage\nNimbus;ISV;Évaluation\nOrbit;spaceship;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fileInput := chromedp.CSS(`.modal [data-block-id="file"] input[type=file]`)
	do(t, ctx, "open the page", chromedp.Navigate(sb.URL()), chromedp.WaitVisible(chromedp.ID("box")))
	do(t, ctx, "open the import form", chromedp.SendKeys(chromedp.ID("box"), "/partner import"+kb.Enter),
		chromedp.WaitVisible(fileInput))
	do(t, ctx, "attach the file and submit", chromedp.SetUploadFiles(fileInput, []string{csv}),
		chromedp.Click(chromedp.CSS(`.modal [data-submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`.modal [data-submit]`)))
	wctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var preview string
	if err := sb.Sim.WaitFor(wctx, func() bool {
		for _, m := range sb.Sim.Messages(slacksim.DM(alice)) {
			if s := string(m.Blocks); strings.Contains(s, "Import preview") {
				preview = s
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatalf("no preview in the DM; the page shows:\n%s", pageText(ctx))
	}
	if !strings.Contains(preview, "to add 1") || !strings.Contains(preview, "Line 3") {
		t.Fatalf("preview: %s", preview)
	}
	if f := sb.Sim.Files(); len(f) == 0 || f[0].Name != "crm.csv" || f[0].User != alice {
		t.Fatalf("files: %+v", f)
	}
}
