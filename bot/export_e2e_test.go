package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/bolt"
	"github.com/slack-go/slack"
)

// exportRig is what the export scenario needs: a simulator with the bot
// connected, and the service over the store under test.
type exportRig struct {
	t   *testing.T
	sim *slacksim.Server
	svc *coach.Service
}

// TestE2E_Export_Redis and TestE2E_Export_Bolt run one scenario over the
// real bot, real Socket Mode and each real store.
func TestE2E_Export_Redis(t *testing.T) {
	e := start(t)
	exportScenario(exportRig{t: t, sim: e.sim, svc: e.svc})
}

func TestE2E_Export_Bolt(t *testing.T) {
	sim := slacksim.New()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "pc.db"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	svc := coach.NewService(store, tpl, []string{"U0ADMIN"})
	b, err := bot.New(bot.Config{BotToken: slacksim.BotToken, AppToken: slacksim.AppToken, APIURL: sim.URL(), Service: svc, DefaultTZ: "Europe/Paris"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Run returned %v", err)
		}
		_ = store.Close()
		sim.Close()
	})
	wctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := sim.WaitFor(wctx, func() bool { return sim.Connections() == 1 && b.Connected() }); err != nil {
		t.Fatalf("the bot did not connect: %v", err)
	}
	exportScenario(exportRig{t: t, sim: sim, svc: svc})
}

// export types /partner text as user and returns the answer that ends the
// command: the list of files sent, or the reason none were.
func (r exportRig) export(user, text string) slacksim.Message {
	r.t.Helper()
	before := len(r.sim.Ephemerals(user))
	if _, err := r.sim.SlashCommand(context.Background(), user, partners, "/partner", text); err != nil {
		r.t.Fatalf("/partner %s: %v", text, err)
	}
	var got slacksim.Message
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := r.sim.WaitFor(ctx, func() bool {
		for _, m := range r.sim.Ephemerals(user)[before:] {
			v := m.Visible()
			if strings.Contains(v, "Sent ") || strings.Contains(v, "Envoyé ") || strings.Contains(v, ":warning:") {
				got = m
				return true
			}
		}
		return false
	})
	if err != nil {
		r.t.Fatalf("no final answer to /partner %s: %+v", text, r.sim.Ephemerals(user)[before:])
	}
	return got
}

