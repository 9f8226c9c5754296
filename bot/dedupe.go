package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// Two kinds of duplicates reach the bot, and each is done once:
//
//   - The same envelope twice (same envelope_id, same trigger_id): Slack
//     redelivers after an ack it did not get. Envelope IDs seen in the last
//     envelopeMemory are remembered in this process; a second copy is acked
//     and dropped. (Slack retries only Events API envelopes: the App Home
//     is idempotent, so a copy reaching another replica does no harm, and
//     a Workflow Builder step claims its execution in the store, so it runs
//     once whichever replica gets it: see workflow.go.)
//   - The same command typed again: a user who saw no answer resubmits, and
//     Slack gives the resubmission a new trigger_id. Commands with an effect
//     that a repeat would double (a second contribution, event or partner)
//     claim (team, user, channel, text) for DedupeWindow in
//     the store, so this works across replicas; a claim taken by a command
//     that then failed is released, so "try again" means what it says.
const envelopeMemory = 10 * time.Minute

// DefaultDedupeWindow is how long an identical state-changing command from
// the same user in the same channel counts as a resubmission.
const DefaultDedupeWindow = 2 * time.Minute

// dedupeCommands are the commands whose repeat would double their effect;
// the others set a state (stage, archive, schedules), only read, or post
// what changes nothing (a checklist posted again is one more copy, kept up
// to date with the others: never refused).
var dedupeCommands = map[string]bool{"add": true, "log": true, "webinar": true}

// seenEnvelopes remembers envelope IDs for envelopeMemory.
type seenEnvelopes struct {
	mu   sync.Mutex
	at   map[string]time.Time
	adds int
}

// firstTime records id and reports whether it is new.
func (s *seenEnvelopes) firstTime(id string, now time.Time) bool {
	if id == "" {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.at == nil {
		s.at = map[string]time.Time{}
	}
	if t, ok := s.at[id]; ok && now.Sub(t) < envelopeMemory {
		return false
	}
	s.at[id] = now
	// Forget old IDs now and then, so memory stays bounded by the rate.
	if s.adds++; s.adds%1024 == 0 {
		for k, t := range s.at {
			if now.Sub(t) >= envelopeMemory {
				delete(s.at, k)
			}
		}
	}
	return true
}

// commandKey identifies a command by who typed what where: the text with
// spaces collapsed and case folded, hashed (it may hold anything).
func commandKey(user, channel, text string) string {
	norm := strings.ToLower(strings.Join(strings.Fields(text), " "))
	sum := sha256.Sum256([]byte(user + "\x00" + channel + "\x00" + norm))
	return "cmd." + hex.EncodeToString(sum[:16])
}

// claimCommand takes the dedupe claim for a state-changing command. It
// returns dup=true when the same command is already under way or was done
// within the window (the user has then been told), and otherwise a finish
// function to call with the command's outcome (it releases the claim when
// the command failed, or asked c.reply to forget it). When the store cannot
// be reached the command goes ahead: it will fail on the same store and say so.
func (b *Bot) claimCommand(ctx context.Context, c *call, text string) (finish func(error), dup bool) {
	noop := func(error) {}
	if b.claims == nil || !dedupeCommands[c.cmd.name] {
		return noop, false
	}
	dc := &dedupeClaim{occ: coach.Occurrence{TeamID: c.team, ReminderID: commandKey(c.user, c.channel, text), At: time.Unix(0, 0)},
		holder: "cmd/" + strconv.FormatInt(b.svc.Now().UnixMilli(), 10) + "/" + newRef() + newRef()}
	// While the command runs, its claim is a short lease, renewed: if the
	// replica dies mid-command the claim soon expires and the user's retry
	// runs (writes are idempotent through operationID). Only a command that
	// did its work holds the claim, as done, for the whole window.
	cl, err := b.claims.Claim(ctx, dc.occ, dc.holder, dedupeRunLease)
	if err != nil {
		b.log.Warn("command dedupe unavailable; going ahead", slog.String("command", c.cmd.name), slog.Any("error", err))
		return noop, false
	}
	if cl.Status != coach.ClaimTaken {
		// Done, under way, or its replica died moments ago (the claim
		// then expires within dedupeRunLease): never say it is done.
		b.log.Info("duplicate command answered once", slog.String("command", c.cmd.name), slog.String("user", c.user))
		text := i18n.T(c.locale, "duplicate_command", int((dedupeRunLease + 5*time.Second).Seconds()))
		if ago, left, ok := repeatTimes(cl, b.svc.Now(), b.dedupeWindow()); ok {
			// The true times: since the first one; when a claim that a
			// failed command could not give back (the store was down) runs
			// out; and until a done one lets a repeat through.
			text = i18n.T(c.locale, "duplicate_command.for", int(ago.Seconds()), int((dedupeRunLease + 5*time.Second).Seconds()), int(left.Seconds()+0.999))
		}
		_ = b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(":repeat: "+text))
		return nil, true
	}
	stopRenewing := b.renewWhileRunning(ctx, dc)
	return func(err error) {
		stopRenewing()
		// Mark the command done for the window when it did its work: it
		// succeeded, or only its answer was lost (the user is told it is
		// done). Otherwise the user was told to try again — or, when Slack
		// may have taken a post, to check before trying again — and the
		// retry must work.
		var ae *answerError
		if !c.reply.forgotten() && (err == nil || errors.As(err, &ae)) {
			b.markCommandDone(ctx, dc)
			return
		}
		b.releaseCommand(ctx, dc.occ, dc.holder)
	}, false
}

