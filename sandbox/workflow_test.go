package sandbox_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWorkflowStep runs steps through the page's API: the bot completes
// them with outputs, or with the message a workflow's user reads.
func TestWorkflowStep(t *testing.T) {
	sb := start(t, false)
	out := post(t, sb, "workflow/run", map[string]any{"user": alice, "step": "add_partner",
		"inputs": map[string]string{"name": "Nimbus Cloud", "kind": "cloud-operator", "channel": partners, "owner": ""}})
	res, _ := out["result"].(map[string]any)
	if out["ok"] != true || res["status"] != "completed" {
		t.Fatalf("add_partner: %v", out)
	}
	if outputs, _ := res["outputs"].(map[string]any); outputs["partner_id"] != "nimbus-cloud" || outputs["owner"] != alice {
		t.Errorf("outputs %v, want nimbus-cloud owned by alice", outputs)
	}
	out = post(t, sb, "workflow/run", map[string]any{"user": alice, "step": "get_partner_health", "inputs": map[string]string{"partner": "nimb"}})
	if res, _ := out["result"].(map[string]any); res["status"] != "completed" || res["outputs"].(map[string]any)["partner_id"] != "nimbus-cloud" {
		t.Fatalf("get_partner_health: %v", out)
	}
	out = post(t, sb, "workflow/run", map[string]any{"user": alice, "step": "log_contribution",
		"inputs": map[string]string{"partner": "nimbus", "direction": "gave", "amount": "lots", "currency": "EUR", "kind": "lead"}})
	if res, _ := out["result"].(map[string]any); res["status"] != "failed" || !strings.Contains(res["error"].(string), "amount: ") {
		t.Fatalf("a bad amount: %v", out)
	}
	if out := post(t, sb, "workflow/run", map[string]any{"user": "U0NOBODY", "step": "add_partner"}); out["ok"] != false {
		t.Errorf("an unknown user ran a step: %v", out)
	}
}

// TestBrowserWorkflowPage: the page linked from the sidebar runs a step
// with the inputs typed and shows its outputs, then an error.
func TestBrowserWorkflowPage(t *testing.T) {
	sb := start(t, false)
	ctx := browser(t)
	do(t, ctx, "open the workspace and see the link", chromedp.Navigate(sb.URL()),
		chromedp.WaitVisible(chromedp.ID("workflow-link")))
	if link := text(t, ctx, chromedp.ID("workflow-link")); !strings.Contains(link, "Workflow Builder step") {
		t.Errorf("the sidebar link reads %q", link)
	}
	do(t, ctx, "open the steps page", chromedp.Navigate(sb.URL()+"workflow"),
		chromedp.WaitVisible(chromedp.CSS(`[data-input="partner"]`)))
	do(t, ctx, "add a partner",
		chromedp.SetValue(chromedp.ID("wf-step"), "add_partner"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("wf-step").dispatchEvent(new Event("change"))`),
		chromedp.SendKeys(chromedp.CSS(`[data-input="name"]`), "Globex Integration"),
		chromedp.Click(chromedp.ID("wf-run")),
		chromedp.WaitVisible(`//table[@id="wf-outputs"]//td[normalize-space()="globex-integration"]`))
	do(t, ctx, "a name already taken",
		chromedp.Click(chromedp.ID("wf-run")),
		chromedp.WaitVisible(chromedp.ID("wf-error")))
	if msg := text(t, ctx, chromedp.ID("wf-error")); !strings.Contains(msg, "name: ") || !strings.Contains(msg, "globex-integration") {
		t.Errorf("the page shows %q, want the name refused", msg)
	}
}
