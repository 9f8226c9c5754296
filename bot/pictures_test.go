package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPictures renders what people see — a checklist after a few clicks and
// the App Home — from the bot's real output, through the simulator's
// renderer. With PARTNERCOACH_DOCS_DIR set it also writes the pages there
// (the README's pictures are screenshots of them).
func TestPictures(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Nimbus Cloud cloud-operator")
	e.command(alice, partners, "add Globex Integration integrator")
	e.command(alice, partners, "add Initech Software isv")
	e.command(alice, partners, "log nimbus got 48k EUR deal")
	e.command(alice, partners, "log nimbus gave 30k EUR resale")
	e.command(alice, partners, "stage nimbus onboarding")
	msg := e.command(alice, partners, "checklist nimbus launch")
	for i, c := range []struct{ user, item string }{{alice, "lau-cross-business"}, {bob, "lau-joint-offer"}, {alice, "lau-trial"}} {
		if _, err := e.sim.Click(context.Background(), c.user, msg, "checklist.toggle", "nimbus-cloud|launch|"+c.item+"|1"); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool { ms := e.sim.Messages(partners); return ms[len(ms)-1].Edited > i }, "the click to redraw")
	}
	var checklist = e.sim.Messages(partners)[len(e.sim.Messages(partners))-1]
	page := e.sim.MessagePage("Checklist", checklist.Blocks)
	for _, want := range []string{"Nimbus Cloud · Launching and running the partnership", "Must-haves 4/6 · Nice-to-haves 2/3", "First deal logged on", "Balance review reminder active",
		`<span class="mention">@alice</span>`, `<span class="mention">@bob</span>`, "✅", "⬜", `<button class="btn">Undo</button>`} {
		if !strings.Contains(page, want) {
			t.Fatalf("rendered checklist lacks %q", want)
		}
	}

	if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Home(alice) != nil }, "the home view")
	home := e.sim.MessagePage("App Home", homeBlocks(t, e.sim.Home(alice)))
	for _, want := range []string{"Your partnerships", "Nimbus Cloud", "Globex Integration", "Initech Software", "🟡 Leaning to one side on closed business."} {
		if !strings.Contains(home, want) {
			t.Fatalf("rendered home lacks %q", want)
		}
	}
	if dir := os.Getenv("PARTNERCOACH_DOCS_DIR"); dir != "" {
		for name, html := range map[string]string{"checklist.html": page, "home.html": home} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(html), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
