package coach

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Exports: each kind of record as one CSV file (RFC 4180: CRLF line ends,
// quotes where needed; UTF-8; a header row), the partner ID on every row,
// dates in ISO 8601, amounts in major units beside their currency. Rows are
// written as they are read, a page of ledger lines at a time, so the size of
// an export does not change the memory it takes.

// ExportKind is one file of an export. To add one, add a row to ExportKinds.
type ExportKind struct {
	Name    string   // the command word and the file's stem: partners, ledger, events
	Aliases []string // other words for it (French)
	Header  []string
	// rows writes the kind's rows for one partner.
	rows func(ctx context.Context, s *Service, p Partner, emit func(...string) error) error
}

// ExportKinds lists every kind, in the order "all" writes them.
var ExportKinds = []ExportKind{
	{Name: "partners", Aliases: []string{"partenaires"}, Header: partnerHeader, rows: partnerRows},
	{Name: "ledger", Aliases: []string{"registre", "grand-livre"}, Header: ledgerHeader, rows: ledgerRows},
	{Name: "events", Aliases: []string{"evenements", "événements"}, Header: eventHeader, rows: eventRows},
	{Name: "commitments", Aliases: []string{"engagements"}, Header: commitmentHeader, rows: commitmentRows},
}

// ExportAll is the word for every kind at once.
var exportAllWords = []string{"all", "tout"}

// ExportKindNames lists the words ParseExportKinds accepts, for help texts.
func ExportKindNames() []string {
	var out []string
	for _, k := range ExportKinds {
		out = append(out, k.Name)
	}
	return append(out, "all")
}

// IsExportKind reports whether word names a kind (or all).
func IsExportKind(word string) bool {
	_, err := ParseExportKinds(word)
	return err == nil && strings.TrimSpace(word) != ""
}

// ParseExportKinds reads the kind a user typed: a name, its alias, or
// all/empty for every kind.
func ParseExportKinds(word string) ([]ExportKind, error) {
	w := strings.ToLower(strings.TrimSpace(word))
	if w == "" || slices.Contains(exportAllWords, w) {
		return ExportKinds, nil
	}
	for _, k := range ExportKinds {
		if w == k.Name || slices.Contains(k.Aliases, w) {
			return []ExportKind{k}, nil
		}
	}
	return nil, FieldError("kind", "export.kind.unknown", word, strings.Join(ExportKindNames(), ", "))
}

// FileName is the name of the kind's file for an export made at t, of one
// partner or (partnerID "") of all the asker may export.
func (k ExportKind) FileName(partnerID string, t time.Time) string {
	scope := "partner-coach"
	if partnerID != "" {
		scope += "-" + partnerID
	}
	return fmt.Sprintf("%s-%s-%s.csv", scope, k.Name, t.UTC().Format("2006-01-02"))
}

// ExportScope is the partners actor may export, archived ones included:
// every partner for an admin, their own for anyone else; only partnerID
// when it is set (EFORBIDDEN for someone else's, when not an admin).
// ENOTFOUND when there is nothing to export.
func (s *Service) ExportScope(ctx context.Context, teamID, actor, partnerID string) ([]Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	if partnerID != "" {
		p, err := s.store.Partner(ctx, teamID, partnerID)
		if err != nil {
			return nil, fmt.Errorf("export scope: %w", err)
		}
		if actor != p.Owner && !s.IsAdmin(actor) {
			return nil, &Error{Code: EFORBIDDEN, Key: "export.forbidden", Args: []any{p.Name, p.Owner}}
		}
		return []Partner{p}, nil
	}
	all, err := s.store.Partners(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("export scope: %w", err)
	}
	var out []Partner
	for _, p := range all {
		if s.IsAdmin(actor) || p.Owner == actor {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, NewError(ENOTFOUND, "export.nothing")
	}
	return out, nil
}

// Export writes kind's CSV for the partners (from ExportScope) to w and
// returns the number of data rows. Nothing is held beyond one page of the
// ledger and the CSV writer's buffer.
func (s *Service) Export(ctx context.Context, kind ExportKind, partners []Partner, w io.Writer) (int, error) {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(kind.Header); err != nil {
		return 0, fmt.Errorf("export %s: %w", kind.Name, err)
	}
	rows := 0
	row := make([]string, len(kind.Header))
	emit := func(cells ...string) error {
		for i := range row {
			row[i] = ""
			if i < len(cells) {
				row[i] = Neutralise(cells[i])
			}
		}
		rows++
		return cw.Write(row)
	}
	for _, p := range partners {
		if err := ctx.Err(); err != nil {
			return rows, err
		}
		if err := kind.rows(ctx, s, p, emit); err != nil {
			return rows, fmt.Errorf("export %s of %s: %w", kind.Name, p.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return rows, fmt.Errorf("export %s: %w", kind.Name, err)
	}
	return rows, nil
}

// Neutralise keeps a spreadsheet from running a cell as a formula: a cell
// that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text.
func Neutralise(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	return cell
}

// MajorUnits writes an amount in the currency's major unit with a point
// before the decimals and no grouping: 1234567 EUR cents → "12345.67",
// 500 JPY → "500".
func MajorUnits(m Money) string {
	digits, ok := currencyDigits[m.Currency]
	if !ok {
		digits = 2
	}
	neg := m.Amount < 0
	a := m.Amount
	if neg {
		a = -a
	}
	s := strconv.FormatInt(a, 10)
	if digits > 0 {
		if len(s) <= digits {
			s = strings.Repeat("0", digits-len(s)+1) + s
		}
		s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

var partnerHeader = []string{"partner_id", "name", "kind", "stage", "owner", "channel", "customer_base", "business_model", "execution_capacity", "region", "notes", "created_at", "stage_changed_at", "reviewed_at", "archived"}

func partnerRows(_ context.Context, _ *Service, p Partner, emit func(...string) error) error {
	return emit(p.ID, p.Name, string(p.Kind), string(p.Stage), p.Owner, p.Channel,
		p.Profile.CustomerBase, p.Profile.BusinessModel, p.Profile.ExecutionCapacity, p.Profile.Region, p.Profile.Notes,
		isoTime(p.CreatedAt), isoTime(p.StageChangedAt), isoTime(p.ReviewedAt), strconv.FormatBool(p.Archived))
}

var ledgerHeader = []string{"partner_id", "id", "date", "direction", "kind", "amount", "currency", "note", "author", "created_at"}

// ledgerPage is how many ledger lines an export reads at a time.
const ledgerPage = 500

func ledgerRows(ctx context.Context, s *Service, p Partner, emit func(...string) error) error {
	var after LedgerCursor
	for {
		page, err := s.store.ContributionsAfter(ctx, p.TeamID, p.ID, after, ledgerPage)
		if err != nil {
			return err
		}
		for _, c := range page {
			amount, currency := "", c.Amount.Currency
			if currency != "" {
				amount = MajorUnits(c.Amount)
			}
			if err := emit(p.ID, c.ID, isoDate(c.Date), string(c.Direction), string(c.Kind), amount, currency, c.Note, c.Author, isoTime(c.CreatedAt)); err != nil {
				return err
			}
		}
		if len(page) < ledgerPage {
			return nil
		}
		after = CursorOf(page[len(page)-1])
	}
}

var eventHeader = []string{"partner_id", "id", "title", "start", "time_zone", "host", "status", "link", "created_by", "created_at"}

func eventRows(ctx context.Context, s *Service, p Partner, emit func(...string) error) error {
	es, err := s.store.Events(ctx, p.TeamID, p.ID)
	if err != nil {
		return err
	}
	for _, e := range es {
		start := e.Start
		if loc, err := time.LoadLocation(e.TimeZone); err == nil && e.TimeZone != "" {
			start = start.In(loc)
		}
		if err := emit(p.ID, e.ID, e.Title, start.Format(time.RFC3339), e.TimeZone, string(e.Host), string(e.Status), e.Link, e.CreatedBy, isoTime(e.CreatedAt)); err != nil {
			return err
		}
	}
	return nil
}

var commitmentHeader = []string{"partner_id", "id", "side", "title", "due", "status", "person", "person_name", "done_at", "created_by", "created_at", "updated_by", "updated_at"}

func commitmentRows(ctx context.Context, s *Service, p Partner, emit func(...string) error) error {
	cs, err := s.CommitmentsFor(ctx, p.TeamID, p.ID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if err := emit(p.ID, c.ID, string(c.Side), c.Title, c.Due.Format(time.DateOnly), string(c.Status), c.Person, c.PersonName, isoTime(c.DoneAt), c.CreatedBy, isoTime(c.CreatedAt), c.UpdatedBy, isoTime(c.UpdatedAt)); err != nil {
			return err
		}
	}
	return nil
}
