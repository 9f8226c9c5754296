package bot

import "sync/atomic"

// reply is what the answer to one envelope must do besides being sent. The
// worker handling the envelope makes one (enqueue, onSubmission) and hands
// it explicitly to whatever may answer — respond, post, openForm, fail — so
// that an answer given any way settles it:
//
//   - the first answer settles the late notice (late.go);
//   - a command may have its dedupe claim released when it ends (dedupe.go);
//   - a failure the user is told about counts the envelope as failed in the
//     metrics (observer.go).
//
// A nil *reply answers no envelope (a reminder, an announcement sent after a
// modal's ack); its methods then do nothing.
type reply struct {
	late   *lateNotice // nil unless armed (slash commands)
	forgot atomic.Bool
	failed atomic.Bool
}

// answering is called before anything the user will see as the answer.
func (r *reply) answering() {
	if r != nil {
		r.late.settle()
	}
}

// forget has the command's dedupe claim released when it ends, so the same
// command may be sent again at once: for a command that answers but asks to
// be run again (part of its work could not be done), or that only opened a
// form.
func (r *reply) forget() {
	if r != nil {
		r.forgot.Store(true)
	}
}

// forgotten reports whether forget was called.
func (r *reply) forgotten() bool { return r != nil && r.forgot.Load() }

// markFailed counts the envelope as failed: its handler answered the user
// with a failure.
func (r *reply) markFailed() {
	if r != nil {
		r.failed.Store(true)
	}
}

// outcome is the envelope's outcome for the metrics.
func (r *reply) outcome() string {
	if r != nil && r.failed.Load() {
		return OutcomeFailed
	}
	return OutcomeHandled
}
