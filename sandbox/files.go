package sandbox

import (
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/slacksim"
)

// Files shared with a message (an export in the app's DM) show as Slack
// shows them: a card with the name, the size and a download link. The link
// is the sandbox's, which fetches the bytes from the simulator's private
// URL as the Slack client would, for a user who can see the file.

// dmView is the page's view of the user's DM with the app.
const dmView = "dm"

var fileChrome = map[i18n.Locale]map[string]string{
	i18n.EN: {"download": "Download", "bytes": "%s bytes"},
	i18n.FR: {"download": "Télécharger", "bytes": "%s octets"},
}

func fileText(l i18n.Locale, key string) string {
	if s, ok := fileChrome[l][key]; ok {
		return s
	}
	return fileChrome[i18n.EN][key]
}

// filesHTML renders the files of message m as user sees them.
func (s *Sandbox) filesHTML(user string, m slacksim.Message, lang i18n.Locale) string {
	var b strings.Builder
	for _, id := range m.Files {
		f, ok := s.Sim.FileByID(id)
		if !ok {
			continue
		}
		href := "/files/" + url.PathEscape(f.ID) + "?user=" + url.QueryEscape(user)
		b.WriteString(`<div class="file" data-file="` + template.HTMLEscapeString(f.ID) + `">📄 <span class="file-name">` + template.HTMLEscapeString(f.Name) + `</span> `)
		b.WriteString(`<span class="file-size">` + template.HTMLEscapeString(fmt.Sprintf(fileText(lang, "bytes"), strconv.Itoa(len(f.Content)))) + `</span> `)
		b.WriteString(`<a class="file-download" download="` + template.HTMLEscapeString(f.Name) + `" href="` + template.HTMLEscapeString(href) + `">` + template.HTMLEscapeString(fileText(lang, "download")) + `</a></div>`)
	}
	return b.String()
}

// maysee reports whether user can see a file: shared in a channel (not a
// DM), or in their own DM with the app.
func mayseeFile(user string, f slacksim.File) bool {
	if f.User == user {
		return true
	}
	return slices.ContainsFunc(f.Channels, func(c string) bool {
		return c == slacksim.DM(user) || !strings.HasPrefix(c, "D")
	})
}

// serveFile downloads a file for the user named in the query, through the
// simulator's url_private.
func (s *Sandbox) serveFile(w http.ResponseWriter, req *http.Request) {
	user := req.URL.Query().Get("user")
	f, ok := s.Sim.FileByID(req.PathValue("id"))
	if !ok || !s.knownUser(user) || !mayseeFile(user, f) {
		http.NotFound(w, req)
		return
	}
	get, err := http.NewRequestWithContext(req.Context(), http.MethodGet, s.Sim.FileURL(f.ID)+"?download=1", nil)
	if err != nil {
		http.Error(w, "bad file URL", http.StatusInternalServerError)
		return
	}
	get.Header.Set("Authorization", "Bearer "+slacksim.BotToken)
	resp, err := http.DefaultClient.Do(get)
	if err != nil {
		http.Error(w, "the file could not be fetched", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path == "/signin" {
		http.Error(w, "the file could not be fetched", http.StatusBadGateway)
		return
	}
	for _, h := range []string{"Content-Type", "Content-Disposition", "Content-Length"} {
		if v := resp.Header.Get(h); v != "" {
			w.Header().Set(h, v)
		}
	}
	_, _ = io.Copy(w, resp.Body)
}
