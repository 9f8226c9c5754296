package ops

import (
	"context"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Big teams (issue 15): the partner index and the standings.

func (i *instrumentedStore) LookupPartners(ctx context.Context, teamID, query string, limit int) (_ []coach.Partner, err error) {
	defer observe(i.m, "LookupPartners", time.Now(), &err)
	return i.s.LookupPartners(ctx, teamID, query, limit)
}

func (i *instrumentedStore) PartnerNames(ctx context.Context, teamID string) (_ []string, err error) {
	defer observe(i.m, "PartnerNames", time.Now(), &err)
	return i.s.PartnerNames(ctx, teamID)
}

func (i *instrumentedStore) PartnersPage(ctx context.Context, teamID string, offset, limit int) (_ []coach.Partner, _ int, err error) {
	defer observe(i.m, "PartnersPage", time.Now(), &err)
	return i.s.PartnersPage(ctx, teamID, offset, limit)
}

func (i *instrumentedStore) Standings(ctx context.Context, teamID string) (_ []coach.StandingEntry, err error) {
	defer observe(i.m, "Standings", time.Now(), &err)
	return i.s.Standings(ctx, teamID)
}

func (i *instrumentedStore) SaveStandings(ctx context.Context, teamID string, sums []coach.Summary) (err error) {
	defer observe(i.m, "SaveStandings", time.Now(), &err)
	return i.s.SaveStandings(ctx, teamID, sums)
}

func (i *instrumentedStore) TouchPartner(ctx context.Context, teamID, partnerID string) (err error) {
	defer observe(i.m, "TouchPartner", time.Now(), &err)
	return i.s.TouchPartner(ctx, teamID, partnerID)
}

func (i *instrumentedStore) PartnerReminders(ctx context.Context, teamID, partnerID string) (_ []coach.Reminder, err error) {
	defer observe(i.m, "PartnerReminders", time.Now(), &err)
	return i.s.PartnerReminders(ctx, teamID, partnerID)
}
