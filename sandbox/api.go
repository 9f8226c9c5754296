package sandbox

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

//go:embed static
var static embed.FS

// Handler serves the page, its assets and the JSON API the page calls.
// Every action goes through the simulator's user-side methods, exactly as a
// Slack user's would.
func (s *Sandbox) Handler() http.Handler {
	mux := http.NewServeMux()
	assets, _ := fs.Sub(static, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /{$}", s.servePage)
	mux.HandleFunc("GET /api/state", s.serveState)
	mux.HandleFunc("POST /api/command", s.post(s.command))
	mux.HandleFunc("POST /api/click", s.post(s.click))
	mux.HandleFunc("POST /api/choose", s.post(s.choose))
	mux.HandleFunc("POST /api/home/open", s.post(s.openHome))
	mux.HandleFunc("POST /api/home/click", s.post(s.homeClick))
	mux.HandleFunc("POST /api/view/submit", s.post(s.submitView))
	mux.HandleFunc("POST /api/upload", s.serveUpload) // issue 17: a form's file input (upload.go)
	mux.HandleFunc("POST /api/view/action", s.post(s.viewAction))
	mux.HandleFunc("POST /api/view/close", s.post(s.closeView))
	mux.HandleFunc("POST /api/clock", s.post(s.setClock))
	mux.HandleFunc("POST /api/demo", s.post(s.demo))
	mux.HandleFunc("GET /workflow", s.serveWorkflowPage) // workflow.go
	mux.HandleFunc("GET /api/workflow/meta", s.serveWorkflowMeta)
	mux.HandleFunc("POST /api/workflow/run", s.serveRunStep)
	mux.HandleFunc("GET /files/{id}", s.serveFile) // files.go: exports shared in a DM
	return mux
}

// request is the body of every POST; each endpoint reads what it needs.
type request struct {
	User     string             `json:"user"`
	Channel  string             `json:"channel"`
	TS       string             `json:"ts"`
	Text     string             `json:"text"`
	ActionID string             `json:"action_id"`
	Value    string             `json:"value"`
	Values   []string           `json:"values"`
	ViewID   string             `json:"view_id"`
	State    slacksim.ViewState `json:"state"`
	Fast     bool               `json:"fast"`
}

// errUser is a mistake the page shows as is (not a failure of the sandbox).
type errUser struct{ msg string }

func (e errUser) Error() string { return e.msg }

// post decodes the request, checks the user, runs fn and answers
// {"ok":true} or {"ok":false,"error":…}.
func (s *Sandbox) post(fn func(ctx context.Context, r request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		// JSON only: another site's page cannot send that without a CORS
		// preflight, which this server never grants (it has no login).
		if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt != "application/json" {
			writeJSON(w, http.StatusUnsupportedMediaType, map[string]any{"ok": false, "error": "send application/json"})
			return
		}
		var r request
		if err := json.NewDecoder(http.MaxBytesReader(w, req.Body, 1<<20)).Decode(&r); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "the request body is not valid JSON: " + err.Error()})
			return
		}
		if !s.knownUser(r.User) {
			writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": fmt.Sprintf("unknown user %q", r.User)})
			return
		}
		ctx, cancel := context.WithTimeout(req.Context(), 30*time.Second)
		defer cancel()
		out, err := fn(ctx, r)
		if err != nil {
			var ue errUser
			status := http.StatusBadGateway
			if errors.As(err, &ue) || errors.Is(err, slacksim.ErrNoSuchView) {
				status = http.StatusBadRequest
			} else {
				s.log.Warn("sandbox action failed", slog.String("path", req.URL.Path), slog.Any("error", err))
			}
			writeJSON(w, status, map[string]any{"ok": false, "error": err.Error()})
			return
		}
		resp := map[string]any{"ok": true}
		if out != nil {
			resp["result"] = out
		}
		writeJSON(w, http.StatusOK, resp)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Sandbox) knownUser(id string) bool {
	for _, u := range s.Sim.Users() {
		if u.ID == id {
			return true
		}
	}
	return false
}

