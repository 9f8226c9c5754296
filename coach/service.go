package coach

import (
	"slices"
	"time"
)

// Service is the coach's use-case layer and the only door to data: it
// validates input, applies the coaching rules and talks to a Store, which
// nothing outside coach (the bot, the reminder runner, the sandbox) can
// reach: every read they need is a Service method (reads.go).
type Service struct {
	store     Store
	Templates *Templates // checklist templates (embedded, optionally overridden)
	// Admins may change any partner's stage, archive it and change settings;
	// everyone else only the partners they own.
	Admins []string
	// Balance holds the verdict thresholds for the give-and-take ratio.
	Thresholds BalanceThresholds
	// ValidateSpec checks a reminder schedule's syntax (wired to the cron
	// parser by the caller); nil accepts any non-empty spec.
	ValidateSpec func(spec string) error
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// NewService returns a Service over store with the embedded templates,
// default thresholds and the real clock.
func NewService(store Store, templates *Templates, admins []string) *Service {
	return &Service{
		store:      touchingStore{store},
		Templates:  templates,
		Admins:     admins,
		Thresholds: DefaultBalanceThresholds,
		Now:        time.Now,
	}
}

// IsAdmin reports whether user is one of the configured admins.
func (s *Service) IsAdmin(user string) bool { return slices.Contains(s.Admins, user) }

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}
