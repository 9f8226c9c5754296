package bot_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestE2E_WhatPeopleType: what people type is read right, through the
// real bot: names in any script, mentions and IDs, French words, typos,
// decimal chances, schedules that never fire, formatting characters, repeats.
func TestE2E_WhatPeopleType(t *testing.T) {
	e := start(t)
	ctx := context.Background()

	// Names in any script get a usable ID; invisible characters go.
	for name, id := range map[string]string{"Яндекс Облако": "yandeks-oblako", "华为技术": "华为技术", "شركة الاتصالات": "شركة-الاتصالات"} {
		mustContain(t, e.command(alice, partners, "add "+name), name)
		if p, err := e.store.Partner(ctx, "T0001", id); err != nil || p.Name != name {
			t.Fatalf("%s: stored %+v, %v", name, p, err)
		}
	}
	mustContain(t, e.command(alice, partners, "show yandeks"), "Яндекс Облако")
	mustContain(t, e.command(alice, partners, "add \"Evil\u202eCorp\u200b\""), "EvilCorp")
	if _, err := e.store.Partner(ctx, "T0001", "evilcorp"); err != nil {
		t.Fatalf("direction override not removed: %v", err)
	}

	// A typo of a kind is never glued into the name.
	mustContain(t, e.command(alice, partners, "add Acme resellr"), "not a partner kind", "Did you mean \"reseller\"", "quotes")
	mustContain(t, e.command(alice, partners, "add Acme @nobody"), "can't read \"@nobody\" as a Slack user")
	if _, err := e.store.Partner(ctx, "T0001", "acme-resellr"); err == nil {
		t.Fatal("the typo was glued into the name")
	}
	mustContain(t, e.command(alice, partners, "add Acme reseller <@U0BOB|bob> <#C0SHARED|acme-shared>"), "Acme")
	// Lists by owner and by channel, as Slack sends them and as IDs.
	for _, f := range []string{"<@U0BOB|bob>", "U0BOB", "<#C0SHARED|acme-shared>", "C0SHARED"} {
		got := e.command(alice, partners, "list "+f)
		mustContain(t, got, "Acme", "Partners (1)")
	}
	// Commands have French names too.
	mustContain(t, e.command(bob, partners, "liste acme"), "Acme", "Partenaires (1)")
	mustContain(t, e.command(bob, partners, "santé"), "Acme")
	mustContain(t, e.command(bob, partners, "bilan acme"), "Acme")
	mustContain(t, e.command(bob, partners, "sant"), "Vouliez-vous dire", "/partner health")
	// A filter nothing matches says so, and what a filter can be.
	mustContain(t, e.command(alice, partners, "list ended"), "No active partner matches “ended”", "a stage")
	mustContain(t, e.command(bob, partners, "list *nobody*"), "Aucun partenaire actif ne correspond à «", "nobody", "une étape")

	// French words, English always working.
	mustContain(t, e.command(bob, partners, "log acme reçu 12 500,50 EUR affaire première affaire"), "500,50 EUR (affaire)")
	mustContain(t, e.command(bob, partners, "stage acme actif"), "désormais un partenaire actif")
	mustContain(t, e.command(alice, partners, "checklist acme lancement"), "Launching")
	mustContain(t, e.command(alice, partners, "stage acme activ"), "Did you mean \"active\"")
	mustContain(t, e.command(alice, partners, "checklist Яндкс Облако launch"), "Did you mean", "Яндекс Облако")

	// Chances are whole percentages: a decimal one is refused, saying so.
	mustContain(t, e.command(alice, partners, "complexity acme Big: Bank 85,5 %, Acme 90%"), "whole percentages", "85% or 86%")

	// A schedule that never fires is refused.
	mustContain(t, e.command(bob, partners, "remind acme balance 0 0 30 2 *"), "ne se déclenche jamais")

	// Formatting characters in a name show as typed.
	added := e.command(alice, partners, "add \"Data_Corp *EU* ~x~ `y`\"")
	html := e.sim.RenderHTML(added.Blocks)
	z := "\u200b"
	shown := "<b>Data" + z + "_" + z + "Corp " + z + "*" + z + "EU" + z + "*" + z + " " + z + "~" + z + "x" + z + "~" + z + " " + z + "`" + z + "y" + z + "`" + z + "</b>"
	if strings.Contains(html, "<i>") || !strings.Contains(html, shown) {
		t.Fatalf("the name is not shown as typed:\n%s", html)
	}

	// Repeats: a read or a checklist is never refused; a repeated log is,
	// with the true time left.
	mustContain(t, e.command(alice, partners, "balance acme"), "Balance with Acme")
	mustContain(t, e.command(alice, partners, "balance acme"), "Balance with Acme")
	mustContain(t, e.command(alice, partners, "log acme gave 5 EUR lead"), "Logged")
	// The first command is marked done right after its answer is sent.
	time.Sleep(300 * time.Millisecond)
	dup := e.command(alice, partners, "log acme gave 5 EUR lead")
	mustContain(t, dup, "seconds ago", "more seconds")
	m := regexp.MustCompile(`for about (\d+) more seconds`).FindStringSubmatch(dup.Visible())
	if n, _ := strconv.Atoi(m[1]); n < 100 || n > 120 {
		t.Fatalf("time left %d s, want the two-minute window less a moment", n)
	}
}
