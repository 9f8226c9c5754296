package bot_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

func (e *env) commitments(partner string) []coach.Commitment {
	e.t.Helper()
	cs, err := e.store.Commitments(context.Background(), "T0001", partner)
	if err != nil {
		e.t.Fatal(err)
	}
	return cs
}

// TestE2E_Commitments: add by command and by form, tick with the button
// and undo, edit through the form, delete and undo; all private.
func TestE2E_Commitments(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	due := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)

	m := e.command(alice, partners, "commit acme partner "+due+" train two sellers <@U0BOB>")
	if !m.Ephemeral {
		t.Fatal("the answer to commit is shown to the channel")
	}
	mustContain(t, m, "Added to the plan: *train two sellers*", "Joint plan with Acme", "<@U0BOB>", "1 open (0 late)")
	cs := e.commitments("acme")
	if len(cs) != 1 || cs[0].Side != coach.CommitPartner || cs[0].Person != bob || cs[0].Due.Format(time.DateOnly) != due || cs[0].CreatedBy != alice {
		t.Fatalf("stored %+v", cs)
	}
	id := cs[0].ID
	// The first commitment gave the partner its commitment reminder.
	if rs, _ := e.store.Reminders(context.Background(), "T0001"); reminder(rs, "acme:commitment").Channel != partners {
		t.Fatalf("reminders %+v", rs)
	}

	t.Run("SharedChannelPrivate", func(t *testing.T) {
		before := len(e.sim.Messages(shared))
		m := e.command(alice, shared, "commitments acme")
		if !m.Ephemeral || len(e.sim.Messages(shared)) != before {
			t.Fatalf("the plan is shown in a channel shared with another organisation: %+v", m)
		}
		mustContain(t, m, "train two sellers")
	})

	t.Run("BadInput", func(t *testing.T) {
		mustContain(t, e.command(alice, partners, "commit acme later "+due+" x"), `"later" is not a side`)
		mustContain(t, e.command(alice, partners, "commit acme us 2020-01-01 x"), "already over")
	})

	t.Run("TickAndUndo", func(t *testing.T) {
		ticked := e.redrawn(alice, m, "commitment.done", "acme|"+id)
		mustContain(t, ticked, "Kept: *train two sellers*", "0 open (0 late) · 1 kept")
		if c := e.commitments("acme")[0]; c.Status != coach.CommitmentDone || c.UpdatedBy != alice {
			t.Fatalf("after Done: %+v", c)
		}
		undone := e.redrawn(alice, ticked, "commitment.undo", `{"r":{"PartnerID":"acme","ID":"`+id+`"},"s":"open"}`)
		mustContain(t, undone, "is as it was", "1 open")
		if c := e.commitments("acme")[0]; c.Status != coach.CommitmentOpen {
			t.Fatalf("after Undo: %+v", c)
		}
	})

	t.Run("EditThroughTheForm", func(t *testing.T) {
		list := e.command(alice, partners, "commitments acme")
		if _, err := e.sim.Click(context.Background(), alice, list, "commitment.edit", "acme|"+id); err != nil {
			t.Fatal(err)
		}
		v := e.topView(alice, "the edit form")
		if vt := viewText(v.JSON); !strings.Contains(vt, "Edit commitment") || !strings.Contains(vt, "train two sellers") {
			t.Fatalf("edit form:\n%s", vt)
		}
		st := state(in(picked, "side", "both"), in(typed, "title", "train three sellers"), in(dated, "due", due), in(userPicked, "person", bob))
		e.submit(alice, v, st, "Saved")
		if c := e.commitments("acme")[0]; c.Title != "train three sellers" || c.Side != coach.CommitBoth || c.Person != bob {
			t.Fatalf("after edit: %+v", c)
		}
		_ = e.sim.CloseView(context.Background(), alice, v.ID)
	})

	t.Run("PartialOpensTheForm", func(t *testing.T) {
		v := e.form(alice, partners, "commit acme both")
		if vt := viewText(v.JSON); !strings.Contains(vt, "New commitment") || !strings.Contains(string(v.JSON), `"initial_option":{"text":{"type":"plain_text","text":"both sides"`) {
			t.Fatalf("form:\n%s", v.JSON)
		}
		_ = e.sim.CloseView(context.Background(), alice, v.ID)
	})

	t.Run("AddThroughTheForm", func(t *testing.T) {
		v := e.form(alice, partners, "commit acme")
		if vt := viewText(v.JSON); !strings.Contains(vt, "New commitment") || !strings.Contains(vt, "Partner: *Acme*") {
			t.Fatalf("form:\n%s", vt)
		}
		out, err := e.sim.SubmitView(context.Background(), alice, v.ID, state(in(picked, "side", "us"), in(typed, "title", ""), in(dated, "due", due)))
		if err != nil || out.Action != "errors" || out.Errors["title"] == "" {
			t.Fatalf("empty title: %+v, %v", out, err)
		}
		e.submit(alice, v, state(in(picked, "side", "us"), in(typed, "title", "send the price list"), in(dated, "due", due), in(typed, "person_name", "Marie")), "Added to the plan")
		cs := e.commitments("acme")
		if len(cs) != 2 {
			t.Fatalf("after the form: %+v", cs)
		}
		_ = e.sim.CloseView(context.Background(), alice, v.ID)
	})

	t.Run("DeleteAndUndo", func(t *testing.T) {
		list := e.command(alice, partners, "commitments acme")
		gone := e.redrawn(alice, list, "commitment.delete", "acme|"+id)
		mustContain(t, gone, "Deleted: *train three sellers*")
		if n := len(e.commitments("acme")); n != 1 {
			t.Fatalf("%d commitments after delete", n)
		}
		val := buttonValue(t, gone, "commitment.undo")
		e.redrawn(alice, gone, "commitment.undo", val)
		if n := len(e.commitments("acme")); n != 2 {
			t.Fatalf("%d commitments after undo", n)
		}
	})
}

