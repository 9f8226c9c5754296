package i18n

// Texts of issue 12's records: checklist copies, events, deals, archived
// partners, and what people type.
func init() {
	registerErrors(map[string]errMsg{
		"checklist.post.invalid": {"", "That checklist message has no channel or time stamp.", "Ce message de liste n'a ni canal ni horodatage."},
	})
}
