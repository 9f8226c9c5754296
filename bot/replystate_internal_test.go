package bot

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// fakeSlack answers every Web API call with success and records what is
// posted to its response_url, /hook.
type fakeSlack struct {
	*httptest.Server
	mu    sync.Mutex
	hooks []string // texts posted to /hook
	calls []string // Web API methods called
}

func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		defer f.mu.Unlock()
		if r.URL.Path == "/hook" {
			var m struct{ Text string }
			_ = json.Unmarshal(body, &m)
			f.hooks = append(f.hooks, m.Text)
			_, _ = io.WriteString(w, "ok")
			return
		}
		method := strings.TrimPrefix(r.URL.Path, "/api/")
		f.calls = append(f.calls, method)
		w.Header().Set("Content-Type", "application/json")
		switch method {
		case "chat.postMessage":
			_, _ = io.WriteString(w, `{"ok":true,"channel":"C1","ts":"1.000100"}`)
		case "views.open":
			_, _ = io.WriteString(w, `{"ok":true,"view":{"id":"V1"}}`)
		case "users.info":
			_, _ = io.WriteString(w, `{"ok":true,"user":{"id":"U1","locale":"en-US","tz":"UTC"}}`)
		default:
			_, _ = io.WriteString(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSlack) lateNotices() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, h := range f.hooks {
		if strings.Contains(h, i18n.T(i18n.EN, "still_working")) {
			n++
		}
	}
	return n
}

func (f *fakeSlack) called(method string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.calls {
		if m == method {
			return true
		}
	}
	return false
}

func newTestBot(t *testing.T, f *fakeSlack, lateAfter time.Duration) *Bot {
	t.Helper()
	b, err := New(Config{BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: f.URL + "/api/",
		Service: coach.NewService(nil, nil, nil), Logger: slog.New(slog.DiscardHandler), LateAfter: lateAfter})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReply_LateNoticeSettledByAnyAnswer: the first answer to a command
// settles its late notice, whichever way it goes — the response_url, a post
// in the channel, a form, a modal opened in its place, a failure — so a
// command that answered and then keeps working never gets "still working
// on it…" after its answer. Without an answer the notice comes, once.
func TestReply_LateNoticeSettledByAnyAnswer(t *testing.T) {
	const lateAfter = 150 * time.Millisecond
	form := slack.ModalViewRequest{Type: slack.VTModal, CallbackID: blocks.ModalAddPartner}
	for _, c := range []struct {
		name    string
		answer  func(ctx context.Context, b *Bot, rp *reply, hook string) error
		method  string // the Web API call the answer made, if any
		notices int
	}{
		{"Respond", func(ctx context.Context, b *Bot, rp *reply, hook string) error {
			return b.respond(ctx, rp, hook, "ephemeral", blocks.Notice("done"))
		}, "", 0},
		{"ChannelPost", func(ctx context.Context, b *Bot, rp *reply, _ string) error {
			_, err := b.postAnswer(ctx, rp, "C1", blocks.Notice("done"))
			return err
		}, "chat.postMessage", 0},
		{"Form", func(ctx context.Context, b *Bot, rp *reply, hook string) error {
			return b.openForm(ctx, rp, "trigger", hook, i18n.EN, form, "add")
		}, "views.open", 0},
		{"ModalInstead", func(ctx context.Context, b *Bot, rp *reply, _ string) error {
			b.tell(ctx, rp, i18n.EN, slack.InteractionCallback{TriggerID: "trigger"}, blocks.Notice("done"))
			return nil
		}, "views.open", 0},
		{"Failure", func(ctx context.Context, b *Bot, rp *reply, hook string) error {
			b.fail(ctx, rp, i18n.EN, hook, "list", coach.NewError(coach.ENOTFOUND, "partner.not_found", "x"), "")
			return nil
		}, "", 0},
		{"NoAnswer", func(context.Context, *Bot, *reply, string) error { return nil }, "", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeSlack(t)
			b := newTestBot(t, f, lateAfter)
			ctx := context.Background()
			rp := &reply{late: b.watchLate(ctx, time.Now(), "U1", f.URL+"/hook")}
			if err := c.answer(ctx, b, rp, f.URL+"/hook"); err != nil {
				t.Fatal(err)
			}
			// The handler keeps working well past the notice's time.
			time.Sleep(3 * lateAfter)
			rp.late.settle() // the work is over (waits for a notice being posted)
			if n := f.lateNotices(); n != c.notices {
				t.Fatalf("got %d late notices, want %d", n, c.notices)
			}
			if c.method != "" && !f.called(c.method) {
				t.Fatalf("the answer did not call %s", c.method)
			}
		})
	}
}

// TestReply_FormForgetsTheClaim: a command that only opens a form asks for
// its dedupe claim to be released, so the same command may open it again.
func TestReply_FormForgetsTheClaim(t *testing.T) {
	f := newFakeSlack(t)
	b := newTestBot(t, f, time.Hour)
	rp := &reply{}
	if err := b.openForm(context.Background(), rp, "trigger", "", i18n.EN, slack.ModalViewRequest{Type: slack.VTModal}, "add"); err != nil {
		t.Fatal(err)
	}
	if !rp.forgotten() {
		t.Fatal("the form did not ask for the claim to be released")
	}
}

// TestReply_FailedClickCounted: a click the user is told failed counts as
// failed, whether it is answered through its response_url or, from the App
// Home, in a modal; a click that worked does not.
func TestReply_FailedClickCounted(t *testing.T) {
	f := newFakeSlack(t)
	b := newTestBot(t, f, time.Hour)
	click := func(actionID, value, responseURL string) slack.InteractionCallback {
		ic := slack.InteractionCallback{Type: slack.InteractionTypeBlockActions, ResponseURL: responseURL, TriggerID: "trigger"}
		ic.Team.ID, ic.User.ID = "T1", "U1"
		ic.ActionCallback.BlockActions = []*slack.BlockAction{{ActionID: actionID, Value: value}}
		return ic
	}
	for _, c := range []struct {
		name string
		ic   slack.InteractionCallback
		want string
	}{
		{"StaleButton", click(blocks.ActionToggleItem, "not a toggle", f.URL+"/hook"), OutcomeFailed},
		{"StaleButtonInHome", click(blocks.ActionToggleItem, "not a toggle", ""), OutcomeFailed},
		{"UnknownAction", click("nobody.knows", "x", f.URL+"/hook"), OutcomeFailed},
		{"NotAClick", slack.InteractionCallback{Type: slack.InteractionTypeBlockActions}, OutcomeHandled},
	} {
		t.Run(c.name, func(t *testing.T) {
			rp := &reply{}
			b.onInteraction(context.Background(), rp, c.ic)
			if got := rp.outcome(); got != c.want {
				t.Fatalf("outcome %q, want %q", got, c.want)
			}
		})
	}
}

// TestReply_Nil: a nil reply answers no envelope, and doing so is harmless.
func TestReply_Nil(t *testing.T) {
	var rp *reply
	rp.answering()
	rp.forget()
	rp.markFailed()
	if rp.forgotten() || rp.outcome() != OutcomeHandled {
		t.Fatal("a nil reply kept state")
	}
}
