package coach

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Importing a spreadsheet: PlanImport reads the file and says what it would
// do (a preview), ApplyImport does it in one store operation. Every cell goes
// through the parser the commands and forms use, so a value /partner add
// refuses is refused here too, with the same key.

// ImportStore applies a whole import at once.
type ImportStore interface {
	// ApplyImport writes a batch in one atomic step: every new partner with
	// its reminders, every update, every contribution, or nothing.
	// ECONFLICT, with nothing written, when a partner to create exists by
	// now or one to update no longer has Before's UpdatedAt. A contribution
	// whose ID the ledger holds (or held: deleted) is left as it is.
	ApplyImport(ctx context.Context, b ImportBatch) error
}

// ImportBatch is what one file changes.
type ImportBatch struct {
	TeamID        string
	Creates       []Partner
	Reminders     []Reminder // the new partners' default reminders
	Updates       []PartnerUpdate
	Contributions []Contribution
}

// PartnerUpdate replaces Before with After.
type PartnerUpdate struct {
	Before, After Partner
}

// UserResolver finds the Slack user of an e-mail address (the bot asks
// users.lookupByEmail). ENOTFOUND when no user has it.
type UserResolver interface {
	UserByEmail(ctx context.Context, email string) (string, error)
}

// ImportFile is an uploaded file and where the import was asked.
type ImportFile struct {
	Name string
	Data []byte
	// Channel is the home channel of new partners whose row names none.
	Channel string
}

// RowError is one row the import leaves out, and why (a catalog key).
type RowError struct {
	Line  int
	Field string
	Key   string
	Args  []any
}

// ImportPlan is a preview: what applying the file would do.
type ImportPlan struct {
	TeamID    string
	Actor     string
	SHA256    string // of the file's bytes, hex
	Ledger    bool
	Adds      int // partners or ledger entries new to the team
	Updates   int
	Unchanged int
	Errors    []RowError
	Ignored   []string // columns nobody reads
	Batch     ImportBatch
}

var channelRef = regexp.MustCompile(`^<?#?([CG][A-Z0-9]{1,20})(\|[^>]*)?>?$`)
var userRef = regexp.MustCompile(`^<?@?([UW][A-Z0-9]{1,20})(\|[^>]*)?>?$`)

// PlanImport reads a file and plans its import for actor; nothing is
// written. A file that cannot be read at all is an error; a row that cannot
// be imported is a RowError in the plan.
func (s *Service) PlanImport(ctx context.Context, teamID, actor string, f ImportFile, users UserResolver) (ImportPlan, error) {
	if err := requireTeam(teamID); err != nil {
		return ImportPlan{}, err
	}
	sum := sha256.Sum256(f.Data)
	tab, err := ReadCSV(f.Data)
	if err != nil {
		return ImportPlan{}, err
	}
	l, err := MapColumns(tab.Header)
	if err != nil {
		return ImportPlan{}, err
	}
	all, err := s.store.Partners(ctx, teamID)
	if err != nil {
		return ImportPlan{}, fmt.Errorf("plan import: %w", err)
	}
	p := &planner{s: s, ctx: ctx, actor: actor, users: users, emails: map[string]string{}, file: f,
		plan: ImportPlan{TeamID: teamID, Actor: actor, SHA256: hex.EncodeToString(sum[:]), Ledger: l.Ledger, Ignored: l.Ignored,
			Batch: ImportBatch{TeamID: teamID}}, all: all, l: l}
	if l.Ledger {
		err = p.ledger(tab.Rows)
	} else {
		err = p.partners(tab.Rows)
	}
	if err != nil {
		return ImportPlan{}, err
	}
	return p.plan, nil
}

// ApplyImport writes a plan. The store refuses it whole (ECONFLICT) when the
// team's partners changed since the plan was made; plan again then.
func (s *Service) ApplyImport(ctx context.Context, plan ImportPlan) error {
	if err := requireTeam(plan.TeamID); err != nil {
		return err
	}
	b := plan.Batch
	if len(b.Creates)+len(b.Updates)+len(b.Contributions) == 0 {
		return nil
	}
	if err := s.store.ApplyImport(ctx, b); err != nil {
		return fmt.Errorf("apply import: %w", err)
	}
	return nil
}

