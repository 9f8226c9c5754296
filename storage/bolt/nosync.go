package bolt

// SetNoSync turns the flush of each commit to disk off (on) or back on.
// Only for filling a benchmark's file fast: a crash while it is off may
// lose what was committed.
func (s *Store) SetNoSync(on bool) { s.db.NoSync = on }
