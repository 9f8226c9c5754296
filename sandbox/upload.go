package sandbox

import (
	"encoding/json"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/partnercoach/partnercoach/slacksim"
)

// Issue 17: a file attached in a form's file input. The page posts the
// file's bytes (base64 in JSON, as every sandbox call is JSON), the
// simulator keeps it as the user's upload, and the submission then carries
// its ID; submitView fills in the file objects Slack would.

// maxUpload bounds an upload's request: a 10 MB file in base64, and then some.
const maxUpload = 15 << 20

type uploadRequest struct {
	User    string `json:"user"`
	Name    string `json:"name"`
	Content []byte `json:"content"` // base64 in JSON
}

func (s *Sandbox) serveUpload(w http.ResponseWriter, req *http.Request) {
	if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]any{"ok": false, "error": "send application/json"})
		return
	}
	var r uploadRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, req.Body, maxUpload)).Decode(&r); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "the upload is not valid JSON or too large: " + err.Error()})
		return
	}
	name := path.Base(strings.ReplaceAll(r.Name, "\\", "/"))
	if !s.knownUser(r.User) || name == "" || name == "." || name == "/" || len(name) > 255 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "unknown user or bad file name"})
		return
	}
	id := s.Sim.UploadAs(r.User, name, r.Content)
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": map[string]any{"id": id}})
}

// withFiles replaces each file_input value's files, sent by the page as
// [{"id":…}], with the file objects Slack puts in a view_submission.
func (s *Sandbox) withFiles(st slacksim.ViewState) {
	for _, actions := range st {
		for id, v := range actions {
			if v["type"] != "file_input" {
				continue
			}
			var ids []string
			files, _ := v["files"].([]any)
			for _, f := range files {
				if m, ok := f.(map[string]any); ok {
					if fid, ok := m["id"].(string); ok {
						ids = append(ids, fid)
					}
				}
			}
			actions[id] = s.Sim.FileInput(ids...)
		}
	}
}
