package coach_test

import (
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

func TestParseShareChoice(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		c, err := coach.ParseShareChoice([]string{"events", "deal-count, their-commitments"})
		if err != nil || !c[coach.ShareEvents] || !c[coach.ShareDealCount] || !c[coach.ShareTheirCommitments] || c[coach.ShareFigures] {
			t.Fatalf("choice = %v, %v", c, err)
		}
	})
	for name, in := range map[string][]string{"ErrNothing": nil, "ErrEmpty": {" , "}, "ErrUnknown": {"events", "health"}} {
		t.Run(name, func(t *testing.T) {
			if _, err := coach.ParseShareChoice(in); coach.ErrorCode(err) != coach.EINVALID {
				t.Fatalf("ParseShareChoice(%q) err = %v, want EINVALID", in, err)
			}
		})
	}
}

func TestScorecardOf(t *testing.T) {
	r := coach.QuarterReview{Partner: coach.Partner{Name: "Acme"}, DealsTotal: 3, Deals: make([]coach.DealMark, 2),
		Held: []coach.Event{{Title: "Clinic"}}, Balance: coach.Balance{Currencies: []coach.CurrencyBalance{{Currency: "EUR"}}}}
	all := []coach.Commitment{{Title: "ours", Side: coach.CommitUs}, {Title: "theirs", Side: coach.CommitPartner},
		{Title: "joint", Side: coach.CommitBoth}, {Title: "dropped", Side: coach.CommitPartner, Status: coach.CommitmentDropped}}
	sc := coach.ScorecardOf(r, coach.ShareChoice{coach.ShareTheirCommitments: true, coach.ShareDealCount: true}, all)
	var titles []string
	for _, c := range sc.Commitments {
		titles = append(titles, c.Title)
	}
	if len(titles) != 2 || titles[0] != "theirs" || titles[1] != "joint" {
		t.Errorf("commitments shared = %v; want theirs and joint", titles)
	}
	if sc.DealsInQuarter != 2 || sc.DealsTotal != 3 {
		t.Errorf("deals = %d/%d; want 2 of 3", sc.DealsInQuarter, sc.DealsTotal)
	}
	if len(sc.Held) != 0 || len(sc.Currencies) != 0 {
		t.Errorf("unticked items leaked: events %v, figures %v", sc.Held, sc.Currencies)
	}
}
