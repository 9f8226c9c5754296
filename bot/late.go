package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
)

// DefaultLateAfter is how long a command may go unanswered before the user
// is told the answer is coming: Slack's own "did not respond" comes at 3 s,
// and silence much longer than that reads as a failure.
const DefaultLateAfter = 2 * time.Second

// lateNotice posts "still working on it…" once, if a command has not
// answered LateAfter after it arrived. The command's first answer settles
// it (reply.answering); an answer that comes while the notice is being
// posted waits for it, so the user always reads the notice before the
// answer, never after.
type lateNotice struct {
	mu      sync.Mutex
	timer   *time.Timer
	settled bool
}

// watchLate arms the notice for a command that arrived at `since`; nil when
// there is nowhere to post it. Settle it when the work is over.
func (b *Bot) watchLate(ctx context.Context, since time.Time, user, responseURL string) *lateNotice {
	if responseURL == "" {
		return nil
	}
	n := &lateNotice{}
	n.mu.Lock()
	n.timer = time.AfterFunc(b.lateAfter()-time.Since(since), func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.settled {
			return
		}
		n.settled = true
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		l := b.lookups.locale(pctx, user)
		if err := b.postWebhook(pctx, responseURL, "ephemeral", blocks.Notice(":hourglass_flowing_sand: "+i18n.T(l, "still_working"))); err != nil {
			b.log.Warn("could not tell the user the answer will be late", slog.Any("error", err))
		}
	})
	n.mu.Unlock()
	return n
}

// settle disarms the notice, waiting for it if it is being posted. A nil
// notice (none armed) has nothing to settle.
func (n *lateNotice) settle() {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.settled = true
	n.timer.Stop()
}

func (b *Bot) lateAfter() time.Duration {
	if b.cfg.LateAfter > 0 {
		return b.cfg.LateAfter
	}
	return DefaultLateAfter
}
