package bolt

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

// Big teams (issue 15). Three buckets in a team's bucket:
//
//	pidx  i:<id> → ""; n:<lower name>\x00<id> → name (a: for an archived
//	      partner, kept out of pages); bbolt keeps keys sorted: a cursor seeks a prefix
//	gen   partner ID → records generation (decimal)
//	sum   partner ID → summary JSON
//
// The index is written in the transaction that writes the partner, so it is
// complete or missing (a file written before it existed): a missing one is
// built on first use.
var (
	bPartnerIndex = []byte("pidx")
	bGenerations  = []byte("gen")
	bSummaries    = []byte("sum")
)

func indexPartner(tb *bbolt.Bucket, p coach.Partner, old []byte) error {
	if sub(tb, bPartnerIndex) == nil {
		// The first write since the index exists: index every partner
		// (p among them), so that the index is never partial.
		if _, err := mksub(tb, bPartnerIndex); err != nil {
			return err
		}
		return sub(tb, bPartners).ForEach(func(_, v []byte) error {
			var q coach.Partner
			if err := json.Unmarshal(v, &q); err != nil {
				return err
			}
			return indexPartner(tb, q, nil)
		})
	}
	ib := sub(tb, bPartnerIndex)
	if old != nil && !bytes.Equal(old, nameKey(p)) {
		if err := ib.Delete(old); err != nil {
			return err
		}
	}
	if err := ib.Put([]byte("i:"+p.ID), nil); err != nil {
		return err
	}
	return ib.Put(nameKey(p), []byte(p.Name))
}

// nameKey is the partner's name entry: n: when active, a: when archived.
func nameKey(p coach.Partner) []byte {
	prefix := "n:"
	if p.Archived {
		prefix = "a:"
	}
	return []byte(prefix + coach.IndexKey(p.Name) + "\x00" + p.ID)
}

// nameSpaces are the two prefixes of name entries: active, archived.
var nameSpaces = []string{"n:", "a:"}

// ensureIndex builds a team's missing index from its partners.
func (s *Store) ensureIndex(ctx context.Context, teamID string) error {
	missing := false
	if err := s.view(ctx, "partner index", teamID, func(tb *bbolt.Bucket) error {
		missing = sub(tb, bPartners) != nil && sub(tb, bPartnerIndex) == nil
		return nil
	}); err != nil || !missing {
		return err
	}
	return s.update(ctx, "build partner index", teamID, func(tb *bbolt.Bucket) error {
		if sub(tb, bPartnerIndex) != nil {
			return nil // built meanwhile
		}
		first, _ := sub(tb, bPartners).Cursor().First()
		var p coach.Partner
		if err := json.Unmarshal(sub(tb, bPartners).Get(first), &p); err != nil {
			return err
		}
		return indexPartner(tb, p, nil)
	})
}

// scan calls fn for each index key starting with prefix, in order, until fn
// returns false.
func scan(ib *bbolt.Bucket, prefix string, fn func(k, v []byte) bool) {
	if ib == nil {
		return
	}
	c := ib.Cursor()
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if !fn(k, v) {
			return
		}
	}
}

func idOfName(k []byte) string {
	if i := bytes.IndexByte(k, 0); i >= 0 {
		return string(k[i+1:])
	}
	return ""
}