// TestE2E_LateCommitmentLowersHealth: a late commitment costs health
// points, is a risk in the App Home with its count, and brings a tip.
func TestE2E_LateCommitmentLowersHealth(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "stage acme active")
	e.command(alice, partners, "log acme got 10k EUR deal first joint deal")
	before := e.command(alice, partners, "health acme")
	late := coach.Commitment{TeamID: "T0001", PartnerID: "acme", ID: "late1", Side: coach.CommitUs, Person: alice, Title: "send the price list",
		Due: time.Now().AddDate(0, 0, -3).Truncate(24 * time.Hour), Status: coach.CommitmentOpen, CreatedBy: alice, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := e.store.AddCommitment(context.Background(), late); err != nil {
		t.Fatal(err)
	}
	after := e.command(alice, partners, "health acme")
	mustContain(t, after, "Commitments* -5", "1 commitment late")
	if score(t, after) != score(t, before)-5 {
		t.Fatalf("health %d then %d, want 5 points less:\n%s", score(t, before), score(t, after), after.Visible())
	}
	mustContain(t, e.command(alice, partners, "tip acme"), "of the joint plan is late")
	mustContain(t, e.command(alice, partners, "commitments acme"), ":warning:", "1 open (1 late)")
	if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(string(e.sim.Home(alice)), "1 late commitment(s)") }, "the App Home to count the late commitment")
}

// TestE2E_CommitmentReminder: the person is told in a direct message on the
// due day, in their language, and nothing goes to the partner's channel.
func TestE2E_CommitmentReminder(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	mustContain(t, e.command(alice, partners, "commit acme us today send the price list <@U0BOB>"), "Added to the plan")
	inChannel := len(e.sim.Messages(partners))
	e.everySecond("acme", coach.ReminderCommitment, partners)
	e.runReminders()
	dm := e.waitMessage(slacksim.DM(bob), "send the price list")
	mustContain(t, dm, "Acme", "aujourd'hui") // Bob reads French
	if n := len(e.sim.Messages(partners)); n != inChannel {
		t.Fatalf("%d messages in the partner's channel; the reminder goes to the person", n)
	}
}

// buttonValue finds the value of the button actionID in msg.
func buttonValue(t *testing.T, msg slacksim.Message, actionID string) string {
	t.Helper()
	var found string
	var walk func(any)
	walk = func(x any) {
		switch v := x.(type) {
		case map[string]any:
			if v["action_id"] == actionID {
				found, _ = v["value"].(string)
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	var all any
	if err := json.Unmarshal(msg.Blocks, &all); err != nil {
		t.Fatal(err)
	}
	walk(all)
	if found == "" {
		t.Fatalf("no %s button in:\n%s", actionID, msg.Blocks)
	}
	return found
}

var healthScore = regexp.MustCompile(`health (\d+)/100`)

// score reads the score a /partner health answer shows.
func score(t *testing.T, m slacksim.Message) int {
	t.Helper()
	got := healthScore.FindStringSubmatch(m.Visible())
	if got == nil {
		t.Fatalf("no score in:\n%s", m.Visible())
	}
	n, _ := strconv.Atoi(got[1])
	return n
}
