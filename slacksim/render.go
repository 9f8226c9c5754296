package slacksim

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// emoji maps the shortcodes the bot uses to characters, for rendering.
var emoji = map[string]string{
	"warning": "⚠️", "bulb": "💡", "calendar": "📅", "lock": "🔒", "thinking_face": "🤔",
	"large_green_circle": "🟢", "large_yellow_circle": "🟡", "red_circle": "🔴", "white_circle": "⚪",
	"white_check_mark": "✅", "alarm_clock": "⏰", "tada": "🎉", "x": "❌", "hourglass_flowing_sand": "⏳", "handshake": "🤝",
	"repeat": "🔁", "heavy_check_mark": "✔️", "memo": "📝", "chart_with_upwards_trend": "📈", "chart_with_downwards_trend": "📉",
	"bell": "🔔", "moneybag": "💰", "star": "⭐", "rocket": "🚀", "eyes": "👀", "+1": "👍", "-1": "👎", "thumbsup": "👍",
	"information_source": "ℹ️", "no_entry": "⛔", "no_entry_sign": "🚫", "pushpin": "📌", "clipboard": "📋",
	"busts_in_silhouette": "👥", "link": "🔗", "mag": "🔍", "zzz": "💤", "double_vertical_bar": "⏸️", "arrow_right": "➡️",
	"hourglass": "⌛", "spiral_calendar_pad": "🗓️", "date": "📅", "email": "📧", "gear": "⚙️", "scales": "⚖️",
	"trophy": "🏆", "seedling": "🌱", "fire": "🔥", "sparkles": "✨", "wave": "👋", "question": "❓", "exclamation": "❗",
	"heavy_plus_sign": "➕", "wastebasket": "🗑️", "pencil2": "✏️", "speech_balloon": "💬", "construction": "🚧",
	"checkered_flag": "🏁", "books": "📚", "package": "📦", "moneybag_with_wings": "💸", "money_with_wings": "💸",
	"heavy_minus_sign": "➖", "point_right": "👉", "raised_hands": "🙌", "clap": "👏", "key": "🔑", "bar_chart": "📊",
}

var (
	reMention = regexp.MustCompile(`&lt;@([A-Z0-9]+)(?:\|[^&]*)?&gt;|<@([A-Z0-9]+)(?:\|[^>]*)?>`)
	reChannel = regexp.MustCompile(`<#([A-Z0-9]+)(?:\|[^>]*)?>`)
	// A date token: <!date^unix^format[^link]|fallback>.
	reDate            = regexp.MustCompile(`<!date\^([0-9]+)\^([^|>^]*)(?:\^[^|>]*)?\|([^>]*)>`)
	reDatePlaceholder = regexp.MustCompile("\x02([0-9]+)\x1f([^\x1f]*)\x1f([^\x03]*)\x03")
	reBold            = regexp.MustCompile(`\*([^*\n]+)\*`)
	reItalic          = regexp.MustCompile(`(^|\s)_([^_\n]+)_`)
	reCode            = regexp.MustCompile("`([^`\n]+)`")
	reEmoji           = regexp.MustCompile(`:([a-z0-9_+-]+):`)
	reCodeHolder      = regexp.MustCompile("\x04([0-9]+)\x05")
)

var (
	fenced = strings.NewReplacer("\u200b*\u200b", "\x10", "\u200b_\u200b", "\x11", "\u200b~\u200b", "\x12", "\u200b`\u200b", "\x13")
	// The fenced characters come back as typed, zero-width spaces included
	// (they show nothing and are what a reader would copy).
	unfenced = strings.NewReplacer("\x10", "\u200b*\u200b", "\x11", "\u200b_\u200b", "\x12", "\u200b~\u200b", "\x13", "\u200b`\u200b")
)

