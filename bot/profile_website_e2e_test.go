package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// TestE2E_ShowProfileWebsite: a partner whose only profile field is its
// website (as an import from a CRM brings it) shows on its card; an empty
// profile section once made Slack refuse the whole card.
func TestE2E_ShowProfileWebsite(t *testing.T) {
	e := start(t)
	now := time.Now()
	p := coach.Partner{TeamID: "T0001", ID: "initech", Name: "Initech", Kind: coach.KindIntegrator, Stage: coach.StageProspect, Owner: alice,
		Channel: partners, CreatedAt: now, UpdatedAt: now, StageChangedAt: now, Profile: coach.Profile{Website: "https://initech.example"}}
	if err := e.store.CreatePartner(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
	mustContain(t, e.command(alice, partners, "show initech"), "Initech", "Website", "https://initech.example")
}