// dedupeRunLease is how long a running command's claim lasts unless renewed.
const dedupeRunLease = 10 * time.Second

// renewWhileRunning renews a running command's claim every third of its
// lease until the returned stop is called.
func (b *Bot) renewWhileRunning(ctx context.Context, dc *dedupeClaim) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(dedupeRunLease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), dedupeRunLease/3)
				_, _ = b.claims.Claim(rctx, dc.occ, dc.holder, dedupeRunLease)
				cancel()
			}
		}
	}()
	return func() { close(done); <-finished }
}

// markCommandDone keeps a done command's claim for the whole window.
func (b *Bot) markCommandDone(ctx context.Context, dc *dedupeClaim) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := b.claims.Claim(ctx, dc.occ, dc.holder, b.dedupeWindow()); err != nil {
		b.log.Warn("command dedupe claim not kept for the window; it expires soon", slog.Any("error", err))
	}
}

// repeatTimes reads when the command holding cl started (its holder is
// "cmd/<unix ms>/…") and so how long ago that was, and how long a repeat
// is still refused: the window from when it finished, which is a moment
// after it started (a command fails within seconds, and then its claim is
// released at once).
func repeatTimes(cl coach.Claim, now time.Time, window time.Duration) (ago, left time.Duration, ok bool) {
	rest, ok := strings.CutPrefix(cl.Holder, "cmd/")
	if !ok {
		return 0, 0, false
	}
	ms, _, _ := strings.Cut(rest, "/")
	start, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	ago = max(now.Sub(time.UnixMilli(start)), 0)
	return ago, max(window-ago, time.Second), true
}

// dedupeClaim is the claim a running command holds.
type dedupeClaim struct {
	occ    coach.Occurrence
	holder string
}

// releaseCommand gives the claim of a failed command back, retrying for a
// few seconds: a store that has just failed may be back in a moment, and a
// claim left behind would refuse the user's retry until the window ends.
func (b *Bot) releaseCommand(ctx context.Context, occ coach.Occurrence, holder string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 8*time.Second)
	defer cancel()
	wait := 250 * time.Millisecond
	for {
		err := b.claims.Release(ctx, occ, holder)
		if err == nil {
			return
		}
		select {
		case <-time.After(wait):
			wait *= 2
		case <-ctx.Done():
			b.log.Warn("command dedupe claim not released; a retry is refused until it expires",
				slog.Duration("expires_in", b.dedupeWindow()), slog.Any("error", err))
			return
		}
	}
}

func (b *Bot) dedupeWindow() time.Duration {
	if b.cfg.DedupeWindow > 0 {
		return b.cfg.DedupeWindow
	}
	return DefaultDedupeWindow
}

// operationID names what a state-changing command writes, so that writing
// it again changes nothing: the same user, channel and text within one
// dedupe window give the same ID. A retry after "try again" whose first
// write had in fact landed then finds it instead of adding a second copy.
// (A retry that crosses into the next window gets a new ID; the claim in
// claimCommand refuses deliberate repeats within the window anyway.)
func (b *Bot) operationID(c *call) string {
	bucket := b.svc.Now().Truncate(b.dedupeWindow()).Unix()
	text := c.cmd.name + " " + strings.Join(c.args, " ")
	return "cmd-" + commandKey(c.user+"\x00"+c.team, c.channel, text+"\x00"+strconv.FormatInt(bucket, 10))[4:]
}
