package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

// The Workflow steps page (/workflow): run one of the bot's Workflow Builder
// steps with inputs, as a workflow would (the simulator sends
// function_executed as the chosen user), and see the step's outputs or the
// message it failed with.

// stepRequest is the body of POST /api/workflow/run.
type stepRequest struct {
	User   string            `json:"user"`
	Step   string            `json:"step"`
	Inputs map[string]string `json:"inputs"`
}

// stepResult is what the page shows.
type stepResult struct {
	Step    string         `json:"step"`
	Status  string         `json:"status"`
	Outputs map[string]any `json:"outputs,omitempty"`
	Error   string         `json:"error,omitempty"`
	Millis  int64          `json:"millis"`
}

func (s *Sandbox) serveWorkflowPage(w http.ResponseWriter, _ *http.Request) {
	page, err := fs.ReadFile(static, "static/workflow.html")
	if err != nil {
		http.Error(w, "the page is missing from the build", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(page)
}

// serveWorkflowMeta lists the workspace's users and channels for the page's pickers.
func (s *Sandbox) serveWorkflowMeta(w http.ResponseWriter, _ *http.Request) {
	type item struct{ ID, Name string }
	var users, channels []item
	for _, u := range s.Sim.Users() {
		users = append(users, item{u.ID, u.Name})
	}
	for _, c := range s.Sim.Channels() {
		channels = append(channels, item{c.ID, c.Name})
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "users": users, "channels": channels})
}

// serveRunStep runs a step and waits for the bot to complete it.
func (s *Sandbox) serveRunStep(w http.ResponseWriter, req *http.Request) {
	if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]any{"ok": false, "error": "send application/json"})
		return
	}
	var r stepRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, req.Body, 1<<20)).Decode(&r); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "the request body is not valid JSON: " + err.Error()})
		return
	}
	if !s.knownUser(r.User) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": fmt.Sprintf("unknown user %q", r.User)})
		return
	}
	if r.Step == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "choose a step"})
		return
	}
	ctx, cancel := context.WithTimeout(req.Context(), 40*time.Second)
	defer cancel()
	res, err := s.runStep(ctx, r)
	if err != nil {
		writeJSON(w, http.StatusBadGateway, map[string]any{"ok": false, "error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": res})
}

// runStep runs r's step as r's user: the input "user" is that person's
// user context, as Workflow Builder fills it in; empty inputs are left out,
// as a workflow leaves out optional inputs nobody set.
func (s *Sandbox) runStep(ctx context.Context, r stepRequest) (stepResult, error) {
	inputs := map[string]any{"user": map[string]any{"id": r.User, "secret": "sandbox"}}
	for k, v := range r.Inputs {
		if v != "" && k != "user" {
			inputs[k] = v
		}
	}
	started := time.Now()
	id, _, err := s.Sim.RunFunction(ctx, r.Step, inputs)
	if err != nil {
		return stepResult{}, err
	}
	var run slacksim.FunctionRun
	if err := s.Sim.WaitFor(ctx, func() bool { run, _ = s.Sim.Function(id); return run.Done() }); err != nil {
		return stepResult{}, fmt.Errorf("the bot did not complete the step: %w", err)
	}
	return stepResult{Step: r.Step, Status: run.Status, Outputs: run.Outputs, Error: run.Error, Millis: time.Since(started).Milliseconds()}, nil
}
