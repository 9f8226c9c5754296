package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

func text(t *testing.T, bl []slack.Block) string {
	t.Helper()
	raw, err := json.Marshal(bl)
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["text"].(string); ok {
				walk(s)
			}
			for k, y := range x {
				if k != "text" {
					walk(y)
				}
			}
			if tx, ok := x["text"].(map[string]any); ok {
				walk(tx)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		case string:
			s.WriteString(x + "\n")
		}
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	walk(v)
	return s.String()
}

// TestCoachingInFrench: the verdict, the evidence, schedules and stage
// changes read as French, with French typography.
func TestCoachingInFrench(t *testing.T) {
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	sel, _ := tpl.Get(coach.TemplateSelection)
	c := coach.Checklist{Partner: coach.Partner{ID: "acme", Name: "Acme"}, Template: sel,
		States:   map[string]coach.ItemState{"sel-trust": {ItemID: "sel-trust", NotMet: true, By: "U1", At: time.Now()}},
		Evidence: map[string]coach.Evidence{"sel-time-together": {Rule: coach.EvidenceJointEvent, Fact: coach.FactBooked, Name: "Atelier", At: time.Now()}}}
	got := text(t, blocks.Checklist(i18n.FR, c))
	for _, want := range []string{"*Écarté* : non rempli : « Confiance", "Marqué non rempli par <@U1>", "Événement commun « Atelier » prévu le", "Rouvrir", "Rempli"} {
		if !strings.Contains(got, want) {
			t.Errorf("French checklist lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Tous les critères indispensables sont remplis (un seul manquant") {
		t.Error("the item restating the rule is still shown")
	}
	for spec, want := range map[string]string{"monthly": "le premier lundi de chaque mois à 9 h", "weekly": "chaque lundi à 9 h", "0 9 * * 1": "selon l'expression `0 9 * * 1`"} {
		if got := blocks.Schedule(i18n.FR, spec); got != want {
			t.Errorf("Schedule(fr, %q) = %q, want %q", spec, got, want)
		}
	}
	for st, want := range map[coach.Stage]string{coach.StageEnded: "Le partenariat avec *Acme* a pris fin.", coach.StageAtRisk: "*Acme* est désormais à risque."} {
		if got := text(t, blocks.StageSet(i18n.FR, coach.Partner{Name: "Acme", Stage: st})); !strings.Contains(got, want) {
			t.Errorf("stage %s: %q, want %q", st, got, want)
		}
	}
	if got := text(t, blocks.StageSet(i18n.EN, coach.Partner{Name: "Acme", Stage: coach.StageEnded})); !strings.Contains(got, "The partnership with *Acme* has ended.") {
		t.Errorf("ended, in English: %q", got)
	}
	if got := blocks.MonthName(i18n.FR, "2026-12"); got != "décembre 2026" {
		t.Errorf("MonthName = %q", got)
	}
}
