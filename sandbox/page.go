package sandbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/slacksim"
)

var pageTmpl = template.Must(template.ParseFS(static, "static/index.html"))

// pageData fills the page's shell; messages arrive through /api/state.
type pageData struct {
	Users    []slacksim.User
	Channels []slacksim.Channel
	Help     []helpLine
	Version  string
	Chrome   map[i18n.Locale]map[string]string // the page's own text, for app.js
}

// Lang is the bot's language for a Slack locale, for the page's hint.
func (pageData) Lang(slackLocale string) string { return string(i18n.FromSlack(slackLocale)) }

type helpLine struct{ Locale, Usage, Summary, Example string }

func (s *Sandbox) servePage(w http.ResponseWriter, _ *http.Request) {
	d := pageData{Users: s.Sim.Users(), Channels: s.Sim.Channels(), Version: s.opts.Version, Chrome: chrome}
	// The hint speaks each user's language, as the bot does.
	for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
		for _, e := range bot.HelpEntries(l) {
			ex := ""
			if len(e.Examples) > 0 {
				ex = e.Examples[0]
			}
			d.Help = append(d.Help, helpLine{Locale: string(l), Usage: e.Usage, Summary: e.Summary, Example: ex})
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = pageTmpl.Execute(w, d)
}

// state is what the page shows for one user and one view (a channel or
// "home"): the rendered messages or Home tab, and the top open modal.
type state struct {
	ETag  string  `json:"etag"`
	Main  string  `json:"main"`
	Modal string  `json:"modal"`
	Empty bool    `json:"empty"` // the Home tab was never published
	Speed float64 `json:"speed"`
	Clock int64   `json:"clock"` // the reminder clock, Unix milliseconds
}

// serveState answers at once when the state differs from the page's etag
// (?since=), else waits up to 25 s for a change: a long poll.
func (s *Sandbox) serveState(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	user, view, since := q.Get("user"), q.Get("view"), q.Get("since")
	if !s.knownUser(user) || (view != "home" && view != dmView && !s.knownChannel(view)) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "unknown user or view"})
		return
	}
	ctx, cancel := context.WithTimeout(req.Context(), 25*time.Second)
	defer cancel()
	var st state
	_ = s.Sim.WaitFor(ctx, func() bool {
		st = s.render(user, view)
		return st.ETag != since
	})
	if req.Context().Err() != nil {
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Sandbox) render(user, view string) state {
	st := state{Speed: s.Clock.Speed()}
	if view == "home" {
		home := s.Sim.Home(user)
		st.Empty = home == nil
		var v struct {
			Blocks json.RawMessage `json:"blocks"`
		}
		_ = json.Unmarshal(home, &v)
		st.Main = `<div class="home">` + s.Sim.RenderHTML(v.Blocks) + `</div>`
	} else if view == dmView { // files.go
		st.Main = s.messagesHTML(user, slacksim.DM(user))
	} else {
		st.Main = s.messagesHTML(user, view)
	}
	if stack := s.Sim.ModalStack(user); len(stack) > 0 {
		st.Modal = s.Sim.RenderView(stack[len(stack)-1])
	}
	sum := sha256.Sum256([]byte(st.Main + "\x00" + st.Modal + "\x00" + strconv.FormatFloat(st.Speed, 'f', -1, 64)))
	st.ETag = hex.EncodeToString(sum[:8])
	st.Clock = s.Clock.Now().UnixMilli()
	return st
}

// messagesHTML renders the channel as user sees it: everyone's messages and
// the ephemeral ones shown only to them, in order.
func (s *Sandbox) messagesHTML(user, channel string) string {
	msgs := s.Sim.Messages(channel)
	for _, m := range s.Sim.Ephemerals(user) {
		if m.Channel == channel {
			msgs = append(msgs, m)
		}
	}
	sort.SliceStable(msgs, func(i, j int) bool { return tsLess(msgs[i].TS, msgs[j].TS) })
	loc, lang := time.UTC, i18n.EN
	for _, u := range s.Sim.Users() {
		if u.ID == user {
			if l, err := time.LoadLocation(u.TZ); err == nil {
				loc = l
			}
			lang = i18n.FromSlack(u.Locale)
		}
	}
	var b strings.Builder
	for _, m := range msgs {
		cls := "msg"
		if m.Ephemeral {
			cls += " ephemeral"
		}
		b.WriteString(`<div class="` + cls + `" data-channel="` + template.HTMLEscapeString(m.Channel) + `" data-ts="` + template.HTMLEscapeString(m.TS) + `">`)
		b.WriteString(`<div class="avatar">PC</div><div class="content"><div class="meta"><span class="who">Partner Coach</span><span class="app">APP</span>`)
		b.WriteString(`<span class="when">` + tsTime(m.TS, loc) + `</span>`)
		if m.Edited > 0 {
			b.WriteString(`<span class="edited">` + template.HTMLEscapeString(chromeText(lang, "edited")) + `</span>`)
		}
		b.WriteString(`</div>`)
		if m.Ephemeral {
			b.WriteString(`<div class="only-you">👁 ` + template.HTMLEscapeString(chromeText(lang, "only_you")) + `</div>`)
		}
		blocks := m.Blocks
		if len(blocks) == 0 || string(blocks) == "null" || string(blocks) == "[]" {
			blocks, _ = json.Marshal([]any{map[string]any{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": m.Text}}})
		}
		b.WriteString(s.Sim.RenderHTML(blocks))
		b.WriteString(s.filesHTML(user, m, lang)) // files.go
		b.WriteString(`</div></div>`)
	}
	return b.String()
}

// tsLess orders Slack timestamps ("seconds.sequence").
func tsLess(a, b string) bool {
	as, aseq, _ := strings.Cut(a, ".")
	bs, bseq, _ := strings.Cut(b, ".")
	ai, _ := strconv.ParseInt(as, 10, 64)
	bi, _ := strconv.ParseInt(bs, 10, 64)
	if ai != bi {
		return ai < bi
	}
	an, _ := strconv.ParseInt(aseq, 10, 64)
	bn, _ := strconv.ParseInt(bseq, 10, 64)
	return an < bn
}

func tsTime(ts string, loc *time.Location) string {
	sec, _, _ := strings.Cut(ts, ".")
	n, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return ""
	}
	return time.Unix(n, 0).In(loc).Format("15:04")
}
