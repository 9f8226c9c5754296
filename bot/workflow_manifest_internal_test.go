package bot

import (
	"maps"
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

type manifestParam struct {
	Type     string `yaml:"type"`
	Required bool   `yaml:"is_required"`
}

type manifestFunction struct {
	Inputs  map[string]manifestParam `yaml:"input_parameters"`
	Outputs map[string]manifestParam `yaml:"output_parameters"`
}

// manifestFunctions reads the steps the app manifest declares.
func manifestFunctions(t *testing.T) map[string]manifestFunction {
	t.Helper()
	raw, err := os.ReadFile("../deploy/slack-app-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Functions map[string]manifestFunction `yaml:"functions"`
	}
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m.Functions
}

// TestWorkflowStepsMatchManifest: the manifest declares each step the bot
// runs, with the inputs it reads, and nothing else; "user" (Slack's
// user_context) is required exactly where the step writes.
func TestWorkflowStepsMatchManifest(t *testing.T) {
	fns := manifestFunctions(t)
	if got, want := slices.Sorted(maps.Keys(fns)), slices.Sorted(maps.Keys(workflowSteps)); !slices.Equal(got, want) {
		t.Fatalf("the manifest declares %v, the bot runs %v", got, want)
	}
	for id, st := range workflowSteps {
		fn := fns[id]
		want := append(slices.Clone(st.inputs), "user")
		if got := slices.Sorted(maps.Keys(fn.Inputs)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: the manifest declares inputs %v, the bot reads %v", id, got, want)
		}
		if u := fn.Inputs["user"]; u.Type != "slack#/types/user_context" || u.Required != st.needsActor {
			t.Errorf("%s: input user is %q required=%v, want a user_context required=%v", id, u.Type, u.Required, st.needsActor)
		}
		if len(fn.Outputs) == 0 {
			t.Errorf("%s declares no outputs", id)
		}
	}
}