type planner struct {
	s      *Service
	ctx    context.Context
	actor  string
	users  UserResolver
	emails map[string]string
	file   ImportFile
	plan   ImportPlan
	all    []Partner
	l      Layout
}

func (p *planner) fail(line int, err error) {
	if e, ok := err.(*Error); ok && e.Code != EINTERNAL && e.Code != EUNAVAILABLE {
		p.plan.Errors = append(p.plan.Errors, RowError{Line: line, Field: e.Field, Key: e.Key, Args: e.Args})
		return
	}
	p.plan.Errors = append(p.plan.Errors, RowError{Line: line, Key: "import.row.invalid"})
}

// owner reads an owner cell: an e-mail (looked up), a user ID or mention.
func (p *planner) owner(cell string) (string, error) {
	c := strings.TrimSpace(cell)
	if m := userRef.FindStringSubmatch(c); m != nil {
		return m[1], nil
	}
	if !strings.Contains(c, "@") || strings.ContainsAny(c, " <>") {
		return "", FieldError("owner", "import.row.owner_invalid", c)
	}
	email := strings.ToLower(c)
	if u, ok := p.emails[email]; ok {
		if u == "" {
			return "", FieldError("owner", "import.row.owner_unknown", c)
		}
		return u, nil
	}
	if p.users == nil {
		return "", FieldError("owner", "import.row.owner_unknown", c)
	}
	u, err := p.users.UserByEmail(p.ctx, email)
	if ErrorCode(err) == ENOTFOUND {
		p.emails[email] = ""
		return "", FieldError("owner", "import.row.owner_unknown", c)
	} else if err != nil {
		return "", err // the lookup itself failed: the whole plan does
	}
	p.emails[email] = u
	return u, nil
}

func readChannel(cell string) (string, error) {
	m := channelRef.FindStringSubmatch(strings.TrimSpace(cell))
	if m == nil {
		return "", FieldError("channel", "import.row.channel_invalid", cell)
	}
	return m[1], nil
}

// partners plans a partner file: a row matching a partner (its ID, or its
// name slugged) updates the cells it fills; any other row adds a partner.
func (p *planner) partners(rows []CSVRow) error {
	byID := map[string]int{}
	for i, pa := range p.all {
		byID[pa.ID] = i
	}
	seen := map[string]int{}
	now := p.s.now()
	for _, r := range rows {
		cell := func(c Column) string { return p.l.Cell(r.Fields, c) }
		id := Slug(cell(ColPartnerID))
		var name string
		if n := cell(ColName); n != "" {
			v, err := ParsePartnerName(n)
			if err != nil {
				p.fail(r.Line, err)
				continue
			}
			name = v
			if id == "" {
				id = Slug(name)
			}
		}
		if id == "" {
			p.fail(r.Line, FieldError("name", "import.row.name_required"))
			continue
		}
		if first, dup := seen[id]; dup {
			p.fail(r.Line, FieldError("name", "import.row.duplicate", first))
			continue
		}
		seen[id] = r.Line
		in, err := p.partnerCells(r.Fields)
		if err != nil {
			if ErrorCode(err) == EINTERNAL || ErrorCode(err) == EUNAVAILABLE {
				return err
			}
			p.fail(r.Line, err)
			continue
		}
		if i, ok := byID[id]; ok {
			p.update(r.Line, p.all[i], in, now)
			continue
		}
		if name == "" {
			// Only a partner column ("Partner" in many CRMs): its cell is
			// the new partner's name.
			v, err := ParsePartnerName(cell(ColPartnerID))
			if err != nil {
				p.fail(r.Line, err)
				continue
			}
			name = v
		}
		np := Partner{TeamID: p.plan.TeamID, ID: id, Name: name, Kind: KindReseller, Stage: StageProspect, Owner: p.actor,
			Channel: p.file.Channel, Profile: in.profile, CreatedAt: now, UpdatedAt: now, StageChangedAt: now}
		if in.kind != "" {
			np.Kind = in.kind
		}
		if in.stage != "" {
			np.Stage = in.stage
		}
		if in.owner != "" {
			np.Owner = in.owner
		}
		if in.channel != "" {
			np.Channel = in.channel
		}
		if np.Channel == "" {
			p.fail(r.Line, FieldError("channel", "partner.channel.required"))
			continue
		}
		rems := DefaultReminders(np, now)
		for i := range rems {
			rems[i].UpdatedBy = p.actor
		}
		p.plan.Batch.Creates = append(p.plan.Batch.Creates, np)
		p.plan.Batch.Reminders = append(p.plan.Batch.Reminders, rems...)
		p.plan.Adds++
	}
	return nil
}

