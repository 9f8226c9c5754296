package coach_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

func mustTemplates(t *testing.T, path string) *coach.Templates {
	t.Helper()
	tpl, err := coach.LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func itemIDs(tp coach.Template) []string {
	var ids []string
	for _, it := range tp.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

func TestLoadTemplates_Embedded(t *testing.T) {
	tpl := mustTemplates(t, "")
	if got := strings.Join(tpl.IDs(), ","); got != "selection,launch" {
		t.Fatalf("IDs() = %s, want selection,launch", got)
	}
	sel, _ := tpl.Get("selection")
	rules := map[string]bool{}
	for _, it := range sel.Items {
		rules[it.Rule] = true
	}
	for i := 1; i <= 12; i++ {
		if r := fmt.Sprintf("selection-%d", i); !rules[r] {
			t.Errorf("selection has no item for %s", r)
		}
	}
	launch, _ := tpl.Get("launch")
	rules = map[string]bool{}
	for _, it := range launch.Items {
		rules[it.Rule] = true
	}
	for i := 1; i <= 5; i++ {
		if r := fmt.Sprintf("pitfall-%d", i); !rules[r] {
			t.Errorf("launch has no item for %s", r)
		}
	}
	for _, id := range tpl.IDs() {
		tp, _ := tpl.Get(id)
		if tp.Title.EN == "" || tp.Title.FR == "" {
			t.Errorf("%s: title %+v, want English and French", id, tp.Title)
		}
		var must, nice int
		for _, it := range tp.Items {
			if it.Text.FR == "" || it.Why.EN == "" || it.Why.FR == "" {
				t.Errorf("%s/%s lacks French text or a why", id, it.ID)
			}
			if it.Priority == coach.MustHave {
				must++
			} else {
				nice++
			}
		}
		if must == 0 || nice == 0 {
			t.Errorf("%s: %d must-haves and %d nice-to-haves, want some of each", id, must, nice)
		}
	}
}

func TestLoadTemplates_Override(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		tpl := mustTemplates(t, filepath.Join("testdata", "templates_override.json"))
		if got := strings.Join(tpl.IDs(), ","); got != "selection,launch,renewal" {
			t.Fatalf("IDs() = %s, want selection,launch,renewal", got)
		}
		embedded, _ := mustTemplates(t, "").Get("launch")
		launch, _ := tpl.Get("launch")
		if got, want := itemIDs(launch), append(itemIDs(embedded), "lau-msp-runbook"); !slices.Equal(got, want) {
			t.Fatalf("launch items %v, want %v (replaced in place, new one appended)", got, want)
		}
		i := slices.Index(itemIDs(launch), "lau-trial")
		if it := launch.Items[i]; it.Text.EN != "A paid pilot is signed" || it.Priority != coach.MustHave {
			t.Fatalf("lau-trial = %+v, want the override", it)
		}
		if launch.Title != embedded.Title {
			t.Fatalf("title %+v, want the embedded one kept when the override gives none", launch.Title)
		}
		ren, err := tpl.Get(" Renewal ")
		if err != nil || ren.Title.FR != "Renouvellement annuel" || len(ren.Items) != 1 {
			t.Fatalf("renewal = %+v, %v", ren, err)
		}
		if !slices.Contains(itemIDs(coach.ForKind(launch, coach.KindManagedServices)), "lau-msp-runbook") ||
			slices.Contains(itemIDs(coach.ForKind(launch, coach.KindReseller)), "lau-msp-runbook") {
			t.Fatal("lau-msp-runbook should apply to managed-service providers only")
		}
	})
	for name, tt := range map[string]struct{ json, want string }{
		"ErrPriority":     {`{"templates":[{"id":"launch","items":[{"id":"x","priority":"maybe","text":{"en":"?"}}]}]}`, `item x: priority "maybe"`},
		"ErrNoText":       {`{"templates":[{"id":"launch","items":[{"id":"x","priority":"must","text":{"fr":"?"}}]}]}`, "item x: text.en is required"},
		"ErrKind":         {`{"templates":[{"id":"launch","items":[{"id":"x","priority":"nice","text":{"en":"?"},"kinds":["alien"]}]}]}`, `item x: kind "alien"`},
		"ErrItemID":       {`{"templates":[{"id":"launch","items":[{"id":"a b","priority":"nice","text":{"en":"?"}}]}]}`, `item "a b"`},
		"ErrDuplicate":    {`{"templates":[{"id":"launch","items":[{"id":"x","priority":"nice","text":{"en":"?"}},{"id":"x","priority":"must","text":{"en":"!"}}]}]}`, "item x appears twice"},
		"ErrTemplateID":   {`{"templates":[{"id":"Renewal","title":{"en":"R"},"items":[]}]}`, `template id "Renewal"`},
		"ErrNoTitle":      {`{"templates":[{"id":"renewal","items":[]}]}`, "template renewal has no English title"},
		"ErrUnknownField": {`{"templates":[{"id":"launch","itmes":[]}]}`, `unknown field "itmes"`},
		"ErrSyntax":       {`{"templates":[`, "unexpected EOF"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "teams.json")
			if err := os.WriteFile(path, []byte(tt.json), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := coach.LoadTemplates(path)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error naming %s and saying %q", err, path, tt.want)
			}
		})
	}
	t.Run("ErrMissingFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nope.json")
		if _, err := coach.LoadTemplates(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("got %v, want an error naming %s", err, path)
		}
	})
}

func TestTemplates_Get(t *testing.T) {
	tpl := mustTemplates(t, "")
	t.Run("OK", func(t *testing.T) {
		if got, err := tpl.Get("LAUNCH"); err != nil || got.ID != "launch" {
			t.Fatalf("Get(LAUNCH) = %q, %v", got.ID, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := tpl.Get("onboarding")
		if coach.ErrorCode(err) != coach.ENOTFOUND || !strings.Contains(err.Error(), "selection, launch") {
			t.Fatalf("got %v, want ENOTFOUND listing selection, launch", err)
		}
	})
	t.Run("IDsIsACopy", func(t *testing.T) {
		ids := tpl.IDs()
		ids[0] = "changed"
		if tpl.IDs()[0] != "selection" {
			t.Fatal("changing the slice from IDs() changed the templates")
		}
	})
}

func TestForKind(t *testing.T) {
	tp := coach.Template{ID: "t", Items: []coach.TemplateItem{
		{ID: "all"},
		{ID: "cloud", Kinds: []coach.Kind{coach.KindCloudOperator}},
		{ID: "channel", Kinds: []coach.Kind{coach.KindReseller, coach.KindDistributor}},
	}}
	for k, want := range map[coach.Kind][]string{
		coach.KindCloudOperator:  {"all", "cloud"},
		coach.KindDistributor:    {"all", "channel"},
		coach.KindSoftwareVendor: {"all"},
	} {
		if got := itemIDs(coach.ForKind(tp, k)); !slices.Equal(got, want) {
			t.Errorf("ForKind(%s) = %v, want %v", k, got, want)
		}
	}
	if len(tp.Items) != 3 {
		t.Fatalf("ForKind changed its argument: %d items left", len(tp.Items))
	}
}