func (s *Sandbox) knownChannel(id string) bool {
	for _, c := range s.Sim.Channels() {
		if c.ID == id {
			return true
		}
	}
	return false
}

// slackEscape is what Slack does to slash command text before sending it:
// &, < and > become entities (the bot turns them back).
var slackEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// command types a slash command in the composer.
func (s *Sandbox) command(ctx context.Context, r request) (any, error) {
	if !s.knownChannel(r.Channel) {
		return nil, errUser{fmt.Sprintf("unknown channel %q", r.Channel)}
	}
	text := strings.TrimSpace(r.Text)
	name, args, _ := strings.Cut(text, " ")
	if name != "/partner" {
		return nil, errUser{fmt.Sprintf("%s is not a command in this workspace: only /partner is installed (try /partner help)", name)}
	}
	_, err := s.Sim.SlashCommand(ctx, r.User, r.Channel, "/partner", s.references(slackEscape.Replace(strings.TrimSpace(args))))
	return nil, err
}

// message finds a message the user can see: in the channel, or ephemeral to them.
func (s *Sandbox) message(r request) (slacksim.Message, error) {
	for _, m := range s.Sim.Messages(r.Channel) {
		if m.TS == r.TS {
			return m, nil
		}
	}
	for _, m := range s.Sim.Ephemerals(r.User) {
		if m.Channel == r.Channel && m.TS == r.TS {
			return m, nil
		}
	}
	return slacksim.Message{}, errUser{"that message is gone"}
}

func (s *Sandbox) click(ctx context.Context, r request) (any, error) {
	m, err := s.message(r)
	if err != nil {
		return nil, err
	}
	_, err = s.Sim.Click(ctx, r.User, m, r.ActionID, r.Value)
	return nil, err
}

func (s *Sandbox) choose(ctx context.Context, r request) (any, error) {
	m, err := s.message(r)
	if err != nil {
		return nil, err
	}
	_, err = s.Sim.Choose(ctx, r.User, m, r.ActionID, r.Values...)
	return nil, err
}

func (s *Sandbox) openHome(ctx context.Context, r request) (any, error) {
	_, err := s.Sim.OpenHome(ctx, r.User)
	return nil, err
}

func (s *Sandbox) homeClick(ctx context.Context, r request) (any, error) {
	_, err := s.Sim.ClickInHome(ctx, r.User, r.ActionID, r.Value)
	return nil, err
}

func (s *Sandbox) submitView(ctx context.Context, r request) (any, error) {
	s.withFiles(r.State) // issue 17: file inputs carry their files (upload.go)
	out, err := s.Sim.SubmitView(ctx, r.User, r.ViewID, r.State)
	if err != nil {
		return nil, err
	}
	return map[string]any{"action": out.Action, "errors": out.Errors}, nil
}

func (s *Sandbox) viewAction(ctx context.Context, r request) (any, error) {
	_, err := s.Sim.ClickInView(ctx, r.User, r.ViewID, r.ActionID, r.Value, r.State)
	return nil, err
}

func (s *Sandbox) closeView(ctx context.Context, r request) (any, error) {
	return nil, s.Sim.CloseView(ctx, r.User, r.ViewID)
}

func (s *Sandbox) setClock(_ context.Context, r request) (any, error) {
	speed := 1.0
	if r.Fast {
		speed = FastSpeed
	}
	s.Clock.SetSpeed(speed)
	s.log.Info("sandbox clock", slog.Float64("speed", speed))
	return nil, nil
}

func (s *Sandbox) demo(ctx context.Context, r request) (any, error) {
	err := s.Demo(ctx, r.User)
	if errors.Is(err, ErrDemoThere) {
		return map[string]any{"already": true}, nil
	}
	return nil, err
}