type partnerCells struct {
	kind    Kind
	stage   Stage
	owner   string
	channel string
	profile Profile
	filled  map[Column]bool
}

func (p *planner) partnerCells(row []string) (partnerCells, error) {
	out := partnerCells{filled: map[Column]bool{}}
	cell := func(c Column) string {
		v := p.l.Cell(row, c)
		if v != "" {
			out.filled[c] = true
		}
		return v
	}
	var err error
	if v := cell(ColKind); v != "" {
		if out.kind, err = ParseKind(v); err != nil {
			return out, err
		}
	}
	if v := cell(ColStage); v != "" {
		if out.stage, err = ParseStage(v); err != nil {
			return out, err
		}
	}
	if v := cell(ColOwner); v != "" {
		if out.owner, err = p.owner(v); err != nil {
			return out, err
		}
	}
	if v := cell(ColChannel); v != "" {
		if out.channel, err = readChannel(v); err != nil {
			return out, err
		}
	}
	if v := cell(ColWebsite); v != "" {
		if !strings.Contains(v, "://") {
			v = "https://" + v
		}
		if out.profile.Website, err = ParseLink(v); err != nil {
			return out, &Error{Code: EINVALID, Field: "website", Key: "import.row.website_invalid", Args: []any{v}}
		}
	}
	out.profile.CustomerBase = CleanText(cell(ColCustomerBase))
	out.profile.BusinessModel = CleanText(cell(ColBusinessModel))
	out.profile.ExecutionCapacity = CleanText(cell(ColExecution))
	out.profile.Region = CleanText(cell(ColRegion))
	out.profile.Notes = CleanText(cell(ColNotes))
	return out, validProfile(out.profile)
}

// update plans the changes a row makes to an existing partner: only the
// cells it fills, only by its owner or an admin, never to an archived one.
func (p *planner) update(line int, old Partner, in partnerCells, now time.Time) {
	n := old
	if in.filled[ColKind] {
		n.Kind = in.kind
	}
	if in.filled[ColStage] && n.Stage != in.stage {
		n.Stage, n.StageChangedAt = in.stage, now
	}
	if in.filled[ColOwner] {
		n.Owner = in.owner
	}
	if in.filled[ColChannel] {
		n.Channel = in.channel
	}
	for c, dst := range map[Column]*string{ColWebsite: &n.Profile.Website, ColCustomerBase: &n.Profile.CustomerBase,
		ColBusinessModel: &n.Profile.BusinessModel, ColExecution: &n.Profile.ExecutionCapacity, ColRegion: &n.Profile.Region, ColNotes: &n.Profile.Notes} {
		if in.filled[c] {
			*dst = map[Column]string{ColWebsite: in.profile.Website, ColCustomerBase: in.profile.CustomerBase,
				ColBusinessModel: in.profile.BusinessModel, ColExecution: in.profile.ExecutionCapacity, ColRegion: in.profile.Region, ColNotes: in.profile.Notes}[c]
		}
	}
	if n.Kind == old.Kind && n.Stage == old.Stage && n.Owner == old.Owner && n.Channel == old.Channel && n.Profile == old.Profile {
		p.plan.Unchanged++ // a row that changes nothing needs no right to change
		return
	}
	if err := p.s.mayManage(old, p.actor); err != nil {
		p.fail(line, err)
		return
	}
	if err := writable(old); err != nil {
		p.fail(line, err)
		return
	}
	n.UpdatedAt = now
	p.plan.Batch.Updates = append(p.plan.Batch.Updates, PartnerUpdate{Before: old, After: n})
	p.plan.Updates++
}

