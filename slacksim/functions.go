package slacksim

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Workflow Builder custom steps, as Slack runs them: a workflow reaching a
// step of this app sends a function_executed event (an Events API envelope:
// apps cannot subscribe to it, it comes because the manifest declares the
// function), and the app ends the step with functions.completeSuccess (its
// outputs) or functions.completeError (a message Slackbot shows the person
// running the workflow). Slack answers function_execution_not_found for an
// unknown execution and execution_not_in_running_state for one already
// completed.

// fnRuns are the custom step runs by execution ID.
type fnRuns = map[string]*FunctionRun

// FunctionRun is one execution of a custom step and how the app ended it.
type FunctionRun struct {
	ExecutionID string
	CallbackID  string
	Inputs      map[string]any
	// EventID is the function_executed event's event_id (the same in
	// every retry of it).
	EventID string
	// Status is "running" until the app completes it, then "completed"
	// (functions.completeSuccess) or "failed" (functions.completeError).
	Status  string
	Outputs map[string]any
	Error   string
	// Completions counts the complete calls Slack accepted (at most one)
	// and Refused those it answered execution_not_in_running_state.
	Completions, Refused int
	Started, Ended       time.Time
}

// Done reports whether the app completed the run.
func (f FunctionRun) Done() bool { return f.Status != "running" }

// RunFunction runs the app's step callbackID with inputs, as a workflow
// does: it sends function_executed and returns the execution's ID with the
// envelope's result. The run stays "running" until the app completes it
// (see Function).
func (s *Server) RunFunction(ctx context.Context, callbackID string, inputs map[string]any) (string, Result, error) {
	s.mu.Lock()
	if s.functions == nil {
		s.functions = fnRuns{}
	}
	run := &FunctionRun{ExecutionID: s.nextID("Fx"), CallbackID: callbackID, Inputs: inputs, EventID: s.nextID("Ev"), Status: "running", Started: time.Now()}
	s.functions[run.ExecutionID] = run
	payload := s.functionPayload(run)
	s.notify()
	s.mu.Unlock()
	res, err := s.deliver(ctx, "events_api", payload)
	return run.ExecutionID, res, err
}

// RetryFunction sends a run's function_executed again in a new envelope,
// with the same event_id and function_execution_id, as Slack does when it
// saw no ack for the first one. It may reach another connection (another
// replica) than the first.
func (s *Server) RetryFunction(ctx context.Context, executionID string) (Result, error) {
	s.mu.Lock()
	run, ok := s.functions[executionID]
	if !ok {
		s.mu.Unlock()
		return Result{}, fmt.Errorf("slacksim: no function execution %s", executionID)
	}
	payload := s.functionPayload(run)
	s.mu.Unlock()
	return s.deliver(ctx, "events_api", payload)
}

// functionPayload is the Events API payload of run's function_executed
// event; s.mu is held.
func (s *Server) functionPayload(run *FunctionRun) map[string]any {
	names := make([]string, 0, len(run.Inputs))
	for k := range run.Inputs {
		names = append(names, k)
	}
	sort.Strings(names)
	params := make([]map[string]any, 0, len(names))
	for _, n := range names {
		params = append(params, map[string]any{"type": "string", "name": n, "title": n, "is_required": false})
	}
	now := time.Now()
	return map[string]any{
		"token": "sim-verification-token", "team_id": s.TeamID, "api_app_id": "A0SIM", "type": "event_callback",
		"event_id": run.EventID, "event_time": now.Unix(),
		"event": map[string]any{
			"type": "function_executed",
			"function": map[string]any{
				"id": "Fn0" + run.CallbackID, "callback_id": run.CallbackID, "title": run.CallbackID, "description": "", "type": "app",
				"input_parameters": params, "output_parameters": []any{}, "app_id": "A0SIM",
				"date_created": now.Unix(), "date_updated": now.Unix(), "date_deleted": 0,
			},
			"inputs":                run.Inputs,
			"function_execution_id": run.ExecutionID,
			"workflow_execution_id": "Wx" + run.ExecutionID[2:],
			"event_ts":              fmt.Sprintf("%d.000000", now.Unix()),
			"bot_access_token":      "xwfp-sim-workflow-token",
		},
	}
}

// Function returns a run as it is now.
func (s *Server) Function(executionID string) (FunctionRun, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	run, ok := s.functions[executionID]
	if !ok {
		return FunctionRun{}, false
	}
	return *run, true
}

// completeFunction answers functions.completeSuccess and
// functions.completeError; s.mu is held.
func (s *Server) completeFunction(r apiRequest) (map[string]any, string) {
	id := r.get("function_execution_id")
	if id == "" {
		return nil, "invalid_arguments"
	}
	run, ok := s.functions[id]
	if !ok {
		return nil, "function_execution_not_found"
	}
	if run.Status != "running" {
		run.Refused++
		return nil, "execution_not_in_running_state"
	}
	if r.method == "functions.completeError" {
		msg := r.get("error")
		if msg == "" {
			return nil, "invalid_arguments"
		}
		run.Status, run.Error = "failed", msg
	} else {
		outputs := map[string]any{}
		if raw := r.get("outputs"); raw != "" {
			if err := json.Unmarshal([]byte(raw), &outputs); err != nil {
				return nil, "invalid_arguments"
			}
		}
		run.Status, run.Outputs = "completed", outputs
	}
	run.Completions++
	run.Ended = time.Now()
	return map[string]any{}, ""
}
