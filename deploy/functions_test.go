package deploy

import (
	"slices"
	"testing"
)

// TestManifest_Functions: Workflow Builder steps need an org-ready app, and
// function_executed comes without a subscription (Slack refuses one); a
// step without its title, or with a parameter whose type is not a name,
// fails the schema.
func TestManifest_Functions(t *testing.T) {
	m := manifest(t)
	fns, ok := dig(m, "functions").(map[string]any)
	if !ok || len(fns) == 0 {
		t.Fatal("the manifest declares no functions")
	}
	if dig(m, "settings", "org_deploy_enabled") != true {
		t.Error("functions are declared but settings.org_deploy_enabled is not true")
	}
	if slices.Contains(stringList(dig(m, "settings", "event_subscriptions", "bot_events")), "function_executed") {
		t.Error("function_executed is in bot_events: Slack sends it without a subscription")
	}
	sch := manifestSchema(t)
	t.Run("ErrNoTitle", func(t *testing.T) {
		m := manifest(t)
		delete(dig(m, "functions", "log_contribution").(map[string]any), "title")
		if err := validate(t, sch, m); err == nil {
			t.Error("a step without a title passed the schema")
		}
	})
	t.Run("ErrParameterType", func(t *testing.T) {
		m := manifest(t)
		dig(m, "functions", "log_contribution", "input_parameters", "partner").(map[string]any)["type"] = 42
		if err := validate(t, sch, m); err == nil {
			t.Error("a parameter type that is not a name passed the schema")
		}
	})
}
