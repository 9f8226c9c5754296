package sandbox_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/sandbox"
	"github.com/partnercoach/partnercoach/slacksim"
)

// runFast runs the sandbox's clock at a day per second until it shows at
// least until, then puts it back at normal speed (it keeps the time reached).
func runFast(t *testing.T, sb *sandbox.Sandbox, until time.Time) {
	t.Helper()
	sb.Clock.SetSpeed(sandbox.FastSpeed)
	defer sb.Clock.SetSpeed(1)
	for deadline := time.Now().Add(30 * time.Second); sb.Clock.Now().Before(until); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the clock did not reach %v within 30 s", until)
		}
	}
}

// simTime is the time a Slack timestamp ("seconds.sequence") stands for.
func simTime(ts string) time.Time {
	sec, _, _ := strings.Cut(ts, ".")
	n, _ := strconv.ParseInt(sec, 10, 64)
	return time.Unix(n, 0).UTC()
}

// findValue is the value of the first element with actionID in blocks.
func findValue(v any, actionID string) (string, bool) {
	switch x := v.(type) {
	case map[string]any:
		if x["action_id"] == actionID {
			s, _ := x["value"].(string)
			return s, true
		}
		for _, c := range x {
			if s, ok := findValue(c, actionID); ok {
				return s, ok
			}
		}
	case []any:
		for _, c := range x {
			if s, ok := findValue(c, actionID); ok {
				return s, ok
			}
		}
	}
	return "", false
}

var reDateToken = regexp.MustCompile(`!date\^([0-9]+)\^`)

// TestOneClock: the fast clock is the bot's only time. An event booked two
// simulated days ahead (a date still in the future only on that clock) gets
// exactly one day-before reminder, posted the simulated day before at the
// schedule's hour; a snooze answers a simulated date; messages carry
// simulated times.
func TestOneClock(t *testing.T) {
	sb := start(t, false)
	ctx := context.Background()
	if _, err := sb.Sim.SlashCommand(ctx, alice, partners, "/partner", "add Nimbus Cloud cloud-operator"); err != nil {
		t.Fatal(err)
	}
	waitState(t, sb, alice, partners, "the partner added", func(s pageState) bool { return strings.Contains(s.Main, "Nimbus Cloud") })
	// Something to review: a balance review with nothing logged is skipped.
	if _, err := sb.Sim.SlashCommand(ctx, alice, partners, "/partner", "log nimbus got 10k EUR deal"); err != nil {
		t.Fatal(err)
	}
	waitState(t, sb, alice, partners, "the deal logged", func(s pageState) bool { return strings.Contains(s.Main, "Logged") })

	// Three simulated days pass first, so that real time and the clock differ.
	runFast(t, sb, time.Now().Add(3*24*time.Hour))
	now := sb.Clock.Now().UTC()
	event := time.Date(now.Year(), now.Month(), now.Day()+2, 14, 0, 0, 0, time.UTC)
	if _, err := sb.Sim.SlashCommand(ctx, alice, partners, "/partner", "webinar nimbus "+event.Format("2006-01-02")+" 14:00 Cost clinic"); err != nil {
		t.Fatal(err)
	}
	waitState(t, sb, alice, partners, "the webinar booked", func(s pageState) bool { return strings.Contains(s.Main, "Cost clinic") })
	for _, m := range sb.Sim.Messages(partners) {
		if strings.Contains(string(m.Blocks)+m.Text, "Cost clinic") && simTime(m.TS).Before(now.Add(-time.Minute)) {
			t.Errorf("the booking's message carries %v, before the clock's %v: slacksim's timestamps do not follow the clock", simTime(m.TS), now)
		}
	}

	runFast(t, sb, event.Add(26*time.Hour))
	var tomorrow []slacksim.Message
	for _, m := range sb.Sim.Messages(partners) {
		if strings.Contains(string(m.Blocks), "Tomorrow with Nimbus Cloud") {
			tomorrow = append(tomorrow, m)
		}
	}
	if len(tomorrow) != 1 {
		t.Fatalf("%d day-before reminders for the event, want exactly 1", len(tomorrow))
	}
	at := simTime(tomorrow[0].TS)
	if day := event.AddDate(0, 0, -1); at.Format("2006-01-02") != day.Format("2006-01-02") || at.Hour() < 9 || at.Hour() > 12 {
		t.Errorf("the day-before reminder came at %v (simulated), want %s from 09:00 UTC (the schedule 0 9 * * *)", at, day.Format("2006-01-02"))
	}

	// A week more brings a nudge with a snooze button (a webinar nudge on
	// Monday, or the monthly balance review).
	var nudge slacksim.Message
	var reminderID string
	sb.Clock.SetSpeed(sandbox.FastSpeed)
	for deadline := time.Now().Add(40 * time.Second); reminderID == ""; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no reminder with a snooze button within 40 simulated days")
		}
		for _, m := range sb.Sim.Messages(partners) {
			var v any
			_ = json.Unmarshal(m.Blocks, &v)
			if id, ok := findValue(v, "reminder.snooze"); ok {
				nudge, reminderID = m, id
				break
			}
		}
	}
	sb.Clock.SetSpeed(1)
	before := len(sb.Sim.Ephemerals(alice))
	if _, err := sb.Sim.Click(ctx, alice, nudge, "reminder.snooze", reminderID); err != nil {
		t.Fatal(err)
	}
	var answer string
	for deadline := time.Now().Add(10 * time.Second); answer == ""; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no answer to the snooze within 10 s")
		}
		if e := sb.Sim.Ephemerals(alice); len(e) > before {
			answer = string(e[len(e)-1].Blocks)
		}
	}
	m := reDateToken.FindStringSubmatch(answer)
	if m == nil {
		t.Fatalf("the snooze answer has no date: %s", answer)
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	until, want := time.Unix(n, 0), sb.Clock.Now().AddDate(0, 0, 7)
	if d := until.Sub(want); d < -24*time.Hour || d > 24*time.Hour {
		t.Errorf("snoozed until %v; want a week after the clock's %v (the wall clock says %v)", until.UTC(), sb.Clock.Now().UTC(), time.Now().UTC())
	}
}
