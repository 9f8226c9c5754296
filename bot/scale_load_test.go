package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// cmdRec is one command or click a virtual user sent, and what came of it.
type cmdRec struct {
	user, channel string
	kind          string // add, log, checklist, click, webinar, read
	text          string
	partner       string
	mark          string // the unique note (log) or title (webinar)
	template      string // checklist, click
	item          string // click
	done          bool   // click: the state asked for
	sent          time.Time
	res           slacksim.Result
	ackErr        error
	in            *incarnation // the incarnation whose connection got the envelope
	via           string       // how the answer came: "response", "post", "update"; "" for none
	success       bool
	repeat        bool    // answered that it was done already (the bot no longer says so: see inProgress)
	inProgress    bool    // answered "sent moments ago: done or still being done; send it again if no answer came"
	retryOf       *cmdRec // this is the user typing a command again that got no answer
	waited        time.Duration
	timedOut      bool
}

// vuser is a virtual user typing in their own channel, one command at a time.
type vuser struct {
	id, channel string
	rng         *rand.Rand
	partners    []string             // IDs whose add was confirmed
	named       int                  // partner names used so far
	lists       map[string]checklist // partner → the checklist message posted last
	seq         int
}

type checklist struct{ ts, template string }

// load drives the virtual users.
type load struct {
	sim       *slacksim.Server
	w         *wire
	remaining atomic.Int64
	recs      chan *cmdRec
}

const scaleMaxPartners = 5

func (ld *load) run(ctx context.Context, u *vuser) {
	for ld.remaining.Add(-1) >= 0 && ctx.Err() == nil {
		c := u.next(ld.w)
		ld.exec(ctx, u, c)
		ld.recs <- c
		// No answer: the user types it again (Slack does not redeliver;
		// people resubmit); told the first is still under way, they wait
		// the time the answer names and send it once more.
		for prev, tries := c, 0; c.kind != "read" && c.via == "" && !prev.timedOut && (prev.via == "" || prev.inProgress) && tries < 3; tries++ {
			if prev.inProgress {
				time.Sleep(15 * time.Second)
			}
			again := &cmdRec{user: c.user, channel: c.channel, kind: c.kind, text: c.text, partner: c.partner, mark: c.mark,
				template: c.template, item: c.item, done: c.done, retryOf: c}
			ld.exec(ctx, u, again)
			ld.recs <- again
			prev = again
		}
	}
}

// next picks the user's next command: a realistic mix that changes state
// (add, log, checklist clicks, webinar bookings) with reads between.
func (u *vuser) next(w *wire) *cmdRec {
	u.seq++
	c := &cmdRec{user: u.id, channel: u.channel}
	if len(u.partners) == 0 || (u.rng.Float64() < 0.03 && u.named < scaleMaxPartners) {
		name := fmt.Sprintf("Scale %s n%02d", u.id, u.named)
		u.named++
		c.kind, c.partner, c.text = "add", coach.Slug(name), "add "+name+" reseller"
		return c
	}
	p := u.partners[u.rng.IntN(len(u.partners))]
	c.partner = p
	r := u.rng.Float64()
	cl, hasList := u.lists[p]
	switch {
	case r < 0.30:
		c.kind, c.mark = "log", fmt.Sprintf("note-%s-%05d", u.id, u.seq)
		dir := []string{"gave", "got"}[u.rng.IntN(2)]
		kind := []string{"lead", "deal", "revenue", "co-marketing", "introduction"}[u.rng.IntN(5)]
		c.text = fmt.Sprintf("log %s %s %d EUR %s %s", p, dir, 100+u.rng.IntN(50_000), kind, c.mark)
	case r < 0.52 && hasList:
		bl := w.latestBlocks(cl.ts)
		vals := toggleValues(bl)
		if len(vals) == 0 {
			break
		}
		v := vals[u.rng.IntN(len(vals))]
		tv, _ := blocks.DecodeToggle(v)
		c.kind, c.template, c.item, c.done, c.text = "click", tv.TemplateID, tv.ItemID, tv.Done, v
		return c
	case r < 0.56:
		tpl := []string{coach.TemplateSelection, coach.TemplateLaunch}[u.rng.IntN(2)]
		c.kind, c.template, c.text = "checklist", tpl, fmt.Sprintf("checklist %s %s", p, tpl)
		return c
	case r < 0.62:
		c.kind, c.mark = "webinar", fmt.Sprintf("Webinar %s %05d", u.id, u.seq)
		// A slot of its own (a user's partners are theirs): a booking
		// within the hour of another one of the partner asks first.
		c.text = fmt.Sprintf("webinar %s 2027-%02d-%02d %02d:00 %s", p, 1+u.seq%12, 1+(u.seq/12)%28, 8+(u.seq/336)%10, c.mark)
		return c
	}
	if c.kind == "" {
		c.kind = "read"
		c.text = []string{"list", "show " + p, "balance " + p, "events " + p, "tip " + p, "health " + p, "reminders " + p}[u.rng.IntN(7)]
	}
	return c
}

