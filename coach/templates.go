package coach

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

//go:embed templates/checklists.json
var embeddedTemplates []byte

// Templates holds the checklist templates a team uses: the embedded ones,
// extended or overridden by a team's own file.
type Templates struct {
	byID  map[string]Template
	order []string
}

type templateFile struct {
	Templates []Template `json:"templates"`
}

// LoadTemplates returns the embedded templates, merged with the file at
// overridePath when it is not empty. The file has the embedded file's shape
// (testdata/templates_override.json is a worked example):
//
//	{"templates": [{"id": "launch", "title": {"en": …, "fr": …}, "items": [
//	  {"id": "lau-trial", "priority": "must"|"nice", "rule": "pitfall-5",
//	   "text": {"en": …, "fr": …}, "why": {"en": …, "fr": …}, "kinds": ["msp"]}]}]}
//
// A template with a new ID is added (it needs an English title); an item of a
// known template is added, or replaces the item with the same ID; a title,
// when given, replaces the title. Items cannot be removed: their states are
// stored by ID and a team's history should not vanish with a config change.
// Unknown fields are refused, so a misspelt key fails loudly at start-up.
func LoadTemplates(overridePath string) (*Templates, error) {
	t := &Templates{byID: map[string]Template{}}
	if err := t.merge("embedded templates", embeddedTemplates); err != nil {
		return nil, err
	}
	if overridePath != "" {
		b, err := os.ReadFile(overridePath)
		if err != nil {
			return nil, fmt.Errorf("checklist templates: %w", err)
		}
		if err := t.merge(overridePath, b); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *Templates) merge(source string, data []byte) error {
	var f templateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("checklist templates in %s: %w", source, err)
	}
	for _, in := range f.Templates {
		if in.ID == "" || in.ID != strings.ToLower(in.ID) || strings.ContainsAny(in.ID, badIDChars) {
			// Get lower-cases what users type, so an upper-case ID could never be found.
			return fmt.Errorf("checklist templates in %s: template id %q must be non-empty, lower-case, without spaces or : { } |", source, in.ID)
		}
		seen := map[string]bool{}
		cur, ok := t.byID[in.ID]
		if !ok {
			cur = Template{ID: in.ID}
			t.order = append(t.order, in.ID)
		}
		if in.Title.EN != "" {
			cur.Title = in.Title
		}
		for _, item := range in.Items {
			if err := validItem(item); err != nil {
				return fmt.Errorf("checklist templates in %s, template %s: %w", source, in.ID, err)
			}
			// Within one file a repeated ID is a copy-paste slip, not an
			// override: overrides replace items of an earlier file.
			if seen[item.ID] {
				return fmt.Errorf("checklist templates in %s, template %s: item %s appears twice; give each item its own id", source, in.ID, item.ID)
			}
			seen[item.ID] = true
			if i := slices.IndexFunc(cur.Items, func(x TemplateItem) bool { return x.ID == item.ID }); i >= 0 {
				cur.Items[i] = item
			} else {
				cur.Items = append(cur.Items, item)
			}
		}
		if cur.Title.EN == "" {
			return fmt.Errorf("checklist templates in %s: template %s has no English title", source, in.ID)
		}
		t.byID[in.ID] = cur
	}
	return nil
}

// badIDChars may not appear in template and item IDs: the bot packs them,
// ':'-separated, into Slack action values.
const badIDChars = " \t\n:{}|"

func validItem(it TemplateItem) error {
	switch {
	case it.ID == "" || strings.ContainsAny(it.ID, badIDChars):
		return fmt.Errorf("item %q: the id must be non-empty, without spaces or : { } |", it.ID)
	case it.Priority != MustHave && it.Priority != NiceToHave:
		return fmt.Errorf("item %s: priority %q must be %q or %q", it.ID, it.Priority, MustHave, NiceToHave)
	case it.Text.EN == "":
		return fmt.Errorf("item %s: text.en is required", it.ID)
	}
	if it.Evidence != "" && !knownEvidenceRule(it.Evidence) {
		return fmt.Errorf("item %s: evidence %q is not one of %s", it.ID, it.Evidence, strings.Join(EvidenceRules, ", "))
	}
	if it.Verdict && it.Priority != MustHave {
		return fmt.Errorf("item %s: only a must-have can give way to the verdict", it.ID)
	}
	for _, k := range it.Kinds {
		if !slices.Contains(Kinds, k) {
			return fmt.Errorf("item %s: kind %q is not one of %s", it.ID, k, joinKinds())
		}
	}
	return nil
}

// IDs lists the template IDs in the order they were defined.
func (t *Templates) IDs() []string { return slices.Clone(t.order) }

// Get returns a template by ID.
func (t *Templates) Get(id string) (Template, error) {
	tpl, ok := t.byID[strings.ToLower(strings.TrimSpace(id))]
	if !ok {
		tpl, ok = t.byID[templateWords[Slug(id)]]
	}
	if !ok {
		return Template{}, &Error{Code: ENOTFOUND, Field: "template", Key: "checklist.template.unknown", Args: []any{id, strings.Join(t.order, ", ")}}
	}
	return tpl, nil
}

// ForKind keeps the items that apply to a partner of kind k.
func ForKind(t Template, k Kind) Template {
	out := t
	out.Items = nil
	for _, it := range t.Items {
		if len(it.Kinds) == 0 || slices.Contains(it.Kinds, k) {
			out.Items = append(out.Items, it)
		}
	}
	return out
}
