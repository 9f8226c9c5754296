package slacksim

import (
	"fmt"
	"html"
	"strings"
)

// Interactive elements render as real form controls wrapped in a span that
// carries what a page needs to send the interaction back (data-action-id,
// data-type, data-value, data-block-id); RenderHTML's pictures ignore them.

func attr(v any) string {
	if v == nil {
		return ""
	}
	return html.EscapeString(fmt.Sprint(v))
}

func plain(v any) string {
	m, _ := v.(map[string]any)
	t, _ := m["text"].(string)
	return html.EscapeString(t)
}

func (s *Server) elementHTML(v any, blockID any) string {
	el, _ := v.(map[string]any)
	typ, _ := el["type"].(string)
	wrap := func(inner string) string {
		return fmt.Sprintf(`<span class="el" data-type="%s" data-action-id="%s" data-block-id="%s" data-value="%s">%s</span>`,
			attr(typ), attr(el["action_id"]), attr(blockID), attr(el["value"]), inner)
	}
	switch typ {
	case "button":
		cls := "btn"
		if st, _ := el["style"].(string); st != "" {
			cls += " " + html.EscapeString(st)
		}
		return wrap(fmt.Sprintf(`<button class="%s">%s</button>`, cls, s.textHTML(el["text"])))
	case "image":
		return fmt.Sprintf(`<span class="thumb" title="%s"></span>`, attr(el["alt_text"]))
	case "overflow":
		return wrap(`<select class="overflow" aria-label="More actions"><option value="">⋯</option>` + s.optionsHTML(el, nil) + `</select>`)
	}
	return wrap(s.controlHTML(el))
}

// controlHTML is the form control for a selection or input element.
func (s *Server) controlHTML(el map[string]any) string {
	typ, _ := el["type"].(string)
	ph := plain(el["placeholder"])
	switch typ {
	case "plain_text_input":
		if el["multiline"] == true {
			return fmt.Sprintf(`<textarea class="in" rows="4" placeholder="%s">%s</textarea>`, ph, attr(el["initial_value"]))
		}
		return fmt.Sprintf(`<input class="in" type="text" placeholder="%s" value="%s">`, ph, attr(el["initial_value"]))
	case "number_input":
		return fmt.Sprintf(`<input class="in" type="number" placeholder="%s" value="%s">`, ph, attr(el["initial_value"]))
	case "file_input": // issue 17: the page uploads the chosen file, then submits its ID
		var accept []string
		if types, ok := el["filetypes"].([]any); ok {
			for _, t := range types {
				accept = append(accept, "."+fmt.Sprint(t))
			}
		}
		return fmt.Sprintf(`<input class="in" type="file" accept="%s">`, attr(strings.Join(accept, ",")))
	case "datepicker":
		return fmt.Sprintf(`<input class="in" type="date" value="%s">`, attr(el["initial_date"]))
	case "timepicker":
		return fmt.Sprintf(`<input class="in" type="time" value="%s">`, attr(el["initial_time"]))
	case "static_select", "multi_static_select":
		multi := ""
		if typ == "multi_static_select" {
			multi = " multiple"
		}
		initial := map[string]bool{}
		if o, ok := el["initial_option"].(map[string]any); ok {
			initial[fmt.Sprint(o["value"])] = true
		}
		if os, ok := el["initial_options"].([]any); ok {
			for _, o := range os {
				if om, ok := o.(map[string]any); ok {
					initial[fmt.Sprint(om["value"])] = true
				}
			}
		}
		return fmt.Sprintf(`<select class="in"%s>%s%s</select>`, multi, placeholderOr(ph), s.optionsHTML(el, initial))
	case "users_select":
		var b strings.Builder
		for _, u := range s.Users() {
			fmt.Fprintf(&b, `<option value="%s"%s>@%s</option>`, attr(u.ID), selected(el["initial_user"] == u.ID), html.EscapeString(u.Name))
		}
		return fmt.Sprintf(`<select class="in">%s%s</select>`, placeholderOr(ph), b.String())
	case "conversations_select", "channels_select":
		var b strings.Builder
		for _, c := range s.Channels() {
			sel := el["initial_conversation"] == c.ID || el["initial_channel"] == c.ID
			fmt.Fprintf(&b, `<option value="%s"%s>#%s</option>`, attr(c.ID), selected(sel), html.EscapeString(c.Name))
		}
		return fmt.Sprintf(`<select class="in">%s%s</select>`, placeholderOr(ph), b.String())
	case "checkboxes", "radio_buttons":
		kind := "checkbox"
		if typ == "radio_buttons" {
			kind = "radio"
		}
		initial := map[string]bool{}
		for _, key := range []string{"initial_options", "initial_option"} {
			switch x := el[key].(type) {
			case []any:
				for _, o := range x {
					if om, ok := o.(map[string]any); ok {
						initial[fmt.Sprint(om["value"])] = true
					}
				}
			case map[string]any:
				initial[fmt.Sprint(x["value"])] = true
			}
		}
		var b strings.Builder
		b.WriteString(`<span class="choices">`)
		opts, _ := el["options"].([]any)
		for _, o := range opts {
			om, _ := o.(map[string]any)
			v := fmt.Sprint(om["value"])
			checked := ""
			if initial[v] {
				checked = " checked"
			}
			fmt.Fprintf(&b, `<label class="choice"><input type="%s" value="%s"%s><span>%s`, kind, attr(v), checked, s.textHTML(om["text"]))
			if d, ok := om["description"]; ok {
				fmt.Fprintf(&b, `<span class="desc">%s</span>`, s.textHTML(d))
			}
			b.WriteString(`</span></label>`)
		}
		b.WriteString(`</span>`)
		return b.String()
	}
	return fmt.Sprintf(`<span class="unsupported">[%s]</span>`, html.EscapeString(typ))
}

