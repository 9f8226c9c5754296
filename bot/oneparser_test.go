package bot

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// TestOneParser runs every example of each kind of value through the
// command's argument parser (parseCommand, matchLeading, then the command's
// own) and through the form's reader fed a blocks.Form, and expects the same
// value from both; a refused example must be refused by both with the same
// error key. The README's examples are among them.
func TestOneParser(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	eur := func(minor int64) coach.Money { return coach.Money{Amount: minor, Currency: "EUR"} }
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 12, day, hour, minute, 0, 0, paris) }
	long := func(n int) string { return strings.Repeat("x", n) }

	for _, kind := range []struct {
		name     string
		command  func(t *testing.T, v string) (any, error)
		form     func(t *testing.T, v string) (any, string) // the value, or the error key
		accepted map[string]any
		refused  map[string]string // example → error key
	}{
		{
			name: "amount",
			command: func(t *testing.T, v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud got "+v+" EUR deal"))
				return a.amount, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readLog(t, now, blocks.Form{blocks.FieldAmount: v}, blocks.FieldAmount, func(in coach.NewContribution) any { return in.Amount })
			},
			accepted: map[string]any{"12500": eur(1250000), "12,500.50": eur(1250050), "12 500,50": eur(1250050), "12.5k": eur(1250000),
				"1.2m": eur(120000000), "0,50": eur(50), "12'500": eur(1250000), "5": eur(500),
				// French keyboards put a (narrow) no-break space between thousands.
				"12\u00a0500,50": eur(1250050), "12\u202f500,50": eur(1250050), "1 234 567,89": eur(123456789), "12,5k": eur(1250000)},
			refused: map[string]string{"-5": "contribution.amount.invalid", "1,2,3": "contribution.amount.invalid", "12 5": "contribution.amount.invalid",
				"1.234,567": "contribution.amount.precision", "99999999999999999999": "contribution.amount.too_large"},
		},
		{
			name: "currency",
			command: func(t *testing.T, v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud got 5 "+v+" deal"))
				return a.amount.Currency, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readLog(t, now, blocks.Form{blocks.FieldCurrency: v}, blocks.FieldCurrency, func(in coach.NewContribution) any { return in.Amount.Currency })
			},
			accepted: map[string]any{"EUR": "EUR", "eur": "EUR", "€": "EUR", "$": "USD", "£": "GBP", "jpy": "JPY"},
			refused:  map[string]string{"EURO": "contribution.currency.unknown", "XYZ": "contribution.currency.unknown"},
		},
		{
			name: "direction",
			command: func(t *testing.T, v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud "+v+" 5 EUR deal"))
				return a.dir, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readLog(t, now, blocks.Form{blocks.FieldDirection: v}, blocks.FieldDirection, func(in coach.NewContribution) any { return in.Direction })
			},
			accepted: map[string]any{"gave": coach.Gave, "got": coach.Got, "GOT": coach.Got, "received": coach.Got, "give": coach.Gave,
				"donné": coach.Gave, "donne": coach.Gave, "reçu": coach.Got, "recu": coach.Got, "Reçu": coach.Got},
			refused: map[string]string{"took": "contribution.direction.unknown"},
		},
		{
			name: "contribution kind",
			command: func(t *testing.T, v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud got 5 EUR "+v))
				return a.kind, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readLog(t, now, blocks.Form{blocks.FieldKind: v}, blocks.FieldKind, func(in coach.NewContribution) any { return in.Kind })
			},
			accepted: map[string]any{"lead": coach.ContribLead, "deal": coach.ContribDeal, "deals": coach.ContribDeal, "revenue": coach.ContribRevenue,
				"resale": coach.ContribResale, "co-marketing": coach.ContribCoMarketing, "intro": coach.ContribIntroduction, "introduction": coach.ContribIntroduction,
				"piste": coach.ContribLead, "affaire": coach.ContribDeal, "affaires": coach.ContribDeal, "revenu": coach.ContribRevenue, "chiffre-d-affaires": coach.ContribRevenue,
				"revente": coach.ContribResale, "présentation": coach.ContribIntroduction, "mise-en-relation": coach.ContribIntroduction},
			refused: map[string]string{"gift": "contribution.kind.unknown", "reveneu": "contribution.kind.unknown.hint", "resael": "contribution.kind.unknown.hint"},
		},
		{
			name: "note",
			command: func(t *testing.T, v string) (any, error) {
				a, err := parseLog(commandRest(t, "log", "log acme-cloud got 5 EUR deal "+v))
				return a.note, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readLog(t, now, blocks.Form{blocks.FieldNote: v}, blocks.FieldNote, func(in coach.NewContribution) any { return in.Note })
			},
			accepted: map[string]any{"first joint deal": "first joint deal", long(500): long(500)},
			refused:  map[string]string{long(501): "contribution.note.too_long"},
		},
		{
			name: "start (date and time in the user's zone)",
			command: func(t *testing.T, v string) (any, error) {
				start, _, err := parseWebinar(commandRest(t, "webinar", "webinar acme-cloud "+v+" Cloud clinic"), now, paris)
				return start, err
			},
			form: func(t *testing.T, v string) (any, string) {
				day, clock, _ := strings.Cut(v, " ")
				return readWebinar(t, now, blocks.Form{blocks.FieldDate: day, blocks.FieldTime: clock}, func(in coach.NewEvent) any { return in.Start })
			},
			accepted: map[string]any{"2026-12-10 14:00": at(10, 14, 0), "2026-12-10 14h30": at(10, 14, 30), "2026-12-10 9:05": at(10, 9, 5),
				"2026-12-10 2pm": at(10, 14, 0), "2026-12-10 14h": at(10, 14, 0), "tomorrow 9h": time.Date(2026, 11, 25, 9, 0, 0, 0, paris), "tomorrow 9h30": time.Date(2026, 11, 25, 9, 30, 0, 0, paris),
				"demain midi": time.Date(2026, 11, 25, 12, 0, 0, 0, paris), "today 23:30": time.Date(2026, 11, 24, 23, 30, 0, 0, paris)},
			refused: map[string]string{"someday 14:00": "date.invalid", "10/12/2026 14:00": "date.invalid", "2026-12-10 25h": "time.invalid",
				"2026-12-10 14.30": "time.invalid", "2026-11-01 10:00": "event.start.past", "today 9h": "event.start.past", "yesterday noon": "event.start.past"},
		},
		{
			name: "title",
			command: func(t *testing.T, v string) (any, error) {
				_, title, err := parseWebinar(commandRest(t, "webinar", "webinar acme-cloud 2026-12-10 14:00 "+v), now, paris)
				return title, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readWebinar(t, now, blocks.Form{blocks.FieldTitle: v}, func(in coach.NewEvent) any { return in.Title })
			},
			accepted: map[string]any{"Cloud cost clinic": "Cloud cost clinic", long(150): long(150)},
			refused:  map[string]string{long(151): "event.title.too_long"},
		},
		{
			name: "chance",
			command: func(t *testing.T, v string) (any, error) {
				_, parts, err := parseComplexity(commandRest(t, "complexity", "complexity acme-cloud Big Bank: Bank "+v))
				if err != nil {
					return nil, err
				}
				return parts[0].Chance, nil
			},
			form: func(t *testing.T, v string) (any, string) {
				return readDeal(t, blocks.Form{blocks.PartField(1, "name"): "Bank", blocks.PartField(1, "chance"): v}, blocks.PartField(1, "chance"),
					func(p coach.Part) any { return p.Chance })
			},
			accepted: map[string]any{"90%": 90, "90": 90, "90 %": 90, "1%": 1, "100%": 100},
			// Chances are whole percentages: a decimal one is refused,
			// naming the two nearest, the same way in both.
			refused: map[string]string{"85,5 %": "deal.chance.whole", "85.5%": "deal.chance.whole", "85,5%": "deal.chance.whole", "0%": "deal.chance.invalid", "101%": "deal.chance.invalid", "-5%": "deal.chance.invalid", "9x": "deal.chance.invalid", "abc": "deal.chance.invalid"},
		},
		{
			name: "part kind",
			command: func(t *testing.T, v string) (any, error) {
				_, parts, err := parseComplexity(commandRest(t, "complexity", "complexity acme-cloud Big Bank: GPU cluster "+v+" 60%"))
				if err != nil {
					return nil, err
				}
				return parts[0].Name + "/" + string(parts[0].Kind), nil
			},
			form: func(t *testing.T, v string) (any, string) {
				return readDeal(t, blocks.Form{blocks.PartField(1, "name"): "GPU cluster", blocks.PartField(1, "chance"): "60", blocks.PartField(1, "kind"): v},
					blocks.PartField(1, "kind"), func(p coach.Part) any { return p.Name + "/" + string(p.Kind) })
			},
			// In the command a word that is no kind is part of the name, so
			// only the form refuses one (its select cannot send it).
			accepted: map[string]any{"component": "GPU cluster/component", "party": "GPU cluster/party", "composant": "GPU cluster/component", "Component": "GPU cluster/component"},
		},
		{
			name: "partner kind",
			command: func(t *testing.T, v string) (any, error) {
				in, err := parseAdd(commandRest(t, "add", "add Acme "+v), "U0ME", "C0HERE")
				return in.Kind, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readAdd(t, blocks.Form{blocks.FieldKind: v}, blocks.FieldKind, func(in coach.NewPartner) any { return in.Kind })
			},
			// The README's kinds. The form reads more aliases ("cloud"), which
			// the command leaves in the name ("Acme Cloud").
			accepted: map[string]any{"reseller": coach.KindReseller, "distributor": coach.KindDistributor, "integrator": coach.KindIntegrator,
				"software-publisher": coach.KindSoftwareVendor, "isv": coach.KindSoftwareVendor, "ISV": coach.KindSoftwareVendor, "msp": coach.KindManagedServices,
				"cloud-operator": coach.KindCloudOperator, "technology": coach.KindTechnology, "si": coach.KindIntegrator, "var": coach.KindReseller,
				"revendeur": coach.KindReseller, "distributeur": coach.KindDistributor, "intégrateur": coach.KindIntegrator, "éditeur": coach.KindSoftwareVendor,
				"infogérant": coach.KindManagedServices, "opérateur-cloud": coach.KindCloudOperator, "hébergeur": coach.KindCloudOperator, "technologie": coach.KindTechnology},
			// A typo of a kind is never glued into the name.
			refused: map[string]string{"resellr": "add.kind_hint|partner.kind.unknown.hint", "integratr": "add.kind_hint|partner.kind.unknown.hint",
				"distribtor": "add.kind_hint|partner.kind.unknown.hint"},
		},
		{
			name: "partner name",
			command: func(t *testing.T, v string) (any, error) {
				in, err := parseAdd(commandRest(t, "add", "add "+v), "U0ME", "C0HERE")
				return in.Name, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readAdd(t, blocks.Form{blocks.FieldName: v}, blocks.FieldName, func(in coach.NewPartner) any { return in.Name })
			},
			accepted: map[string]any{"Acme Cloud": "Acme Cloud", "Acme  Cloud": "Acme Cloud", "Société Générale": "Société Générale", long(80): long(80),
				"Яндекс Облако": "Яндекс Облако", "华为技术": "华为技术", "شركة الاتصالات": "شركة الاتصالات", "Acme\u200b Clo\u202eud": "Acme Cloud", "Ça*va_bien~`x`": "Ça*va_bien~`x`"},
			refused: map[string]string{long(81): "partner.name.too_long", "!!!": "partner.name.no_letters"},
		},
		{
			name: "deal name",
			command: func(t *testing.T, v string) (any, error) {
				name, _, err := parseComplexity(commandRest(t, "complexity", "complexity acme-cloud "+v+": Bank 90%"))
				return name, err
			},
			form: func(t *testing.T, v string) (any, string) {
				c := &formCheck{l: i18n.EN}
				_, deal, _ := c.complexity(blocks.ModalMeta{Form: blocks.ModalComplexity, Partner: "acme-cloud"},
					fill(blocks.Form{blocks.FieldDeal: v}, blocks.Form{blocks.PartField(1, "name"): "Bank", blocks.PartField(1, "chance"): "90"}))
				if k := keyOf(c, blocks.FieldDeal); k != "" {
					return nil, k
				}
				return deal, ""
			},
			accepted: map[string]any{"Big Bank": "Big Bank", "Big  Bank": "Big Bank", long(80): long(80)},
			// (A name with no letters, "!!!", cannot reach the command's
			// parser: the partner's name, slugged, takes it in.)
			refused: map[string]string{long(81): "deal.name.too_long"},
		},
		{
			name: "part name",
			command: func(t *testing.T, v string) (any, error) {
				_, parts, err := parseComplexity(commandRest(t, "complexity", "complexity acme-cloud Big Bank: "+v+" 90%"))
				if err != nil {
					return nil, err
				}
				return parts[0].Name, nil
			},
			form: func(t *testing.T, v string) (any, string) {
				return readDeal(t, blocks.Form{blocks.PartField(1, "name"): v, blocks.PartField(1, "chance"): "90"}, blocks.PartField(1, "name"),
					func(p coach.Part) any { return p.Name })
			},
			accepted: map[string]any{"Bank": "Bank", "GPU  cluster": "GPU cluster", long(80): long(80)},
			refused:  map[string]string{long(81): "deal.part.too_long"},
		},
		{
			name: "stage",
			command: func(t *testing.T, v string) (any, error) {
				return parseStage(commandRest(t, "stage", "stage acme-cloud "+v))
			},
			form: func(t *testing.T, v string) (any, string) {
				return readAdd(t, blocks.Form{blocks.FieldStage: v}, blocks.FieldStage, func(in coach.NewPartner) any { return in.Stage })
			},
			accepted: map[string]any{"prospect": coach.StageProspect, "evaluating": coach.StageEvaluating, "onboarding": coach.StageOnboarding,
				"active": coach.StageActive, "Active": coach.StageActive, "at-risk": coach.StageAtRisk, "at risk": coach.StageAtRisk, "ended": coach.StageEnded,
				"évaluation": coach.StageEvaluating, "intégration": coach.StageOnboarding, "actif": coach.StageActive, "à risque": coach.StageAtRisk, "terminé": coach.StageEnded},
			refused: map[string]string{"dreaming": "partner.stage.unknown", "activ": "partner.stage.unknown.hint", "onbording": "partner.stage.unknown.hint"},
		},
		{
			name: "owner (user reference)",
			command: func(t *testing.T, v string) (any, error) {
				in, err := parseAdd(commandRest(t, "add", "add Acme "+v), "U0ME", "C0HERE")
				return in.Owner, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readAdd(t, blocks.Form{blocks.FieldOwner: v}, blocks.FieldOwner, func(in coach.NewPartner) any { return in.Owner })
			},
			// A form's select gives the bare ID; a command, the mention.
			// A word that is no user is, in the command, part of the name.
			accepted: map[string]any{"<@U0BOB|bob>": "U0BOB", "<@U0BOB>": "U0BOB", "U0BOB": "U0BOB", "W012ABCDE": "W012ABCDE"},
		},
		{
			name: "home channel (channel reference)",
			command: func(t *testing.T, v string) (any, error) {
				in, err := parseAdd(commandRest(t, "add", "add Acme "+v), "U0ME", "C0HERE")
				return in.Channel, err
			},
			form: func(t *testing.T, v string) (any, string) {
				return readAdd(t, blocks.Form{blocks.FieldChannel: v}, blocks.FieldChannel, func(in coach.NewPartner) any { return in.Channel })
			},
			accepted: map[string]any{"<#C0PARTNERS|partners>": "C0PARTNERS", "<#C0PARTNERS>": "C0PARTNERS", "C0PARTNERS": "C0PARTNERS", "G01ABCDEF": "G01ABCDEF"},
		},
		{
			name: "partner reference",
			command: func(t *testing.T, v string) (any, error) {
				_, _, args := parseCommand("show " + v)
				p, _, err := matchLeading(fuzzPartners, args)
				return p.ID, err
			},
			form: func(t *testing.T, v string) (any, string) {
				c := &formCheck{l: i18n.EN}
				ref := c.partnerRef(blocks.ModalMeta{Form: blocks.ModalLog}, blocks.Form{blocks.FieldPartner: v})
				// What resolvePartner does after the ack, without the store.
				p, err := coach.MatchPartner(fuzzPartners, ref)
				if err != nil {
					return nil, errKey(err)
				}
				return p.ID, ""
			},
			accepted: map[string]any{"acme-cloud": "acme-cloud", "Acme Cloud": "acme-cloud", "ACME DATA": "acme-data", "acme-c": "acme-cloud",
				"société": "societe-generale", "globex": "globex"},
			refused: map[string]string{"acme": "partner.ambiguous", "nobody": "partner.not_found", "Socite Generale": "partner.not_found.hint"},
		},
	} {
		t.Run(kind.name, func(t *testing.T) {
			for in, want := range kind.accepted {
				got, err := kind.command(t, in)
				if err != nil || !same(got, want) {
					t.Errorf("command %q: got %v, %v; want %v", in, got, err, want)
				}
				got, key := kind.form(t, in)
				if key != "" || !same(got, want) {
					t.Errorf("form %q: got %v, error %q; want %v", in, got, key, want)
				}
			}
			for in, want := range kind.refused {
				// "a|b": the command refuses with a, the form with b (the
				// command's add says how to keep the word in the name).
				wantCmd, wantForm, ok := strings.Cut(want, "|")
				if !ok {
					wantForm = wantCmd
				}
				if got, err := kind.command(t, in); errKey(err) != wantCmd {
					t.Errorf("command %q: got %v, error %v; want error %q", in, got, err, wantCmd)
				}
				if got, key := kind.form(t, in); key != wantForm {
					t.Errorf("form %q: got %v, error %q; want error %q", in, got, key, wantForm)
				}
			}
		})
	}
}

