package coach

// Templates holds the checklist templates a team uses: the embedded ones,
// extended or overridden by a team's own file.
type Templates struct {
	byID  map[string]Template
	order []string
}
