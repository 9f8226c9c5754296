package coach

import (
	"strings"
	"time"
)

// Column is what an imported column holds, whatever its header says.
type Column string

// The columns an import reads. Partner files use the first group; ledger
// files (a direction or an amount column) the second, with Partner naming
// whose ledger a row belongs to.
const (
	ColPartnerID     Column = "partner_id"
	ColName          Column = "name"
	ColKind          Column = "kind"
	ColStage         Column = "stage"
	ColOwner         Column = "owner"
	ColChannel       Column = "channel"
	ColWebsite       Column = "website"
	ColCustomerBase  Column = "customer_base"
	ColBusinessModel Column = "business_model"
	ColExecution     Column = "execution_capacity"
	ColRegion        Column = "region"
	ColNotes         Column = "notes"

	ColEntryID   Column = "id"
	ColDirection Column = "direction"
	ColAmount    Column = "amount"
	ColCurrency  Column = "currency"
	ColDate      Column = "date"
	ColNote      Column = "note"
)

// columnHeaders maps headers, slugged (case, accents and punctuation
// ignored), to columns: the export's own headers, then what CRMs and
// partner tools write, in English and French. "kind"/"type" is the
// partner's kind in a partner file and the contribution's in a ledger file.
var columnHeaders = map[string]Column{
	"partner-id": ColPartnerID, "partner": ColPartnerID, "partenaire": ColPartnerID, "id-partenaire": ColPartnerID,

	"name": ColName, "partner-name": ColName, "company-name": ColName, "company": ColName, "account-name": ColName,
	"organization": ColName, "organisation": ColName, "nom": ColName, "societe": ColName, "raison-sociale": ColName,
	"entreprise": ColName, "nom-du-partenaire": ColName,

	"kind": ColKind, "type": ColKind, "partner-type": ColKind, "partner-kind": ColKind, "category": ColKind,
	"type-de-partenaire": ColKind, "categorie": ColKind, "genre": ColKind,

	"stage": ColStage, "partner-stage": ColStage, "status": ColStage, "lifecycle-stage": ColStage,
	"etape": ColStage, "statut": ColStage, "phase": ColStage,

	"owner": ColOwner, "owner-email": ColOwner, "account-owner": ColOwner, "account-owner-email": ColOwner,
	"partner-manager": ColOwner, "partner-manager-email": ColOwner, "responsable": ColOwner,
	"email-du-responsable": ColOwner, "proprietaire": ColOwner, "owner-id": ColOwner,

	"channel": ColChannel, "slack-channel": ColChannel, "channel-id": ColChannel, "canal": ColChannel, "canal-slack": ColChannel,

	"website": ColWebsite, "company-url": ColWebsite, "url": ColWebsite, "web-site": ColWebsite, "domain": ColWebsite,
	"site-web": ColWebsite, "site-internet": ColWebsite, "site": ColWebsite,

	"customer-base": ColCustomerBase, "customers": ColCustomerBase, "base-clients": ColCustomerBase, "clientele": ColCustomerBase,
	"business-model": ColBusinessModel, "modele-economique": ColBusinessModel,
	"execution-capacity": ColExecution, "capacity": ColExecution, "capacite": ColExecution, "capacite-d-execution": ColExecution,
	"region": ColRegion, "territory": ColRegion, "country": ColRegion, "territoire": ColRegion, "pays": ColRegion,
	"notes": ColNotes, "description": ColNotes, "commentaires": ColNotes,

	"entry-id": ColEntryID, "id": ColEntryID, "external-id": ColEntryID, "contribution-id": ColEntryID,
	"identifiant": ColEntryID, "identifiant-externe": ColEntryID, "reference": ColEntryID, "ref": ColEntryID,
	"direction": ColDirection, "sens": ColDirection,
	"amount": ColAmount, "value": ColAmount, "montant": ColAmount, "valeur": ColAmount,
	"currency": ColCurrency, "devise": ColCurrency, "monnaie": ColCurrency,
	"date": ColDate, "day": ColDate, "jour": ColDate, "date-de-la-contribution": ColDate,
	"note": ColNote, "comment": ColNote, "commentaire": ColNote, "memo": ColNote, "libelle": ColNote,
}

// ColumnHeaders returns the headers read for each column (for help texts
// and the README's table), slugged.
func ColumnHeaders() map[Column][]string {
	out := map[Column][]string{}
	for h, c := range columnHeaders {
		out[c] = append(out[c], h)
	}
	return out
}

// Layout is how a file's columns map: Index[col] is the cell's position.
type Layout struct {
	Ledger  bool
	Index   map[Column]int
	Ignored []string // headers no column reads
}

// MapColumns reads a header row. In a ledger file (it has a direction or
// an amount column) a name column names the partner, and a note column
// is the entry's note.
func MapColumns(header []string) (Layout, error) {
	l := Layout{Index: map[Column]int{}}
	for i, h := range header {
		c, ok := columnHeaders[Slug(h)]
		if !ok {
			if strings.TrimSpace(h) != "" {
				l.Ignored = append(l.Ignored, h)
			}
			continue
		}
		if _, dup := l.Index[c]; dup {
			return Layout{}, FieldError("file", "import.columns.duplicate", h)
		}
		l.Index[c] = i
	}
	_, dir := l.Index[ColDirection]
	_, amt := l.Index[ColAmount]
	l.Ledger = dir || amt
	if l.Ledger {
		if _, ok := l.Index[ColPartnerID]; !ok {
			if i, ok := l.Index[ColName]; ok {
				l.Index[ColPartnerID] = i
				delete(l.Index, ColName)
			}
		}
		if i, ok := l.Index[ColNotes]; ok {
			if _, has := l.Index[ColNote]; !has {
				l.Index[ColNote] = i
				delete(l.Index, ColNotes)
			}
		}
		for _, c := range []Column{ColPartnerID, ColDirection, ColKind, ColAmount, ColCurrency, ColDate} {
			if _, ok := l.Index[c]; !ok {
				return Layout{}, FieldError("file", "import.columns.missing_ledger", string(c))
			}
		}
		return l, nil
	}
	_, id := l.Index[ColPartnerID]
	_, name := l.Index[ColName]
	if !id && !name {
		return Layout{}, FieldError("file", "import.columns.missing_name")
	}
	return l, nil
}

// Cell returns a row's cell for a column, "" when the file has no such
// column or the row is short.
func (l Layout) Cell(row []string, c Column) string {
	i, ok := l.Index[c]
	if !ok || i >= len(row) {
		return ""
	}
	return row[i]
}

// ParseImportDate reads a ledger row's date: what ParseLogDate reads, an
// ISO date with a time after it, or a day first ("31/12/2025",
// "31.12.2025"), as French and most European spreadsheets write it.
func ParseImportDate(s string, now time.Time) (time.Time, error) {
	t := strings.TrimSpace(s)
	if len(t) > 10 && t[4] == '-' && (t[10] == 'T' || t[10] == ' ') {
		t = t[:10]
	}
	for _, sep := range []string{"/", "."} {
		parts := strings.Split(t, sep)
		if len(parts) == 3 && len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2 {
			t = parts[2] + "-" + pad2(parts[1]) + "-" + pad2(parts[0])
			break
		}
	}
	return ParseLogDate(t, now, time.UTC)
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
