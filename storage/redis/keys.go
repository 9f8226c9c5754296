package redis

import (
	"strconv"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
)

// Key schema. {T} is the team ID as a Cluster hash tag.
//
//	pc:{T}:partners                   hash  partner ID → JSON
//	pc:{T}:cl:<partner>:<template>    hash  item ID → JSON state
//	pc:{T}:ledger:<partner>           zset  contribution ID, scored by date (unix ms)
//	pc:{T}:ledgerdata:<partner>       hash  contribution ID → JSON
//	pc:{T}:events:<partner>           hash  event ID → JSON
//	pc:{T}:deals:<partner>            hash  deal ID → JSON
//	pc:{T}:reminders                  hash  reminder ID → JSON
//	pc:{T}:occ:<reminder>@<unix>      string  claim holder (expires with the lease)
//	pc:{T}:sent:<reminder>@<unix>     string  posted message ts (kept 40 days)
//	pc:teams                          set   team IDs (the one key outside a team)
type keys struct{ prefix string }

const teamsKey = "pc:teams"

// validKeyPart refuses IDs that could break out of their place in a key.
func validKeyPart(what, id string) error {
	if id == "" || len(id) > 255 || strings.ContainsAny(id, "{}:@ \t\r\n") {
		return coach.Errorf(coach.EINVALID, "Invalid %s ID %q.", what, id)
	}
	return nil
}

func teamKeys(teamID string) (keys, error) {
	if err := validKeyPart("team", teamID); err != nil {
		return keys{}, err
	}
	return keys{prefix: "pc:{" + teamID + "}:"}, nil
}

func (k keys) partners() string               { return k.prefix + "partners" }
func (k keys) checklist(p, tpl string) string { return k.prefix + "cl:" + p + ":" + tpl }
func (k keys) ledger(p string) string         { return k.prefix + "ledger:" + p }
func (k keys) ledgerData(p string) string     { return k.prefix + "ledgerdata:" + p }
func (k keys) events(p string) string         { return k.prefix + "events:" + p }
func (k keys) deals(p string) string          { return k.prefix + "deals:" + p }
func (k keys) reminders() string              { return k.prefix + "reminders" }
func (k keys) occurrence(o coach.Occurrence) string {
	return k.prefix + "occ:" + o.ReminderID + "@" + strconv.FormatInt(o.At.UTC().Unix(), 10)
}
func (k keys) sent(o coach.Occurrence) string {
	return k.prefix + "sent:" + o.ReminderID + "@" + strconv.FormatInt(o.At.UTC().Unix(), 10)
}

// teamAndPartner validates both IDs and returns the team's keys.
func teamAndPartner(teamID, partnerID string) (keys, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return k, err
	}
	return k, validKeyPart("partner", partnerID)
}