func same(got, want any) bool {
	if w, ok := want.(time.Time); ok {
		g, ok := got.(time.Time)
		return ok && g.Equal(w) && g.Location().String() == w.Location().String()
	}
	return reflect.DeepEqual(got, want)
}

// commandRest routes text as onCommand does and returns the arguments after
// the partner, as findPartner leaves them (add takes all its arguments).
func commandRest(t *testing.T, name, text string) []string {
	t.Helper()
	cmd, _, args := parseCommand(text)
	if cmd == nil || cmd.name != name {
		t.Fatalf("%q is not routed to %s", text, name)
	}
	if name == "add" {
		return args
	}
	_, rest, err := matchLeading(fuzzPartners, args)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return rest
}

// fill adds valid values for the inputs an example leaves empty.
func fill(f, valid blocks.Form) blocks.Form {
	for k, v := range valid {
		if _, ok := f[k]; !ok {
			f[k] = v
		}
	}
	for k, v := range f {
		f[k] = strings.TrimSpace(v) // as formValues does
	}
	return f
}

// keyOf is the error key under field, or the form's only one.
func keyOf(c *formCheck, fields ...string) string {
	for _, f := range fields {
		if k, ok := c.keys[f]; ok {
			return k
		}
	}
	for f, k := range c.keys {
		return f + ":" + k // an error elsewhere: the example is wrong
	}
	return ""
}