// placeholderOr is a menu's placeholder, or the client's own default. A
// default is marked data-default: a client (the sandbox page) says it in its
// reader's language, as Slack's client does.
func placeholderOr(ph string) string {
	if ph == "" {
		return `<option value="" data-default="select">Select an option</option>`
	}
	return `<option value="">` + ph + `</option>`
}

func selected(b bool) string {
	if b {
		return " selected"
	}
	return ""
}

// optionsHTML renders options and option groups as <option>s.
func (s *Server) optionsHTML(el map[string]any, initial map[string]bool) string {
	var b strings.Builder
	one := func(list any) {
		opts, _ := list.([]any)
		for _, o := range opts {
			om, _ := o.(map[string]any)
			v := fmt.Sprint(om["value"])
			fmt.Fprintf(&b, `<option value="%s"%s>%s</option>`, attr(v), selected(initial[v]), plain(om["text"]))
		}
	}
	one(el["options"])
	if gs, ok := el["option_groups"].([]any); ok {
		for _, g := range gs {
			gm, _ := g.(map[string]any)
			fmt.Fprintf(&b, `<optgroup label="%s">`, plain(gm["label"]))
			one(gm["options"])
			b.WriteString(`</optgroup>`)
		}
	}
	return b.String()
}

// inputHTML renders an input block: label, control, hint, and the inline
// error Slack shows in red under it after a response_action "errors".
func (s *Server) inputHTML(blk map[string]any, errs map[string]string) string {
	blockID, _ := blk["block_id"].(string)
	el, _ := blk["element"].(map[string]any)
	var b strings.Builder
	cls := "input"
	msg, bad := errs[blockID]
	if bad {
		cls += " invalid"
	}
	fmt.Fprintf(&b, `<div class="%s" data-block-id="%s"><label class="label">%s`, cls, attr(blockID), plain(blk["label"]))
	if blk["optional"] == true {
		b.WriteString(` <span class="optional" data-default="optional">(optional)</span>`)
	}
	b.WriteString(`</label>`)
	typ, _ := el["type"].(string)
	fmt.Fprintf(&b, `<span class="control" data-type="%s" data-action-id="%s">%s</span>`, attr(typ), attr(el["action_id"]), s.controlHTML(el))
	if h, ok := blk["hint"]; ok {
		fmt.Fprintf(&b, `<div class="hint">%s</div>`, s.textHTML(h))
	}
	if bad {
		fmt.Fprintf(&b, `<div class="error">%s</div>`, html.EscapeString(msg))
	}
	b.WriteString(`</div>`)
	return b.String()
}
