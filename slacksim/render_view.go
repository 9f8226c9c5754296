package slacksim

import (
	"encoding/json"
	"fmt"
	"html"
)

// RenderView renders an open modal as Slack draws it: title bar with a close
// button, the blocks (inputs as form controls, with their inline errors in
// red), and the close and submit buttons. The root element carries
// data-view-id for the page that sends the submission back.
func (s *Server) RenderView(v View) string {
	var view struct {
		Title  map[string]any  `json:"title"`
		Submit map[string]any  `json:"submit"`
		Close  map[string]any  `json:"close"`
		Blocks json.RawMessage `json:"blocks"`
	}
	_ = json.Unmarshal(v.JSON, &view)
	closeText := `<span data-default="cancel">Cancel</span>` // the client's default, in its reader's language
	if view.Close != nil {
		closeText = plain(view.Close)
	}
	submit := ""
	if view.Submit != nil {
		submit = fmt.Sprintf(`<button class="btn primary" data-submit>%s</button>`, plain(view.Submit))
	}
	return fmt.Sprintf(`<div class="modal" role="dialog" aria-label="%s" data-view-id="%s">`+
		`<div class="modal-head"><span class="modal-title">%s</span><button class="modal-x" data-close aria-label="Close">×</button></div>`+
		`<form class="modal-body" onsubmit="return false">%s</form>`+
		`<div class="modal-foot"><button class="btn" data-close>%s</button>%s</div></div>`,
		plain(view.Title), html.EscapeString(v.ID), plain(view.Title), s.blocksHTML(view.Blocks, v.Errors), closeText, submit)
}