// toggleValues lists the checklist buttons' values in a message's blocks.
func toggleValues(raw json.RawMessage) []string {
	var bs []struct {
		Accessory *struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"accessory"`
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	_ = json.Unmarshal(raw, &bs)
	var out []string
	for _, b := range bs {
		if b.Accessory != nil && b.Accessory.ActionID == blocks.ActionToggleItem {
			out = append(out, b.Accessory.Value)
		}
		for _, e := range b.Elements {
			if e.ActionID == blocks.ActionToggleItem {
				out = append(out, e.Value)
			}
		}
	}
	return out
}

// isFailure tells an error answer from a success: every failure the bot
// gives starts with a warning (or, for an unknown command, a puzzled face),
// and a command refused as a repeat of one done moments ago changes nothing.
func isFailure(text string) bool {
	return strings.HasPrefix(text, ":warning:") || strings.HasPrefix(text, ":thinking_face:") || isRepeat(text)
}

// isRepeat: the same state-changing command typed again within the dedupe
// window (here, re-posting a checklist) is answered "already done".
func isRepeat(text string) bool { return strings.HasPrefix(text, ":repeat:") }

// exec sends one command or click and waits for its answer, or for the
// certainty that none can come: the incarnation that got the envelope has
// finished (a killed one answers nothing more; a stopped one drained).
func (ld *load) exec(ctx context.Context, u *vuser, c *cmdRec) {
	var postsBefore, updatesBefore int
	var cl checklist
	switch c.kind {
	case "checklist":
		postsBefore = ld.w.postCount(u.channel)
	case "click":
		cl = u.lists[c.partner]
		updatesBefore = ld.w.updateCount(cl.ts)
	}
	c.sent = time.Now()
	if c.kind == "click" {
		msg := slacksim.Message{Channel: u.channel, TS: cl.ts, User: slacksim.BotUser, Blocks: ld.w.latestBlocks(cl.ts)}
		c.res, c.ackErr = ld.sim.Click(ctx, u.id, msg, blocks.ActionToggleItem, c.text)
	} else {
		c.res, c.ackErr = ld.sim.SlashCommand(ctx, u.id, u.channel, "/partner", c.text)
	}
	if c.res.Conn != "" {
		c.in = ld.w.incarnation(c.res.Conn)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		// Read before looking for the answer: once the incarnation has
		// finished, one more look is final.
		finished := c.in != nil && isClosed(c.in.finished)
		if text, ok := ld.w.answer(c.res.ResponseURL); ok {
			c.via, c.success = "response", !isFailure(text)
			// "Done or still being done: if you got no answer, send it
			// again in N seconds" confirms nothing.
			c.inProgress = isRepeat(text)
			break
		}
		if c.kind == "checklist" && ld.w.postCount(u.channel) > postsBefore {
			c.via, c.success = "post", true
			u.lists[c.partner] = checklist{ts: ld.w.post(u.channel, postsBefore).ts, template: c.template}
			break
		}
		if c.kind == "click" && ld.w.updateCount(cl.ts) > updatesBefore {
			c.via, c.success = "update", true
			break
		}
		if finished || errors.Is(c.ackErr, slacksim.ErrNoConnection) {
			break
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			c.timedOut = true
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.waited = time.Since(c.sent)
	if c.kind == "add" && (c.success || c.repeat) {
		u.partners = append(u.partners, c.partner)
	}
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
