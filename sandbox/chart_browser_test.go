package sandbox_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserReviewChart: the quarterly review's charts (Slack's
// data_visualization blocks) are drawn in the page as SVG, beside their
// text lines (issue 16).
func TestBrowserReviewChart(t *testing.T) {
	sb := start(t, false)
	ctx := browser(t)
	lastMsg := `//div[@id="main"]/div[contains(@class,"msg")][last()]`
	do(t, ctx, "open the page", chromedp.Navigate(sb.URL()), chromedp.WaitVisible(chromedp.ID("box")))
	for _, cmd := range []string{"/partner add Nimbus Cloud cloud-operator", "/partner log nimbus got 48k EUR deal first joint deal", "/partner log nimbus gave 30k EUR resale", "/partner stage nimbus active"} {
		do(t, ctx, cmd, clear("#box"), chromedp.SendKeys(chromedp.ID("box"), cmd+kb.Enter),
			chromedp.WaitVisible(lastMsg+`//*[contains(., "Nimbus Cloud")]`))
	}
	do(t, ctx, "the review", clear("#box"), chromedp.SendKeys(chromedp.ID("box"), "/partner review nimbus this"+kb.Enter),
		chromedp.WaitVisible(lastMsg+`//figure[@data-chart="bar"]//*[local-name()="svg"]`),
		chromedp.WaitVisible(lastMsg+`//figure[@data-chart="line"]//*[local-name()="svg"]`))
	bars, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#main .msg:last-child figure[data-chart="bar"] rect.bar').length`))
	if err != nil || bars != 6 {
		t.Errorf("%d bars drawn (%v), want 6: two series over the quarter's three months", bars, err)
	}
	if caption := text(t, ctx, lastMsg+`//figure[@data-chart="bar"]/figcaption`); !strings.Contains(caption, "Closed business by month (EUR)") {
		t.Errorf("bar chart caption %q", caption)
	}
	if line := text(t, ctx, lastMsg); !strings.Contains(line, "By month (EUR), we gave") {
		t.Errorf("the chart's text line is missing:\n%s", line)
	}
	do(t, ctx, "tidy the composer", clear("#box"), chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`),
		chromedp.ScrollIntoView(lastMsg+`//div[@class="header"]`))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(picturesDir(t), "review.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
