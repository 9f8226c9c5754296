package coach

import (
	"strings"
	"time"
)

// LedgerCursor is a position in a partner's ledger: the date and ID of the
// last line read. The zero value is the start.
type LedgerCursor struct {
	Date time.Time
	ID   string
}

// CursorOf is the cursor just past c.
func CursorOf(c Contribution) LedgerCursor { return LedgerCursor{Date: c.Date, ID: c.ID} }

// IsZero reports whether the cursor is the start of the ledger.
func (k LedgerCursor) IsZero() bool { return k.Date.IsZero() && k.ID == "" }

// Before reports whether the cursor comes before c in ledger order (date,
// then ID): whether c is still to be read.
func (k LedgerCursor) Before(c Contribution) bool {
	if k.IsZero() {
		return true
	}
	if d := k.Date.Compare(c.Date); d != 0 {
		return d < 0
	}
	return strings.Compare(k.ID, c.ID) < 0
}
