package ops_test

import (
	"context"

	"github.com/partnercoach/partnercoach/coach"
)

// Big teams (issue 15): the fake's index and standings methods.

func (f *fakeStore) LookupPartners(context.Context, string, string, int) ([]coach.Partner, error) {
	return nil, f.hit("LookupPartners")
}

func (f *fakeStore) PartnerNames(context.Context, string) ([]string, error) {
	return nil, f.hit("PartnerNames")
}

func (f *fakeStore) PartnersPage(context.Context, string, int, int) ([]coach.Partner, int, error) {
	return nil, 0, f.hit("PartnersPage")
}

func (f *fakeStore) Standings(context.Context, string) ([]coach.StandingEntry, error) {
	return nil, f.hit("Standings")
}

func (f *fakeStore) SaveStandings(context.Context, string, []coach.Summary) error {
	return f.hit("SaveStandings")
}

func (f *fakeStore) TouchPartner(context.Context, string, string) error { return f.hit("TouchPartner") }

func (f *fakeStore) PartnerReminders(context.Context, string, string) ([]coach.Reminder, error) {
	return nil, f.hit("PartnerReminders")
}