func readLog(t *testing.T, now time.Time, f blocks.Form, field string, value func(coach.NewContribution) any) (any, string) {
	t.Helper()
	c := &formCheck{l: i18n.EN}
	meta := blocks.ModalMeta{Form: blocks.ModalLog, Locale: i18n.EN, Partner: "acme-cloud", TZ: "Europe/Paris"}
	_, in := c.log(meta, fill(f, blocks.Form{blocks.FieldDirection: "got", blocks.FieldKind: "deal", blocks.FieldCurrency: "EUR",
		blocks.FieldAmount: "5", blocks.FieldDate: "2026-11-20"}), now)
	if k := keyOf(c, field); k != "" {
		return nil, k
	}
	return value(in), ""
}

func readWebinar(t *testing.T, now time.Time, f blocks.Form, value func(coach.NewEvent) any) (any, string) {
	t.Helper()
	c := &formCheck{l: i18n.EN}
	meta := blocks.ModalMeta{Form: blocks.ModalWebinar, Locale: i18n.EN, Partner: "acme-cloud", TZ: "Europe/Paris"}
	_, in := c.webinar(meta, fill(f, blocks.Form{blocks.FieldTitle: "Cloud clinic", blocks.FieldDate: "2026-12-10", blocks.FieldTime: "14:00"}), now)
	if k := keyOf(c, blocks.FieldTitle, blocks.FieldDate, blocks.FieldTime); k != "" {
		return nil, k
	}
	return value(in), ""
}

