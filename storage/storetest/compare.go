package storetest

import "time"

// timeEqual compares instants: a store may hand back another zone or drop the
// monotonic reading, but never move the instant.
func timeEqual(a, b time.Time) bool { return a.Equal(b) }
