package bot

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Big teams (issue 15): commands that name a partner find it through the
// store's index, and the rankings, the App Home and the digest read the
// kept standings, never every ledger.

// findLeading resolves the partner named by the longest run of leading
// arguments that names one (see matchLeading), each run looked up in the
// index.
func (b *Bot) findLeading(ctx context.Context, team string, args []string) (coach.Partner, []string, error) {
	if len(args) == 0 {
		return coach.Partner{}, nil, usageError(nil, "need_partner")
	}
	// One lookup by the first word finds every partner a longer run may
	// name (a command's arguments cost one index read, not one per word);
	// only a first word shared by very many partners looks each run up.
	wide, complete, err := b.svc.LeadingCandidates(ctx, team, args[0])
	if err != nil {
		return coach.Partner{}, nil, err
	}
	for n := len(args); n >= 1; n-- {
		q := strings.Join(args[:n], " ")
		cands := wide
		if !complete {
			if cands, err = b.svc.PartnerCandidates(ctx, team, q); err != nil {
				return coach.Partner{}, nil, err
			}
		}
		if p, err := coach.MatchPartner(cands, q); err == nil {
			return p, args[n:], nil
		}
	}
	_, err = b.svc.FindPartner(ctx, team, args[0])
	if code := coach.ErrorCode(err); (code == coach.ENOTFOUND || code == coach.EAMBIGUOUS) && len(args) > 1 {
		// A name of several words with a typo: the longest run of leading
		// words close to an active name gives the hint.
		names, nerr := b.svc.PartnerNames(ctx, team)
		if nerr != nil {
			return coach.Partner{}, nil, nerr
		}
		for n := len(args); n >= 2; n-- {
			typed := strings.Join(args[:n], " ")
			if guess := b.closestActive(ctx, team, typed, names); guess != "" {
				return coach.Partner{}, nil, &coach.Error{Code: coach.ENOTFOUND, Field: "partner", Key: "partner.not_found.hint", Args: []any{typed, guess}}
			}
		}
	}
	return coach.Partner{}, nil, err
}

// closestActive is the active partner's name closest to typed, or "".
func (b *Bot) closestActive(ctx context.Context, team, typed string, names []string) string {
	names = slices.Clone(names)
	for range 20 {
		guess := coach.Closest(typed, names)
		if guess == "" {
			return ""
		}
		cands, err := b.svc.PartnerCandidates(ctx, team, guess)
		if err != nil {
			return ""
		}
		for _, p := range cands {
			if !p.Archived && strings.EqualFold(p.Name, guess) {
				return guess
			}
		}
		names = slices.DeleteFunc(names, func(n string) bool { return n == guess })
	}
	return ""
}

// standingRows is the kept standing of every active partner that keep
// accepts (nil: all), weakest first: real risks first, then the lowest
// score (coach.RankSummaries); ended partners leave the ranking.
func (b *Bot) standingRows(ctx context.Context, team string, keep func(coach.Partner) bool) ([]blocks.HomeRow, error) {
	sums, err := b.svc.Standings(ctx, team)
	if err != nil {
		return nil, err
	}
	if keep != nil {
		sums = slices.DeleteFunc(sums, func(s *coach.Summary) bool { return !keep(s.Partner) })
	}
	ranked := coach.RankSummaries(sums)
	rows := make([]blocks.HomeRow, 0, len(ranked))
	for _, s := range ranked {
		rows = append(rows, homeRow(s))
	}
	return rows, nil
}

func homeRow(s *coach.Summary) blocks.HomeRow {
	return blocks.HomeRow{Partner: s.Partner, Health: s.Score, Verdict: s.Verdict, Next: s.Next, Decision: s.Decision, Risks: s.Risks, LateCommitments: s.LateCommitments}
}

// homeDue fills in the next balance review of the rows on the App Home's
// page (15 a page, as blocks.Home shows them).
func (b *Bot) homeDue(ctx context.Context, team, user string, rows []blocks.HomeRow, page int) error {
	const perPage = 15
	pages := max(1, (len(rows)+perPage-1)/perPage)
	page = min(max(page, 0), pages-1)
	shown := rows[min(len(rows), page*perPage):min(len(rows), (page+1)*perPage)]
	if len(shown) == 0 {
		return nil
	}
	reminders, err := b.svc.Reminders(ctx, team)
	if err != nil {
		return err
	}
	def, _ := time.LoadLocation(b.defaultTZ())
	zone := b.lookups.zone(ctx, user, def)
	for i := range shown {
		shown[i].Due = b.nextDue(reminders, shown[i].Partner.ID, zone)
	}
	return nil
}

// sortByName orders rows by partner name ignoring case, as lists are.
func sortByName(rows []blocks.HomeRow) {
	slices.SortFunc(rows, func(a, b blocks.HomeRow) int {
		return strings.Compare(strings.ToLower(a.Partner.Name), strings.ToLower(b.Partner.Name))
	})
}

// partnerList is a page of /partner list: without a filter, that page only
// is read from the index; with one, every partner is (a filter matches
// inside names, owners and channels).
func (b *Bot) partnerList(ctx context.Context, l i18n.Locale, team, filter, shown string, page int) ([]slack.Block, error) {
	if filter == "" {
		ps, total, err := b.svc.PartnersPage(ctx, team, page*listPageSize, listPageSize)
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 && total > 0 { // past the end (the list shrank): the last page
			page = blocks.Pages(total, listPageSize) - 1
			if ps, total, err = b.svc.PartnersPage(ctx, team, page*listPageSize, listPageSize); err != nil {
				return nil, err
			}
		}
		return blocks.PartnerListSlice(l, ps, total, page, listPageSize, shown), nil
	}
	ps, err := b.svc.ListPartners(ctx, team, filter)
	if err != nil {
		return nil, err
	}
	return blocks.PartnerListPage(l, ps, page, listPageSize, shown), nil
}
