package redis

import (
	"strconv"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
)

// Key schema. {T} is the team ID as a Cluster hash tag: only the text
// between the first braces is hashed, so every key of a team lands in the
// same slot and one script or MULTI/EXEC may touch several of them.
//
//	pc:{T}:partners                   hash    partner ID → partner JSON
//	pc:{T}:cl:<partner>:<template>    hash    item ID → item state JSON
//	pc:{T}:lm:<partner>               hash    month "200601" → that month's ledger lines (ledger.go)
//	pc:{T}:ledgeraudit:<partner>      list    revision JSON, oldest first (edits and deletions)
//	pc:{T}:ledgergone:<partner>       set     IDs of deleted contributions, never added again
//	pc:{T}:events:<partner>           hash    event ID → event JSON
//	pc:{T}:deals:<partner>            hash    deal ID → deal JSON
//	pc:{T}:reminders                  hash    reminder ID → reminder JSON
//	pc:{T}:occ:<reminder>@<unix s>    string  claim holder (expires with the lease)
//	pc:{T}:sent:<reminder>@<unix s>   string  posted message ts (kept 40 days)
//	pc:{T}:thread:<ch>:<partner>:<m>  string  thread JSON of a partner's month in a channel (kept 70 days)
//	pc:teams                          set     team IDs: the one key outside a team
//	pc:schema, pc:migration           string  schema version and migration lease (migrate.go)
//
// Partners live in one hash so that listing them is one HGETALL; a
// contribution's ID is a field of its own hash so that adding it twice is
// detected by HSETNX.
type keys struct{ prefix string }

const teamsKey = "pc:teams"

// maxIDLen bounds every ID we store, key part or field.
const maxIDLen = 255

// validKeyPart refuses IDs that could break out of their place in a key:
// braces would move the hash tag, ':' would let "a:b" + "c" read as "a" +
// "b:c", '@' separates the occurrence time.
func validKeyPart(what, id string) error {
	if id == "" || len(id) > maxIDLen || strings.ContainsAny(id, "{}:@ \t\r\n") {
		return coach.NewError(coach.EINVALID, "id.invalid", what, id)
	}
	return nil
}

// validField checks an ID used only as a hash field or zset member, where
// any text is safe.
func validField(what, id string) error {
	if id == "" || len(id) > maxIDLen {
		return coach.NewError(coach.EINVALID, "id.empty", what)
	}
	return nil
}

func teamKeys(teamID string) (keys, error) {
	if err := validKeyPart("team", teamID); err != nil {
		return keys{}, err
	}
	return keys{prefix: "pc:{" + teamID + "}:"}, nil
}

// teamAndPartner validates both IDs and returns the team's keys.
func teamAndPartner(teamID, partnerID string) (keys, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return k, err
	}
	return k, validKeyPart("partner", partnerID)
}

func (k keys) partners() string               { return k.prefix + "partners" }
func (k keys) checklist(p, tpl string) string { return k.prefix + "cl:" + p + ":" + tpl }
func (k keys) events(p string) string         { return k.prefix + "events:" + p }
func (k keys) deals(p string) string          { return k.prefix + "deals:" + p }
func (k keys) reminders() string              { return k.prefix + "reminders" }

func (k keys) occurrence(o coach.Occurrence) string {
	return k.prefix + "occ:" + o.ReminderID + "@" + strconv.FormatInt(o.At.UTC().Unix(), 10)
}

func (k keys) sent(o coach.Occurrence) string {
	return k.prefix + "sent:" + o.ReminderID + "@" + strconv.FormatInt(o.At.UTC().Unix(), 10)
}
