package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/redis"
)

// checkCommands counts each command's answers in the simulator and checks
// the store against what users were told.
func checkCommands(t testing.TB, sim *slacksim.Server, w *wire, store *redis.Store, recs []*cmdRec, users []*vuser, f *scaleFigures) {
	t.Helper()
	ctx := context.Background()
	report := func(format string, args ...any) {
		if f.FirstErr == "" {
			f.FirstErr = fmt.Sprintf(format, args...)
		}
		t.Errorf(format, args...)
	}
	posted, clicked := map[string]int{}, map[string]int{}
	for _, c := range recs {
		uses := sim.ResponseUses(c.res.ResponseURL)
		w.mu.Lock()
		seen := len(w.answers[c.res.ResponseURL])
		w.mu.Unlock()
		if uses < seen {
			report("%s %q: the simulator counted %d answers, the bot's transport %d", c.kind, c.text, uses, seen)
		}
		if uses > seen {
			// Slack took the answer, but the bot's request failed on its
			// side (a timeout on a starved machine): the user saw it.
			f.AnsweredUnseen++
		}
		late := w.notices(c.res.ResponseURL)
		f.LateNotices += late
		n := uses - late
		switch c.via {
		case "post":
			n++
			posted[c.channel]++
		case "update":
			n++
			clicked[c.channel]++
		}
		if c.in != nil {
			f.PerIncarnation[c.in.name]++
		}
		if n > 1 {
			f.DuplicateAnswers++
			report("%s %q got %d answers", c.kind, c.text, n)
		}
		if n >= 1 {
			f.Answered++
			if c.ackErr != nil {
				f.AckLostAnswered++
			}
			text, seen := w.answer(c.res.ResponseURL)
			if seen && isRepeat(text) {
				f.RefusedRepeats++
			} else if seen && !c.success {
				f.Failed++
				if f.Failed <= 5 {
					t.Logf("%s %q was answered with a failure: %s", c.kind, c.text, text)
				}
			}
			continue
		}
		how := ""
		if c.in != nil {
			how, _ = c.in.fate()
		}
		switch {
		case how == "killed" && c.ackErr == nil:
			f.InFlightAcked++
		case how == "killed":
			// Sent to the killed replica's connection, before Slack (here
			// the simulator) noticed it was gone, or while it was going.
			f.InFlightNotAcked++
		case how == "stopped" && c.ackErr != nil:
			f.StopNotAcked++
		default:
			f.Unexplained++
			name := "none"
			if c.in != nil {
				name = c.in.name
			}
			report("%s %q (user %s) got no answer: replica %s (%s), ack error %v, waited %v, timed out %v", c.kind, c.text, c.user, name, how, c.ackErr, c.waited, c.timedOut)
		}
	}
	// The simulator's own view of the channels agrees with what users saw.
	for _, u := range users {
		var lists, edits int
		for _, m := range sim.Messages(u.channel) {
			if len(toggleValues(m.Blocks)) > 0 {
				lists++
				edits += m.Edited
			}
		}
		// Each click redraws its copy, and the other copies of that
		// checklist follow: at least as many redraws as clicks.
		if lists != posted[u.channel] || edits < clicked[u.channel] {
			report("channel %s shows %d checklists and %d redraws; users saw %d and %d", u.channel, lists, edits, posted[u.channel], clicked[u.channel])
		}
	}

	// The store against what users were told.
	partners, err := store.Partners(ctx, scaleTeam)
	if err != nil {
		t.Fatal(err)
	}
	exists := map[string]bool{}
	notes, titles := map[string]int{}, map[string]int{}
	for _, p := range partners {
		exists[p.ID] = true
		cs, err := store.Contributions(ctx, scaleTeam, p.ID, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			notes[c.Note]++
		}
		es, err := store.Events(ctx, scaleTeam, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			titles[e.Title]++
		}
	}
	type itemKey struct{ partner, template, item string }
	lastClick := map[itemKey]*cmdRec{}
	retries := map[*cmdRec][]*cmdRec{}
	for _, c := range recs {
		if c.retryOf != nil {
			retries[c.retryOf] = append(retries[c.retryOf], c)
			f.Retries++
			if c.repeat || c.inProgress {
				f.RetriesRefused++
			}
		}
	}
	for _, c := range recs {
		if c.retryOf != nil && c.kind != "click" {
			continue // judged with the command it repeats
		}
		// What the user was told: done, by either attempt; a repeat
		// refused as "doing it only once" also reads as done.
		told := c.success || c.repeat
		for _, r := range retries[c] {
			told = told || r.success || r.repeat
		}
		var stored int
		switch c.kind {
		case "add":
			if exists[c.partner] {
				stored = 1
			}
		case "log":
			stored = notes[c.mark]
		case "webinar":
			stored = titles[c.mark]
		case "click":
			lastClick[itemKey{c.partner, c.template, c.item}] = c
			continue
		default:
			continue
		}
		switch {
		case stored > 1:
			f.Duplicated++
			report("%s %q stored %d times", c.kind, c.text, stored)
		case told && stored == 0:
			f.Lost++
			report("%s %q was confirmed to the user but is not in the store (typed %d more times)", c.kind, c.text, len(retries[c]))
		case !told && stored == 1:
			f.AppliedUnconfirmed++
		}
	}
	for k, c := range lastClick {
		if !c.success {
			continue
		}
		states, err := store.ItemStates(ctx, scaleTeam, k.partner, k.template)
		if err != nil {
			t.Fatal(err)
		}
		if states[k.item].Done != c.done {
			f.Lost++
			report("click on %s/%s/%s confirmed done=%v, stored done=%v", k.partner, k.template, k.item, c.done, states[k.item].Done)
		}
	}
}