// newFiles returns the files completed after the first n, as their rows
// downloaded through url_private with the bot token, by file name.
func (r exportRig) newFiles(n int) map[string][][]string {
	r.t.Helper()
	api := slack.New(slacksim.BotToken, slack.OptionAPIURL(r.sim.URL()))
	out := map[string][][]string{}
	for _, f := range r.sim.Files()[n:] {
		var buf bytes.Buffer
		if err := api.GetFileContext(context.Background(), r.sim.FileURL(f.ID), &buf); err != nil {
			r.t.Fatalf("download %s: %v", f.Name, err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			r.t.Fatalf("%s is not valid CSV: %v", f.Name, err)
		}
		out[f.Name] = rows
	}
	return out
}

func exportScenario(r exportRig) {
	t, ctx := r.t, context.Background()
	r.sim.AddUser(slacksim.User{ID: "U0ADMIN", Name: "admin", Locale: "en-GB", TZ: "Europe/London"})
	acme, err := r.svc.AddPartner(ctx, "T0001", alice, coach.NewPartner{Name: "Acme", Channel: partners, Profile: coach.Profile{Notes: "=HYPERLINK(\"http://x\")"}})
	if err != nil {
		t.Fatal(err)
	}
	globex, err := r.svc.AddPartner(ctx, "T0001", bob, coach.NewPartner{Name: "Globex", Channel: partners})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []struct {
		actor string
		c     coach.NewContribution
	}{
		{alice, coach.NewContribution{PartnerID: acme.ID, Direction: coach.Got, Kind: coach.ContribDeal, Amount: coach.Money{Amount: 1250050, Currency: "EUR"}, Note: "@SUM(1+1)*cmd"}},
		{alice, coach.NewContribution{PartnerID: acme.ID, Direction: coach.Gave, Kind: coach.ContribLead, Amount: coach.Money{Currency: "EUR"}, Note: "plain, with \"quotes\""}},
		{bob, coach.NewContribution{PartnerID: globex.ID, Direction: coach.Got, Kind: coach.ContribRevenue, Amount: coach.Money{Amount: 700, Currency: "USD"}}},
	} {
		if _, err := r.svc.LogContribution(ctx, "T0001", in.actor, in.c); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("NonAdminGetsOwnPartnersInTheirDM", func(t *testing.T) {
		n := len(r.sim.Files())
		answer := r.export(alice, "export ledger")
		mustContain(t, answer, "Sent", "ledger", "2 rows")
		files := r.newFiles(n)
		if len(files) != 1 {
			t.Fatalf("%d files, want the ledger only", len(files))
		}
		f := r.sim.Files()[n]
		if !slices.Equal(f.Channels, []string{slacksim.DM(alice)}) {
			t.Fatalf("the file went to %v, want alice's DM only", f.Channels)
		}
		if dm := r.sim.Messages(slacksim.DM(alice)); len(dm) == 0 || !slices.Contains(dm[len(dm)-1].Files, f.ID) {
			t.Fatalf("alice's DM does not show the file: %+v", dm)
		}
		for _, rows := range files {
			if strings.Join(rows[0], ",") != "partner_id,id,date,direction,kind,amount,currency,note,author,created_at" {
				t.Fatalf("header %q", rows[0])
			}
			var notes []string
			for _, row := range rows[1:] {
				if row[0] != acme.ID {
					t.Fatalf("alice's export holds another owner's line: %q", row)
				}
				notes = append(notes, row[7])
				if row[7] == "'@SUM(1+1)*cmd" && (row[5] != "12500.50" || row[6] != "EUR") {
					t.Errorf("amount %q %q, want 12500.50 EUR", row[5], row[6])
				}
			}
			if !slices.Contains(notes, "'@SUM(1+1)*cmd") || !slices.Contains(notes, "plain, with \"quotes\"") {
				t.Fatalf("notes %q: want the formula neutralised and the quotes kept", notes)
			}
		}
	})

	t.Run("AdminGetsEveryPartnerAndEveryKind", func(t *testing.T) {
		n := len(r.sim.Files())
		mustContain(t, r.export("U0ADMIN", "export"), "Sent")
		files := r.newFiles(n)
		if len(files) != len(coach.ExportKinds) {
			t.Fatalf("files %v, want one per kind", len(files))
		}
		for name, rows := range files {
			if strings.Contains(name, "-partners-") {
				if len(rows) != 3 {
					t.Fatalf("partners file %q, want both partners", rows)
				}
				for _, row := range rows[1:] {
					if row[0] == acme.ID && !strings.HasPrefix(row[10], "'=") {
						t.Errorf("notes %q not neutralised", row[10])
					}
				}
			}
			if strings.Contains(name, "-ledger-") && len(rows) != 4 {
				t.Fatalf("ledger file %q, want 3 lines", rows)
			}
		}
	})

	t.Run("SomeoneElsesPartnerIsRefusedInFrench", func(t *testing.T) {
		n := len(r.sim.Files())
		mustContain(t, r.export(bob, "exporter registre acme"), ":warning:", "Seul le responsable")
		if len(r.sim.Files()) != n {
			t.Fatal("a refused export uploaded a file")
		}
	})

	t.Run("MissingScopeIsExplained", func(t *testing.T) {
		r.sim.DenyFilesWrite(true)
		defer r.sim.DenyFilesWrite(false)
		mustContain(t, r.export(alice, "export partners"), ":warning:", "files:write")
	})
}
