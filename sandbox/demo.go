package sandbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

// Channels of slacksim.New's workspace.
const (
	partnersChannel = "C0PARTNERS"
	sharedChannel   = "C0SHARED" // shared with a partner organisation
)

// demoStep is one slash command of the demo, typed by a user in a channel.
type demoStep struct{ channel, text string }

// demoSteps builds a small portfolio: three partners (one in the channel
// shared with the partner), a ledger both ways, a booked webinar, a deal's
// complexity and a launch checklist.
func demoSteps(now time.Time) []demoStep {
	webinar := now.AddDate(0, 0, 21).Format("2006-01-02")
	return []demoStep{
		{partnersChannel, "add Nimbus Cloud cloud-operator"},
		{partnersChannel, "add Globex Integration integrator"},
		{sharedChannel, "add Acme Resellers reseller"},
		{partnersChannel, "log nimbus got 48k EUR deal first joint deal"},
		{partnersChannel, "log nimbus gave 30k EUR resale"},
		{partnersChannel, "log globex gave 12k EUR lead"},
		{partnersChannel, "log globex gave 9k EUR co-marketing"},
		{sharedChannel, "log acme got 5k EUR introduction"},
		{partnersChannel, "stage nimbus onboarding"},
		{partnersChannel, "webinar nimbus " + webinar + " 14:00 Cloud cost clinic"},
		{partnersChannel, "complexity globex Big Bank: Bank 90%, Globex 80%, GPU cluster component 60%"},
		{partnersChannel, "checklist nimbus launch"},
	}
}

// demoPartners are the IDs of the partners the demo adds.
var demoPartners = []string{"nimbus-cloud", "globex-integration", "acme-resellers"}

// ErrDemoThere says the store already holds the demo's partners: the demo
// adds nothing twice.
var ErrDemoThere = errors.New("the demo data is already there: nothing added twice")

// Demo types the demo's /partner commands as user, through the simulator
// as a person would, each after the previous one was answered, then ticks
// two items of the launch checklist it posted. On a store that already has
// one of the demo's partners (a second --demo with --data, a second click)
// it adds nothing and returns ErrDemoThere.
func (s *Sandbox) Demo(ctx context.Context, user string) error {
	s.demoMu.Lock()
	defer s.demoMu.Unlock()
	have, err := s.app.Service().Partners(ctx, s.Sim.TeamID)
	if err != nil {
		return fmt.Errorf("sandbox demo: %w", err)
	}
	for _, p := range have {
		if slices.Contains(demoPartners, p.ID) {
			return ErrDemoThere
		}
	}
	for _, st := range demoSteps(s.Clock.Now()) {
		if _, err := s.typeCommand(ctx, user, st.channel, st.text); err != nil {
			return fmt.Errorf("sandbox demo: /partner %s: %w", st.text, err)
		}
	}
	msgs := s.Sim.Messages(partnersChannel)
	if len(msgs) == 0 {
		return fmt.Errorf("sandbox demo: the checklist was not posted")
	}
	list := msgs[len(msgs)-1]
	for i, item := range []string{"lau-cross-business", "lau-trial"} {
		if _, err := s.Sim.Click(ctx, user, list, "checklist.toggle", "nimbus-cloud|launch|"+item+"|1"); err != nil {
			// An existing store may hold another checklist state: skip, don't fail.
			s.log.Info("sandbox demo: checklist click skipped", slog.String("item", item), slog.Any("error", err))
			continue
		}
		wait, cancel := context.WithTimeout(ctx, 5*time.Second)
		_ = s.Sim.WaitFor(wait, func() bool { return s.edits(partnersChannel, list.TS) > i })
		cancel()
	}
	return nil
}

// typeCommand sends one slash command and waits (up to 5 s) for its answer: a new
// message in the channel or a new ephemeral one for the user.
func (s *Sandbox) typeCommand(ctx context.Context, user, channel, text string) (slacksim.Result, error) {
	before := len(s.Sim.Messages(channel)) + s.Sim.EphemeralCount(user)
	res, err := s.Sim.SlashCommand(ctx, user, channel, "/partner", s.references(slackEscape.Replace(text)))
	if err != nil {
		return res, err
	}
	wait, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.Sim.WaitFor(wait, func() bool { return len(s.Sim.Messages(channel))+s.Sim.EphemeralCount(user) > before }); err != nil {
		return res, fmt.Errorf("no answer within 5 s: %w", err)
	}
	return res, nil
}

func (s *Sandbox) edits(channel, ts string) int {
	for _, m := range s.Sim.Messages(channel) {
		if m.TS == ts {
			return m.Edited
		}
	}
	return 0
}
