package bolt

import (
	"slices"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
)

func sortEvents(es []coach.Event) {
	slices.SortStableFunc(es, func(a, b coach.Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}