// ledger plans a ledger file: each row adds an entry whose ID is the
// external ID column's (or, without one, a digest of the row), so a file
// imported twice adds nothing the second time.
func (p *planner) ledger(rows []CSVRow) error {
	now := p.s.now()
	existing := map[string]map[string]bool{}
	seen := map[string]int{}
	for _, r := range rows {
		cell := func(c Column) string { return p.l.Cell(r.Fields, c) }
		ref := cell(ColPartnerID)
		if ref == "" {
			p.fail(r.Line, FieldError("partner", "partner.query.required"))
			continue
		}
		pa, err := MatchPartner(p.all, ref)
		if err != nil {
			p.fail(r.Line, err)
			continue
		}
		if err := writable(pa); err != nil {
			p.fail(r.Line, err)
			continue
		}
		in, err := p.entry(r, now)
		if err != nil {
			p.fail(r.Line, err)
			continue
		}
		key := pa.ID + "\x00" + in.ID
		if first, dup := seen[key]; dup {
			p.fail(r.Line, FieldError("id", "import.row.duplicate", first))
			continue
		}
		seen[key] = r.Line
		ids, ok := existing[pa.ID]
		if !ok {
			cs, err := p.s.store.Contributions(p.ctx, p.plan.TeamID, pa.ID, time.Time{}, time.Time{})
			if err != nil {
				return fmt.Errorf("plan import: %w", err)
			}
			ids = map[string]bool{}
			for _, c := range cs {
				ids[c.ID] = true
			}
			existing[pa.ID] = ids
		}
		if ids[in.ID] {
			p.plan.Unchanged++
			continue
		}
		p.plan.Batch.Contributions = append(p.plan.Batch.Contributions, Contribution{TeamID: p.plan.TeamID, PartnerID: pa.ID, ID: in.ID,
			Direction: in.Direction, Kind: in.Kind, Amount: in.Amount, Date: in.Date.UTC(), Note: in.Note, Author: p.actor, CreatedAt: now})
		p.plan.Adds++
	}
	return nil
}

func (p *planner) entry(r CSVRow, now time.Time) (NewContribution, error) {
	cell := func(c Column) string { return p.l.Cell(r.Fields, c) }
	var in NewContribution
	var err error
	if in.Direction, err = ParseDirection(cell(ColDirection)); err != nil {
		return in, err
	}
	if in.Kind, err = ParseContributionKind(cell(ColKind)); err != nil {
		return in, err
	}
	cur, err := ParseCurrency(cell(ColCurrency))
	if err != nil {
		return in, err
	}
	if in.Amount, err = ParseAmount(cell(ColAmount), cur); err != nil {
		return in, err
	}
	if in.Date, err = ParseImportDate(cell(ColDate), now); err != nil {
		return in, err
	}
	if in.Note, err = ParseNote(cell(ColNote)); err != nil {
		return in, err
	}
	if err := p.s.validateContribution(in, now); err != nil {
		return in, err
	}
	ext := cell(ColEntryID)
	switch {
	case ext != "" && len(ext) <= 64 && !strings.ContainsAny(ext, " :{}|@\t\r\n"):
		in.ID = ext
	case ext != "":
		in.ID = "x-" + digest(ext)
	default:
		// No external ID: the row's own content names it, so the same row
		// imported again is the same entry.
		in.ID = "r-" + digest(cell(ColPartnerID), string(in.Direction), string(in.Kind),
			fmt.Sprint(in.Amount.Amount), in.Amount.Currency, in.Date.Format("2006-01-02"), in.Note)
	}
	return in, nil
}

func digest(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
	return hex.EncodeToString(h[:12])
}
