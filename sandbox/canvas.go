package sandbox

import (
	"html/template"
	"regexp"
	"strings"
)

// A channel's canvas (Slack's channel canvas tab) drawn above its
// messages: the markdown the bot wrote with conversations.canvases.create
// and canvases.edit, as simple HTML. Only what the living plan uses is
// drawn: headings, bullets, paragraphs, `code`, **bold**, user mentions
// ![](@U…) and backslash escapes.

var (
	canvasMention = regexp.MustCompile(`!\[\]\(@([A-Z0-9]+)\)`)
	canvasCode    = regexp.MustCompile("`([^`]*)`")
	canvasBold    = regexp.MustCompile(`\*\*([^*]+)\*\*`)
)

// canvasHTML is the channel's canvas as a panel, or "" when it has none.
func (s *Sandbox) canvasHTML(channel string) string {
	c, ok := s.Sim.ChannelCanvas(channel)
	if !ok {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<details class="canvas" open data-canvas="` + template.HTMLEscapeString(c.ID) + `"><summary>📄 Canvas`)
	if c.Title != "" {
		b.WriteString(": " + template.HTMLEscapeString(c.Title))
	}
	b.WriteString(`</summary><div class="canvas-body">`)
	inList := false
	for _, line := range strings.Split(c.Markdown, "\n") {
		item := strings.HasPrefix(line, "- ")
		if inList && !item {
			b.WriteString("</ul>")
			inList = false
		}
		switch {
		case strings.HasPrefix(line, "## "):
			b.WriteString("<h3>" + s.canvasInline(line[3:]) + "</h3>")
		case strings.HasPrefix(line, "# "):
			b.WriteString("<h2>" + s.canvasInline(line[2:]) + "</h2>")
		case item:
			if !inList {
				b.WriteString("<ul>")
				inList = true
			}
			b.WriteString("<li>" + s.canvasInline(line[2:]) + "</li>")
		case strings.TrimSpace(line) != "":
			b.WriteString("<p>" + s.canvasInline(line) + "</p>")
		}
	}
	if inList {
		b.WriteString("</ul>")
	}
	b.WriteString(`</div></details>`)
	return b.String()
}

// canvasInline draws one line's inline formats, escaped for HTML.
func (s *Sandbox) canvasInline(md string) string {
	// Backslash escapes first, kept aside as private-use runes so that
	// the formats below do not see them.
	var raw strings.Builder
	var kept []rune
	for i := 0; i < len(md); i++ {
		if md[i] == '\\' && i+1 < len(md) {
			kept = append(kept, rune(md[i+1]))
			raw.WriteRune(rune(0xE000 + len(kept) - 1))
			i++
			continue
		}
		raw.WriteByte(md[i])
	}
	out := template.HTMLEscapeString(raw.String())
	out = canvasMention.ReplaceAllStringFunc(out, func(m string) string {
		id := canvasMention.FindStringSubmatch(m)[1]
		name := id
		for _, u := range s.Sim.Users() {
			if u.ID == id {
				name = u.Name
			}
		}
		return `<span class="mention">@` + template.HTMLEscapeString(name) + `</span>`
	})
	out = canvasCode.ReplaceAllString(out, "<code>$1</code>")
	out = canvasBold.ReplaceAllString(out, "<b>$1</b>")
	// The escaped characters come back as text, HTML-escaped themselves.
	var b strings.Builder
	for _, r := range out {
		if r >= 0xE000 && int(r-0xE000) < len(kept) {
			b.WriteString(template.HTMLEscapeString(string(kept[r-0xE000])))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