// mrkdwnToHTML renders Slack mrkdwn as a reader sees it. Slack's own escapes
// (&amp; &lt; &gt;) stay escaped, so user text that tried to be a mention
// shows as text; real mentions (<@U…>) become names.
func (s *Server) mrkdwnToHTML(t string) string {
	// Real mentions and channel links are the only raw '<…>' left after the
	// bot's escaping; turn them into placeholders before HTML-escaping.
	// A date token becomes a <time> element holding its fallback; a client
	// (the sandbox page) formats it in its reader's language and zone, as
	// Slack's clients do. Placeholders keep it whole through the escaping.
	t = reDate.ReplaceAllString(t, "\x02$1\x1f$2\x1f$3\x03")
	t = reChannel.ReplaceAllStringFunc(t, func(m string) string {
		id := reChannel.FindStringSubmatch(m)[1]
		return "\x00#" + s.channelName(id) + "\x01"
	})
	t = regexp.MustCompile(`<@([A-Z0-9]+)(?:\|[^>]*)?>`).ReplaceAllStringFunc(t, func(m string) string {
		id := reMention.FindStringSubmatch(m)[2]
		return "\x00@" + s.userName(id) + "\x01"
	})
	// What remains is text with Slack's entities; show it as Slack would.
	t = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(t)
	t = html.EscapeString(t)
	t = strings.NewReplacer("\x00", `<span class="mention">`, "\x01", "</span>").Replace(t)
	// A formatting character between zero-width spaces is text: it can
	// neither open nor close a format (what Slack's clients do with a
	// marker not touching the word it would format).
	t = fenced.Replace(t)
	// Inside a code span Slack's client formats nothing: set the spans
	// aside while bold, italics and emoji apply, then put them back.
	var spans []string
	t = reCode.ReplaceAllStringFunc(t, func(m string) string {
		spans = append(spans, "<code>"+m[1:len(m)-1]+"</code>")
		return fmt.Sprintf("\x04%d\x05", len(spans)-1)
	})
	t = reBold.ReplaceAllString(t, "<b>$1</b>")
	t = reItalic.ReplaceAllString(t, "$1<i>$2</i>")
	t = emojiHTML(t)
	t = reCodeHolder.ReplaceAllStringFunc(t, func(m string) string {
		var i int
		_, _ = fmt.Sscanf(m[1:len(m)-1], "%d", &i)
		return spans[i]
	})
	t = unfenced.Replace(t)
	t = reDatePlaceholder.ReplaceAllString(t, `<time class="date" data-ts="$1" data-format="$2">$3</time>`)
	return strings.ReplaceAll(t, "\n", "<br>")
}

// emojiHTML shows the shortcodes Slack's client knows as emoji, and leaves
// any other :word: as typed.
func emojiHTML(t string) string {
	return reEmoji.ReplaceAllStringFunc(t, func(m string) string {
		if e, ok := emoji[m[1:len(m)-1]]; ok {
			return e
		}
		return m
	})
}

func (s *Server) userName(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, ok := s.users[id]; ok {
		return u.Name
	}
	return id
}

func (s *Server) textHTML(v any) string {
	m, _ := v.(map[string]any)
	t, _ := m["text"].(string)
	if m["type"] == "mrkdwn" {
		return s.mrkdwnToHTML(t)
	}
	out := strings.ReplaceAll(html.EscapeString(t), "\n", "<br>")
	if m["emoji"] != false { // plain_text shows emoji unless the app says not to
		out = emojiHTML(out)
	}
	return out
}

// RenderHTML renders Block Kit blocks as HTML that looks like Slack's
// message view, for people (the offline sandbox, README pictures).
func (s *Server) RenderHTML(blocks json.RawMessage) string { return s.blocksHTML(blocks, nil) }

