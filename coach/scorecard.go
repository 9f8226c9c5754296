package coach

import (
	"context"
	"strings"
)

// ShareItem is one thing the owner may let the partner see of a quarterly
// review (issue 16). Nothing is shared unless ticked.
type ShareItem string

const (
	ShareOurCommitments   ShareItem = "our-commitments"   // what we promised, and where it stands
	ShareTheirCommitments ShareItem = "their-commitments" // what they promised (shared ones count on both)
	ShareEvents           ShareItem = "events"            // joint events held and booked
	ShareDealCount        ShareItem = "deal-count"        // how many joint deals, counted one by one
	ShareFigures          ShareItem = "figures"           // the amounts both ways, by month
)

// ShareItems lists the items in the order the form offers them.
var ShareItems = []ShareItem{ShareOurCommitments, ShareTheirCommitments, ShareEvents, ShareDealCount, ShareFigures}

// ShareChoice is what the owner ticked.
type ShareChoice map[ShareItem]bool

// ParseShareChoice reads the ticked items (form values or typed words,
// separated by commas or spaces); EINVALID for an unknown one or none.
func ParseShareChoice(values []string) (ShareChoice, error) {
	c := ShareChoice{}
	for _, v := range values {
		for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			it := ShareItem(Slug(w))
			if !containsItem(it) {
				return nil, FieldError("share", "share.unknown", w)
			}
			c[it] = true
		}
	}
	if len(c) == 0 {
		return nil, FieldError("share", "share.nothing")
	}
	return c, nil
}

func containsItem(it ShareItem) bool {
	for _, x := range ShareItems {
		if x == it {
			return true
		}
	}
	return false
}

// Scorecard is what the partner sees of a quarterly review: only the items
// the owner ticked; the rest of the review (health, verdicts, pitfalls,
// tips, deals' chances) never leaves.
type Scorecard struct {
	PartnerName string
	Quarter     Quarter
	Choice      ShareChoice
	Commitments []Commitment // of the sides chosen
	Held        []Event
	Planned     []Event
	// DealsInQuarter and DealsTotal count the joint deals.
	DealsInQuarter, DealsTotal int
	// Months and Currencies are the figures both ways.
	Months     [3]MonthFlow
	Currencies []CurrencyBalance
}

// ScorecardOf keeps of r only what c lets through.
func ScorecardOf(r QuarterReview, c ShareChoice, all []Commitment) Scorecard {
	sc := Scorecard{PartnerName: r.Partner.Name, Quarter: r.Quarter, Choice: c}
	for _, cm := range all {
		if cm.Status == CommitmentDropped {
			continue
		}
		ours := cm.Side == CommitUs || cm.Side == CommitBoth
		theirs := cm.Side == CommitPartner || cm.Side == CommitBoth
		if (ours && c[ShareOurCommitments]) || (theirs && c[ShareTheirCommitments]) {
			sc.Commitments = append(sc.Commitments, cm)
		}
	}
	if c[ShareEvents] {
		sc.Held, sc.Planned = r.Held, r.Planned
	}
	if c[ShareDealCount] {
		sc.DealsInQuarter, sc.DealsTotal = len(r.Deals), r.DealsTotal
	}
	if c[ShareFigures] {
		sc.Months, sc.Currencies = r.Months, r.Balance.Currencies
	}
	return sc
}

// ShareReview builds the scorecard of partner partnerID's quarter q with
// the items c, for actor, who must be its owner or an admin. Posting it is
// the caller's; nothing is shared automatically.
func (s *Service) ShareReview(ctx context.Context, teamID, actor, partnerID string, q Quarter, c ShareChoice) (Partner, Scorecard, error) {
	p, err := s.Partner(ctx, teamID, partnerID)
	if err != nil {
		return Partner{}, Scorecard{}, err
	}
	if err := s.mayManage(p, actor); err != nil {
		return Partner{}, Scorecard{}, err
	}
	r, err := s.QuarterReview(ctx, teamID, p, q)
	if err != nil {
		return Partner{}, Scorecard{}, err
	}
	all, err := s.CommitmentsFor(ctx, teamID, p.ID)
	if err != nil {
		return Partner{}, Scorecard{}, err
	}
	return p, ScorecardOf(r, c, all), nil
}