// LookupPartners seeks the index for the ID, the name and the prefixes.
func (s *Store) LookupPartners(ctx context.Context, teamID, query string, limit int) ([]coach.Partner, error) {
	if err := s.ensureIndex(ctx, teamID); err != nil {
		return nil, err
	}
	slug, lower := coach.Slug(query), coach.IndexKey(query)
	limit = max(limit, 1)
	var out []coach.Partner
	err := s.view(ctx, "find partner", teamID, func(tb *bbolt.Bucket) error {
		pb, ib := sub(tb, bPartners), sub(tb, bPartnerIndex)
		if pb == nil {
			return nil
		}
		seen := map[string]bool{}
		var ids []string
		add := func(id string) {
			if id != "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		if slug != "" {
			add(slug)
		}
		for _, ns := range nameSpaces {
			scan(ib, ns+lower+"\x00", func(k, _ []byte) bool { add(idOfName(k)); return true })
		}
		if slug != "" {
			n := 0
			scan(ib, "i:"+slug, func(k, _ []byte) bool { add(string(k[2:])); n++; return n < limit })
		}
		for _, ns := range nameSpaces {
			if lower == "" {
				break
			}
			n := 0
			scan(ib, ns+lower, func(k, _ []byte) bool { add(idOfName(k)); n++; return n < limit })
		}
		for _, id := range ids {
			data := pb.Get([]byte(id))
			if data == nil {
				continue
			}
			p, err := s.decoded.Decode(data)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// PartnerNames walks the index's names.
func (s *Store) PartnerNames(ctx context.Context, teamID string) ([]string, error) {
	if err := s.ensureIndex(ctx, teamID); err != nil {
		return nil, err
	}
	var out []string
	err := s.view(ctx, "partner names", teamID, func(tb *bbolt.Bucket) error {
		for _, ns := range nameSpaces {
			scan(sub(tb, bPartnerIndex), ns, func(_, v []byte) bool { out = append(out, string(v)); return true })
		}
		slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(coach.IndexKey(a), coach.IndexKey(b)) })
		return nil
	})
	return out, err
}

// PartnersPage walks the index's names from the offset-th.
func (s *Store) PartnersPage(ctx context.Context, teamID string, offset, limit int) ([]coach.Partner, int, error) {
	if err := s.ensureIndex(ctx, teamID); err != nil {
		return nil, 0, err
	}
	var out []coach.Partner
	total := 0
	err := s.view(ctx, "list partners", teamID, func(tb *bbolt.Bucket) error {
		pb := sub(tb, bPartners)
		if pb == nil {
			return nil
		}
		i := 0
		var err error
		scan(sub(tb, bPartnerIndex), "n:", func(k, _ []byte) bool {
			if i++; i <= offset || len(out) >= max(limit, 1) {
				return true // counting on
			}
			var p coach.Partner
			if p, err = s.decoded.Decode(pb.Get([]byte(idOfName(k)))); err != nil {
				return false
			}
			out = append(out, p)
			return true
		})
		total = i
		return err
	})
	return out, total, err
}

// summaryCache keeps summaries already decoded, by partner, with the JSON
// they were decoded from.
type summaryCache struct {
	mu sync.Mutex
	m  map[string]cachedSummary
}

type cachedSummary struct {
	raw string
	sum *coach.Summary
}

func (c *summaryCache) decode(team, id string, raw []byte) (*coach.Summary, error) {
	key := team + "/" + id
	c.mu.Lock()
	got, ok := c.m[key]
	c.mu.Unlock()
	if ok && got.raw == string(raw) {
		return got.sum, nil
	}
	sum := new(coach.Summary)
	if err := json.Unmarshal(raw, sum); err != nil {
		return nil, err
	}
	c.keep(team, id, raw, sum)
	return sum, nil
}

// keep remembers sum as what raw decodes to. A summary kept but never
// committed (its transaction failed) is harmless: it is found only by the
// same bytes.
func (c *summaryCache) keep(team, id string, raw []byte, sum *coach.Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 200_000 {
		c.m = map[string]cachedSummary{}
	}
	c.m[team+"/"+id] = cachedSummary{raw: string(raw), sum: sum}
}

var summaries summaryCache

// seekTo moves a cursor (kept in k) forward to the first key >= id and
// returns its value when the key is id. Keys are read in order, so the
// walk over every partner is a merge, not a lookup per partner.
func seekTo(c *bbolt.Cursor, k, v *[]byte, id []byte) []byte {
	if c == nil {
		return nil
	}
	for *k != nil && bytes.Compare(*k, id) < 0 {
		*k, *v = c.Next()
	}
	if *k != nil && bytes.Equal(*k, id) {
		return *v
	}
	return nil
}

// lastStandings is the last Standings answer per team, with the
// transaction it was read in.
type lastStandings struct {
	mu sync.Mutex
	m  map[string]standingsAt
}

type standingsAt struct {
	txid    int
	entries []coach.StandingEntry
}

// Standings walks the index's IDs with their generations and summaries.
func (s *Store) Standings(ctx context.Context, teamID string) ([]coach.StandingEntry, error) {
	if err := s.ensureIndex(ctx, teamID); err != nil {
		return nil, err
	}
	var out []coach.StandingEntry
	err := s.view(ctx, "standings", teamID, func(tb *bbolt.Bucket) error {
		if tb == nil {
			return nil
		}
		// Nothing committed since the last answer (same transaction ID):
		// it stands.
		txid := tb.Tx().ID()
		s.lastStandings.mu.Lock()
		last, ok := s.lastStandings.m[teamID]
		s.lastStandings.mu.Unlock()
		if ok && last.txid == txid {
			out = slices.Clone(last.entries)
			return nil
		}
		defer func() {
			s.lastStandings.mu.Lock()
			if s.lastStandings.m == nil {
				s.lastStandings.m = map[string]standingsAt{}
			}
			s.lastStandings.m[teamID] = standingsAt{txid: txid, entries: slices.Clone(out)}
			s.lastStandings.mu.Unlock()
		}()
		var gc, sc *bbolt.Cursor
		var gk, gv, sk, sv []byte
		if gb := sub(tb, bGenerations); gb != nil {
			gc = gb.Cursor()
			gk, gv = gc.First()
		}
		if sb := sub(tb, bSummaries); sb != nil {
			sc = sb.Cursor()
			sk, sv = sc.First()
		}
		var err error
		scan(sub(tb, bPartnerIndex), "i:", func(k, _ []byte) bool {
			id := k[2:]
			e := coach.StandingEntry{PartnerID: string(id)}
			if g := seekTo(gc, &gk, &gv, id); g != nil {
				if e.Gen, err = strconv.ParseInt(string(g), 10, 64); err != nil {
					return false
				}
			}
			if raw := seekTo(sc, &sk, &sv, id); raw != nil {
				if e.Summary, err = summaries.decode(teamID, e.PartnerID, raw); err != nil {
					return false
				}
			}
			out = append(out, e)
			return true
		})
		return err
	})
	return out, err
}

// SaveStandings keeps the summaries still current, in one transaction.
func (s *Store) SaveStandings(ctx context.Context, teamID string, sums []coach.Summary) error {
	if len(sums) == 0 {
		return nil
	}
	return s.update(ctx, "save standings", teamID, func(tb *bbolt.Bucket) error {
		gb := sub(tb, bGenerations)
		sb, err := mksub(tb, bSummaries)
		if err != nil {
			return err
		}
		for _, sum := range sums {
			if err := checkID("partner", sum.Partner.ID); err != nil {
				return err
			}
			var g int64
			if raw := get(gb, sum.Partner.ID); raw != nil {
				if g, err = strconv.ParseInt(string(raw), 10, 64); err != nil {
					return err
				}
			}
			if g != sum.Gen {
				continue
			}
			raw, err := json.Marshal(sum)
			if err != nil {
				return fmt.Errorf("save standing of %s: %w", sum.Partner.ID, err)
			}
			if err := sb.Put([]byte(sum.Partner.ID), raw); err != nil {
				return fmt.Errorf("save standing of %s: %w", sum.Partner.ID, err)
			}
			// Kept decoded, so that the next ranking does not decode it.
			kept := sum
			summaries.keep(teamID, sum.Partner.ID, raw, &kept)
		}
		return nil
	})
}

// TouchPartner moves the partner's generation on.
func (s *Store) TouchPartner(ctx context.Context, teamID, partnerID string) error {
	if err := checkID("partner", partnerID); err != nil {
		return err
	}
	return s.update(ctx, "touch partner", teamID, func(tb *bbolt.Bucket) error {
		return touchIn(tb, partnerID)
	})
}

// touchIn moves the partner's generation on inside a write transaction.
func touchIn(tb *bbolt.Bucket, partnerID string) error {
	gb, err := mksub(tb, bGenerations)
	if err != nil {
		return err
	}
	var g int64
	if raw := gb.Get([]byte(partnerID)); raw != nil {
		if g, err = strconv.ParseInt(string(raw), 10, 64); err != nil {
			return err
		}
	}
	return gb.Put([]byte(partnerID), []byte(strconv.FormatInt(g+1, 10)))
}

// PartnerReminders seeks the partner's IDs (ReminderID: "<partner>:<kind>")
// in the sorted reminders bucket.
func (s *Store) PartnerReminders(ctx context.Context, teamID, partnerID string) ([]coach.Reminder, error) {
	if err := checkID("partner", partnerID); err != nil {
		return nil, err
	}
	var out []coach.Reminder
	err := s.view(ctx, "partner reminders", teamID, func(tb *bbolt.Bucket) error {
		var err error
		scan(sub(tb, bReminders), partnerID+":", func(_, v []byte) bool {
			var r coach.Reminder
			if err = json.Unmarshal(v, &r); err != nil {
				return false
			}
			if r.PartnerID == partnerID {
				out = append(out, r)
			}
			return true
		})
		return err
	})
	return out, err
}
