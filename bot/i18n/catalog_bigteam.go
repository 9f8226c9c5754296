package i18n

// Texts of issue 15: a big team's digest sums up instead of listing.
func init() {
	register(map[string]Msg{
		"digest.by_verdict":       {"*By balance:* %s", "*Par équilibre :* %s"},
		"digest.by_stage":         {"*By stage:* %s", "*Par étape :* %s"},
		"digest.most_at_risk":     {"*The %d most at risk:*", "*Les %d plus fragiles :*"},
		"digest.rest":             {"%d more partners are not listed here: `/partner health` ranks them all, a page at a time.", "%d autres partenaires ne figurent pas ici : `/partner health` les classe tous, page par page."},
		"digest.verdict.balanced": {"balanced", "équilibrés"},
		"digest.verdict.leaning":  {"leaning", "penchent"},
		"digest.verdict.lopsided": {"lopsided", "déséquilibrés"},
		"digest.verdict.none":     {"no closed business", "sans affaire conclue"},
		"digest.count":            {"%s %d", "%s %d"},
	})
	declareArgs(map[string]string{
		"digest.by_verdict":   "s",
		"digest.by_stage":     "s",
		"digest.most_at_risk": "d",
		"digest.rest":         "d",
		"digest.count":        "sd",
	})
}