// blocksHTML renders blocks; errs are a modal's inline errors by block_id.
func (s *Server) blocksHTML(blocks json.RawMessage, errs map[string]string) string {
	var bs []map[string]any
	_ = json.Unmarshal(nonEmpty(blocks), &bs)
	var b strings.Builder
	for _, blk := range bs {
		switch blk["type"] {
		case "header":
			fmt.Fprintf(&b, `<div class="header">%s</div>`, s.textHTML(blk["text"]))
		case "divider":
			b.WriteString(`<hr>`)
		case "context":
			els, _ := blk["elements"].([]any)
			b.WriteString(`<div class="context">`)
			for _, e := range els {
				b.WriteString(s.textHTML(e))
			}
			b.WriteString(`</div>`)
		case "section":
			b.WriteString(`<div class="section"><div class="body">`)
			if t, ok := blk["text"]; ok {
				fmt.Fprintf(&b, `<div>%s</div>`, s.textHTML(t))
			}
			if fs, ok := blk["fields"].([]any); ok {
				b.WriteString(`<div class="fields">`)
				for _, f := range fs {
					fmt.Fprintf(&b, `<div>%s</div>`, s.textHTML(f))
				}
				b.WriteString(`</div>`)
			}
			b.WriteString(`</div>`)
			if acc, ok := blk["accessory"]; ok {
				fmt.Fprintf(&b, `<div class="accessory">%s</div>`, s.elementHTML(acc, blk["block_id"]))
			}
			b.WriteString(`</div>`)
		case "actions":
			els, _ := blk["elements"].([]any)
			b.WriteString(`<div class="actions">`)
			for _, e := range els {
				b.WriteString(s.elementHTML(e, blk["block_id"]))
			}
			b.WriteString(`</div>`)
		case "input":
			b.WriteString(s.inputHTML(blk, errs))
		case "image":
			fmt.Fprintf(&b, `<div class="context">[image: %s]</div>`, html.EscapeString(fmt.Sprint(blk["alt_text"])))
		case "data_visualization": // issue 16: charts (charts.go)
			b.WriteString(chartHTML(blk))
		}
	}
	return b.String()
}

// PageCSS styles RenderHTML's output like Slack's light theme.
const PageCSS = `body{font-family:"Lato","DejaVu Sans",Arial,sans-serif;font-size:15px;color:#1d1c1d;background:#fff;margin:0;padding:16px 20px;width:760px}
.msg{display:flex;gap:10px}.avatar{width:36px;height:36px;border-radius:6px;background:#1d4e89;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;flex:none}
.who{font-weight:900}.app{font-size:10px;background:#ddd;border-radius:3px;padding:1px 4px;margin-left:4px;color:#616061;font-weight:700}.when{color:#616061;font-size:12px;margin-left:6px}
.header{font-size:18px;font-weight:900;margin:6px 0}.context{color:#616061;font-size:12px;margin:4px 0}.section{display:flex;justify-content:space-between;gap:12px;margin:6px 0;line-height:1.45}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px;margin-top:4px}.accessory{flex:none}hr{border:none;border-top:1px solid #ddd;margin:8px 0}
.btn{font:inherit;font-size:13px;font-weight:700;border:1px solid #bbb;background:#fff;border-radius:4px;padding:3px 10px;margin-right:6px}.btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}
code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#e01e5a;font-size:12px}.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.chart{margin:8px 0;border:1px solid #ddd;border-radius:6px;padding:8px;width:max-content}.chart figcaption{font-weight:700;margin-bottom:4px}.legend{font-size:12px;color:#616061}.legend span{margin-right:10px}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}`

// MessagePage wraps a rendered message in a page that looks like one Slack message.
func (s *Server) MessagePage(title string, blocks json.RawMessage) string {
	return `<!doctype html><meta charset="utf-8"><title>` + html.EscapeString(title) + `</title><style>` + PageCSS + `</style>` +
		`<div class="msg"><div class="avatar">PC</div><div><div><span class="who">Partner Coach</span><span class="app">APP</span><span class="when">9:41 AM</span></div>` +
		s.RenderHTML(blocks) + `</div></div>`
}