func readDeal(t *testing.T, f blocks.Form, field string, value func(coach.Part) any) (any, string) {
	t.Helper()
	c := &formCheck{l: i18n.EN}
	meta := blocks.ModalMeta{Form: blocks.ModalComplexity, Locale: i18n.EN, Partner: "acme-cloud"}
	_, _, parts := c.complexity(meta, fill(f, blocks.Form{blocks.FieldDeal: "Big Bank"}))
	if k := keyOf(c, field); k != "" {
		return nil, k
	}
	return value(parts[0]), ""
}

func readAdd(t *testing.T, f blocks.Form, field string, value func(coach.NewPartner) any) (any, string) {
	t.Helper()
	c := &formCheck{l: i18n.EN}
	in := c.add(fill(f, blocks.Form{blocks.FieldName: "Acme", blocks.FieldKind: "reseller", blocks.FieldStage: "prospect", blocks.FieldOwner: "U0ALICE"}))
	if k := keyOf(c, field); k != "" {
		return nil, k
	}
	return value(in), ""
}

// TestOneParser_READMEDeal reads the README's complexity example both ways.
func TestOneParser_READMEDeal(t *testing.T) {
	name, cmdParts, err := parseComplexity(commandRest(t, "complexity", "complexity acme-cloud Big Bank: Bank 90%, GPU cluster component 60%"))
	if err != nil || strings.TrimSpace(name) != "Big Bank" {
		t.Fatalf("command: %q, %v", name, err)
	}
	c := &formCheck{l: i18n.EN}
	_, deal, formParts := c.complexity(blocks.ModalMeta{Form: blocks.ModalComplexity, Partner: "acme-cloud"}, blocks.Form{blocks.FieldDeal: "Big Bank",
		blocks.PartField(1, "name"): "Bank", blocks.PartField(1, "chance"): "90%",
		blocks.PartField(2, "name"): "GPU cluster", blocks.PartField(2, "kind"): "component", blocks.PartField(2, "chance"): "60"})
	if c.errs != nil || deal != "Big Bank" {
		t.Fatalf("form: %q, %v", deal, c.errs)
	}
	want := []coach.Part{{Name: "Bank", Kind: coach.PartParty, Chance: 90}, {Name: "GPU cluster", Kind: coach.PartComponent, Chance: 60}}
	if !reflect.DeepEqual(cmdParts, want) || !reflect.DeepEqual(formParts, want) {
		t.Fatalf("command %+v, form %+v; want %+v", cmdParts, formParts, want)
	}
}
