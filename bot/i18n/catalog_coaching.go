package i18n

// Coaching that reads the data: evidence, the selection verdict, risks,
// the rules tips come from, schedules in words.
func init() {
	register(map[string]Msg{
		"quote": {"“%s”", "« %s »"},

		// Checklist marks.
		"checklist.met":          {"Met", "Rempli"},
		"checklist.not_met":      {"Not met", "Non rempli"},
		"checklist.reopen":       {"Reopen", "Rouvrir"},
		"checklist.not_met_by":   {"Marked not met by %s on %s", "Marqué non rempli par %s le %s"},
		"checklist.overruled_by": {"Unticked by %s on %s, despite the records (%s)", "Décoché par %s le %s, malgré les données (%s)"},
		"checklist.untick_hint":  {"Ticked by the records. Not right? `/partner checklist %s %s open %s <why>` unticks it with a note.", "Coché d'après les données. Ce n'est pas juste ? `/partner checklist %s %s open %s <raison>` le décoche avec une note."},
		"checklist.marked":       {"%s: %s.", "%s : %s."},
		"checklist.mark_args":    {"Say what to mark, e.g. `/partner checklist acme selection not-met sel-trust they refused references`: `met`, `not-met` or `open`, then the item and an optional note.", "Précisez quoi marquer, par exemple `/partner checklist acme selection not-met sel-trust refus de donner des références` : `met`, `not-met` ou `open`, puis le point et une note facultative."},
		"mark.met":               {"met", "rempli"},
		"mark.not-met":           {"not met", "non rempli"},
		"mark.open":              {"open", "ouvert"},

		// The selection verdict (rule 3).
		"decision.go":      {":large_green_circle: *Go*: every must-have is met.", ":large_green_circle: *Feu vert* : tous les indispensables sont remplis."},
		"decision.not_yet": {":large_yellow_circle: *Not yet*: still open: %s.", ":large_yellow_circle: *Pas encore* : il reste à trancher %s."},
		"decision.no_go":   {":red_circle: *No-go*: not met: %s. A missing must-have rules the candidate out, whatever its nice-to-haves.", ":red_circle: *Écarté* : non rempli : %s. Un indispensable manquant écarte le candidat, quels que soient ses atouts."},
		"field.decision":   {"Selection", "Sélection"},

		// What the records prove.
		"evidence.event_booked":     {"Joint event %s booked for %s", "Événement commun %s prévu le %s"},
		"evidence.event_held":       {"Joint event %s held on %s", "Événement commun %s tenu le %s"},
		"evidence.first_deal":       {"First deal logged on %s", "Première affaire consignée le %s"},
		"evidence.deals_counted":    {"Deals counted one by one: %s, the latest on %s", "Affaires comptées une à une : %s, la dernière le %s"},
		"evidence.review_scheduled": {"Balance review reminder active (%s)", "Rappel de revue de l'équilibre actif (%s)"},
		"evidence.deal_parts":       {"Deal %s listed with %s", "Affaire %s détaillée en %s"},
		"evidence.other":            {"Proved by the records", "Prouvé par les données"},
		"n.part":                    {"%d part|%d parts", "%d élément|%d éléments"},

		// Schedules in words.
		"schedule.weekly":    {"every Monday at 9:00", "chaque lundi à 9 h"},
		"schedule.biweekly":  {"every other Monday at 9:00", "un lundi sur deux à 9 h"},
		"schedule.monthly":   {"on the first Monday of each month at 9:00", "le premier lundi de chaque mois à 9 h"},
		"schedule.quarterly": {"on the first Monday of each quarter at 9:00", "le premier lundi de chaque trimestre à 9 h"},
		"schedule.spec":      {"on the schedule `%s`", "selon l'expression `%s`"},

		// A stage change, one sentence per stage so that each reads right.
		"stage_set.prospect":   {"*%s* is now a prospect.", "*%s* est désormais un prospect."},
		"stage_set.evaluating": {"*%s* is now under evaluation.", "*%s* est désormais en cours d'évaluation."},
		"stage_set.onboarding": {"*%s* is now onboarding.", "*%s* est désormais en cours d'intégration."},
		"stage_set.active":     {"*%s* is now an active partner.", "*%s* est désormais un partenaire actif."},
		"stage_set.at-risk":    {"*%s* is now at risk.", "*%s* est désormais à risque."},
		"stage_set.ended":      {"The partnership with *%s* has ended.", "Le partenariat avec *%s* a pris fin."},

		// Risks, in rankings.
		"risk.at-risk":        {"at risk", "à risque"},
		"risk.lopsided":       {"lopsided balance", "équilibre rompu"},
		"risk.no-first-deal":  {"no first deal", "aucune première affaire"},
		"risk.no-joint-event": {"no joint event in 90 days", "aucun événement commun depuis 90 jours"},
		"risk.no-go":          {"a must-have not met", "un indispensable non rempli"},

		// The rules tips come from, in words.
		"tips.source":       {"Why: %s.", "Pourquoi : %s."},
		"rule.selection-1":  {"settle the non-negotiables first", "fixer d'abord les points non négociables"},
		"rule.selection-2":  {"recruit partners that fit the ideal profile", "recruter des partenaires conformes au profil idéal"},
		"rule.selection-3":  {"a missing must-have rules a candidate out", "un indispensable manquant écarte le candidat"},
		"rule.selection-4":  {"look for partners who adapt", "chercher des partenaires qui savent s'adapter"},
		"rule.selection-5":  {"trust, communication and respect are not negotiable", "confiance, communication et respect ne se négocient pas"},
		"rule.selection-6":  {"partners worth having spend time with you", "les bons partenaires vous consacrent du temps"},
		"rule.selection-7":  {"work with the partner's own ecosystem", "travailler avec l'écosystème du partenaire"},
		"rule.selection-8":  {"research their background", "connaître leur histoire"},
		"rule.selection-9":  {"listen to their needs before proposing", "écouter leurs besoins avant de proposer"},
		"rule.selection-10": {"know their goals and the conflicts", "connaître leurs objectifs et les conflits"},
		"rule.selection-11": {"recruiting a good partner takes persistence", "recruter un bon partenaire demande de la persévérance"},
		"rule.selection-12": {"they must prove they understand our offer", "ils doivent prouver qu'ils comprennent notre offre"},
		"rule.pitfall-1":    {"the pitfall of a one-way partnership", "le piège du partenariat à sens unique"},
		"rule.pitfall-2":    {"the pitfall of not checking the joint business", "le piège de l'activité commune non contrôlée"},
		"rule.pitfall-3":    {"the pitfall of staying abstract: count deals one by one", "le piège de l'abstraction : comptez les affaires une à une"},
		"rule.pitfall-4":    {"the pitfall of over-complex set-ups", "le piège des montages trop complexes"},
		"rule.pitfall-5":    {"the pitfall of ignoring complementarity", "le piège de la complémentarité négligée"},
	})
	declareArgs(map[string]string{
		"quote":                     "s",
		"checklist.not_met_by":      "ss",
		"checklist.overruled_by":    "sss",
		"checklist.untick_hint":     "sss",
		"checklist.marked":          "ss",
		"decision.not_yet":          "s",
		"decision.no_go":            "s",
		"evidence.event_booked":     "ss",
		"evidence.event_held":       "ss",
		"evidence.first_deal":       "s",
		"evidence.deals_counted":    "ss",
		"evidence.review_scheduled": "s",
		"evidence.deal_parts":       "ss",
		"n.part":                    "d",
		"tips.source":               "s",
		"schedule.spec":             "s",
		"stage_set.prospect":        "s",
		"stage_set.evaluating":      "s",
		"stage_set.onboarding":      "s",
		"stage_set.active":          "s",
		"stage_set.at-risk":         "s",
		"stage_set.ended":           "s",
	})
}

// Threads of scheduled messages.
func init() {
	register(map[string]Msg{
		"thread.title": {"%s · %s", "%s · %s"},
		"thread.body":  {"This month's reminders for *%s* are in the thread below.", "Les rappels du mois pour *%s* sont dans le fil ci-dessous."},
		"months": {"January|February|March|April|May|June|July|August|September|October|November|December",
			"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"},
	})
	declareArgs(map[string]string{
		"thread.title": "ss",
		"thread.body":  "s",
	})
}