// checkReminders checks that every occurrence in (t0, tEnd] was posted, and
// none twice beyond what kills between posting and recording explain.
func checkReminders(t testing.TB, sim *slacksim.Server, w *wire, rems []coach.Reminder, t0, tEnd time.Time, f *scaleFigures) {
	t.Helper()
	expected := map[string]time.Time{}
	for _, r := range rems {
		s, err := remind.Parse(r.Spec, "UTC")
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range remind.DueOccurrences(s, r, t0, tEnd, 1<<20) {
			expected[occKey(r.ID, at)] = at
		}
	}
	f.Occurrences = len(expected)
	w.mu.Lock()
	defer w.mu.Unlock()
	byTS := map[string]*attempt{}
	for _, a := range w.attempts {
		if a.ts != "" && a.err == nil {
			byTS[a.ts] = a
		}
	}
	used := map[*attempt]bool{}
	covered := map[string]int{}
	by := map[string][]*attempt{}
	for _, r := range rems {
		for _, m := range sim.Messages(r.Channel) {
			if m.ThreadTS == "" && strings.Contains(m.Visible(), "are in the thread below") {
				continue // a partner's monthly thread parent: the reminders are its replies
			}
			f.ReminderPosts++
			a := byTS[m.TS]
			if a == nil {
				// Posted by a replica that never learnt it had: killed mid-post.
				f.ReminderOrphans++
				for _, b := range w.attempts {
					if b.channel == r.Channel && b.ts == "" && !used[b] && (a == nil || b.begin.Before(a.begin)) {
						if how, _ := b.in.fate(); how == "killed" {
							a = b
						}
					}
				}
				if a == nil {
					f.UnmatchedOrphans++
					t.Errorf("reminder post %s in %s matches no delivery", m.TS, r.Channel)
					continue
				}
			}
			used[a] = true
			done := a.end
			if done.IsZero() {
				done = a.begin
			}
			unrecorded := 0
			a.in.mu.Lock()
			for _, at := range a.at {
				k := occKey(a.reminder, at)
				covered[k]++
				if _, ok := expected[k]; !ok {
					t.Errorf("occurrence %s posted but not expected in (%v, %v]", k, t0, tEnd)
				}
				if !a.in.marked[k] {
					unrecorded++
				}
				by[k] = append(by[k], a)
				f.MaxReminderDelay = max(f.MaxReminderDelay, done.Sub(at))
			}
			a.in.mu.Unlock()
			if a.in.name == "sweep" {
				f.SweptAtEnd += len(a.at)
			}
			if how, _ := a.in.fate(); how == "killed" {
				f.ReminderExposed += unrecorded
			}
		}
	}
	for k := range expected {
		switch n := covered[k]; {
		case n == 0:
			f.ReminderLost++
			if f.ReminderLost <= 5 {
				t.Errorf("occurrence %s never posted", k)
			}
		case n > 1:
			f.ReminderDuplicated++
			explained := false
			for _, a := range by[k] {
				if how, _ := a.in.fate(); how == "killed" && !a.in.marked[k] {
					explained = true
				}
			}
			if !explained {
				for _, a := range by[k] {
					how, at := a.in.fate()
					t.Logf("occurrence %s (due %s) posted by %s (%s at %s): %d occurrences, begin %s end %s, recorded %v",
						k, expected[k].Format("15:04:05.000"), a.in.name, how, at.Format("15:04:05.000"), len(a.at), a.begin.Format("15:04:05.000"), a.end.Format("15:04:05.000"), a.in.marked[k])
				}
			}
		}
	}
	if f.ReminderDuplicated > f.ReminderExposed {
		t.Errorf("%d occurrences posted twice; only %d posts were made by a replica killed before recording them", f.ReminderDuplicated, f.ReminderExposed)
	}
}
