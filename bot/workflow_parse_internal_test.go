package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// TestStepReadsAsTheCommand: a value given to a Workflow Builder step is
// read as the same value typed in the command (the third way in, after
// TestOneParser's command and form), and a value the command refuses is
// refused by the step with the same message, named after its input.
func TestStepReadsAsTheCommand(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	meta := func(form string) blocks.ModalMeta {
		return blocks.ModalMeta{Form: form, Locale: i18n.EN, TZ: "Europe/Paris", Partner: "acme-cloud", Name: "Acme Cloud"}
	}
	logStep := func(inputs map[string]any) (coach.NewContribution, error) {
		all := map[string]any{"partner": "acme-cloud", "direction": "got", "amount": "5", "currency": "EUR", "kind": "deal"}
		for k, v := range inputs {
			all[k] = v
		}
		_, in, err := readLogStep(&stepCall{locale: i18n.EN, inputs: all}, meta(blocks.ModalLog), now)
		return in, err
	}
	for _, kind := range []struct {
		name     string
		input    string // the input named in the step's refusal ("a|b": either)
		command  func(v string) (any, error)
		step     func(v any) (any, error)
		examples []any // strings as typed; numbers as Workflow Builder may send them
	}{
		{
			name: "amount", input: "amount",
			command: func(v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud got "+v+" EUR deal"))
				return a.amount, err
			},
			step: func(v any) (any, error) {
				in, err := logStep(map[string]any{"amount": v})
				return in.Amount, err
			},
			examples: []any{"12500", "12,500.50", "12 500,50", "12.5k", "0,50", 12500.5, "-5", "1,2,3", "1.234,567"},
		},
		{
			name: "currency", input: "currency",
			command: func(v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud got 5 "+v+" deal"))
				return a.amount.Currency, err
			},
			step: func(v any) (any, error) {
				in, err := logStep(map[string]any{"currency": v})
				return in.Amount.Currency, err
			},
			examples: []any{"EUR", "€", "$", "jpy", "XYZ"},
		},
		{
			name: "direction", input: "direction",
			command: func(v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud "+v+" 5 EUR deal"))
				return a.dir, err
			},
			step: func(v any) (any, error) {
				in, err := logStep(map[string]any{"direction": v})
				return in.Direction, err
			},
			examples: []any{"gave", "GOT", "received", "took"},
		},
		{
			name: "contribution kind", input: "kind",
			command: func(v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud got 5 EUR "+v))
				return a.kind, err
			},
			step: func(v any) (any, error) {
				in, err := logStep(map[string]any{"kind": v})
				return in.Kind, err
			},
			examples: []any{"lead", "deals", "intro", "co-marketing", "gift"},
		},
		{
			name: "start", input: "date|time",
			command: func(v string) (any, error) {
				start, _, err := parseWebinar(commandRest(t, "webinar", "webinar acme-cloud "+v+" Cloud clinic"), now, paris)
				return start, err
			},
			step: func(v any) (any, error) {
				day, clock, _ := strings.Cut(v.(string), " ")
				in, err := readWebinarStep(&stepCall{locale: i18n.EN, inputs: map[string]any{"partner": "acme-cloud", "date": day, "time": clock}}, meta(blocks.ModalWebinar), now)
				return in.Start, err
			},
			examples: []any{"2026-12-10 14:00", "2026-12-10 2pm", "tomorrow 9h30", "2026-12-10 25h", "2026-11-01 10:00", "10/12/2026 14:00"},
		},
		{
			name: "partner kind", input: "kind",
			command: func(v string) (any, error) {
				in, err := parseAdd(commandRest(t, "add", "add Acme "+v), "U0ALICE", "C0PARTNERS")
				return in.Kind, err
			},
			step: func(v any) (any, error) {
				in, err := readAddStep(&stepCall{locale: i18n.EN, actor: "U0ALICE", inputs: map[string]any{"name": "Acme", "channel": "C0PARTNERS", "kind": v}})
				return in.Kind, err
			},
			examples: []any{"isv", "si", "var", "reseller", "msp"},
		},
		{
			name: "partner name", input: "name",
			command: func(v string) (any, error) {
				in, err := parseAdd(commandRest(t, "add", "add "+v), "U0ALICE", "C0PARTNERS")
				return in.Name, err
			},
			step: func(v any) (any, error) {
				in, err := readAddStep(&stepCall{locale: i18n.EN, actor: "U0ALICE", inputs: map[string]any{"name": v, "channel": "C0PARTNERS"}})
				return in.Name, err
			},
			examples: []any{"Acme  Cloud", "Nimbus", strings.Repeat("x", 81), "---"},
		},
	} {
		t.Run(kind.name, func(t *testing.T) {
			for _, ex := range kind.examples {
				typed, ok := ex.(string)
				if !ok {
					typed = formatNumber(ex.(float64))
				}
				want, cmdErr := kind.command(typed)
				got, stepErr := kind.step(ex)
				switch {
				case cmdErr == nil && (stepErr != nil || !same(got, want)):
					t.Errorf("%v: the command reads %v, the step %v (%v)", ex, want, got, stepErr)
				case cmdErr != nil && stepErr == nil:
					t.Errorf("%v: the command refuses it (%v), the step reads %v", ex, cmdErr, got)
				case cmdErr != nil:
					named := false
					for _, input := range strings.Split(kind.input, "|") {
						named = named || strings.Contains(stepErr.Error(), input+": "+i18n.ErrorText(i18n.EN, cmdErr))
					}
					if !named {
						t.Errorf("%v: the step says %q, want %q after the input's name (%s)", ex, stepErr, i18n.ErrorText(i18n.EN, cmdErr), kind.input)
					}
				}
			}
		})
	}
}
