package i18n

// The living plan (issue 16, part 5): the canvas kept in each partner's
// internal channel, or the message that stands in for it.
func init() {
	register(map[string]Msg{
		"cmd.plan": {"Show or refresh a partner's living plan (a canvas in its channel)", "Afficher ou rafraîchir le plan vivant d'un partenaire (un canevas dans son canal)"},
		"op.plan":  {"update the plan", "mettre à jour le plan"},

		"plan.title":         {"Partner plan: %s", "Plan partenaire : %s"},
		"plan.profile":       {"Profile", "Profil"},
		"plan.profile.none":  {"No profile written yet: `/partner show %s` has a button to fill it.", "Pas encore de profil : `/partner show %s` propose un bouton pour le remplir."},
		"plan.kind_stage":    {"%s, stage %s, owned by %s", "%s, étape %s, suivi par %s"},
		"plan.verdict":       {"Where we stand", "Où nous en sommes"},
		"plan.health":        {"Health %d/100: %s", "Santé %d/100 : %s"},
		"plan.health.good":   {"healthy", "en bonne santé"},
		"plan.health.fair":   {"fair", "moyenne"},
		"plan.health.risk":   {"at risk", "en danger"},
		"plan.decision.go":   {"Selection: go, every must-have is met.", "Sélection : feu vert, tous les indispensables sont remplis."},
		"plan.decision.wait": {"Selection: not decided yet; still open: %s.", "Sélection : pas encore tranchée ; reste ouvert : %s."},
		"plan.decision.nogo": {"Selection: no-go; not met: %s.", "Sélection : écarté ; non rempli : %s."},
		"plan.commitments":   {"Commitments", "Engagements"},
		"plan.commit.none":   {"No commitment recorded yet.", "Aucun engagement enregistré pour l'instant."},
		"plan.commit.line":   {"%s (%s, %s), due %s", "%s (%s, %s), échéance %s"},
		"plan.side.us":       {"our side", "notre côté"},
		"plan.side.partner":  {"partner's side", "côté partenaire"},
		"plan.side.both":     {"both sides", "les deux côtés"},
		"plan.status.open":   {"open", "ouvert"},
		"plan.status.done":   {"done", "fait"},
		"plan.status.late":   {"late", "en retard"},
		"plan.events":        {"Next joint events", "Prochains événements communs"},
		"plan.events.none":   {"Nothing planned together yet.", "Rien de prévu ensemble pour l'instant."},
		"plan.turn.us":       {"Our turn to host the next one.", "À nous d'organiser le prochain."},
		"plan.turn.partner":  {"The partner's turn to host the next one.", "Au partenaire d'organiser le prochain."},
		"plan.turn.both":     {"Next one: co-hosted.", "Le prochain : co-organisé."},
		"plan.review":        {"Last quarterly review", "Dernière revue trimestrielle"},
		"plan.review.none":   {"No quarterly review yet.", "Pas encore de revue trimestrielle."},
		"plan.review.line":   {"%s: health %d/100.", "%s : santé %d/100."},
		"plan.footer":        {"Kept up to date by Partner Coach; `/partner plan %s` refreshes it.", "Tenu à jour par Partner Coach ; `/partner plan %s` le rafraîchit."},

		"plan.refused":    {"Slack does not let me create a canvas in this channel (`%s`: the workspace's plan, its settings or my permissions). I will keep the plan for %s in a message here instead, and update it as things change.", "Slack ne me laisse pas créer de canevas dans ce canal (`%s` : l'offre de l'espace de travail, ses réglages ou mes droits). Je tiens donc le plan de %s dans un message ici, mis à jour au fil des changements."},
		"plan.shown":      {"The plan for %s is up to date in %s.", "Le plan de %s est à jour dans %s."},
		"plan.no_channel": {"%s has no internal channel, so it has no plan canvas. Set its channel (edit the partner from `/partner show`), then try again.", "%s n'a pas de canal interne, donc pas de canevas de plan. Indiquez son canal (modifiez le partenaire depuis `/partner show`), puis réessayez."},
		"plan.shared":     {"The home channel of %s is shared with another organisation, so its internal plan is not posted there. Give it an internal channel to get a plan canvas.", "Le canal de %s est partagé avec une autre organisation : son plan interne n'y est pas publié. Donnez-lui un canal interne pour avoir un canevas de plan."},
		"plan.off":        {"Living plans are switched off on this installation (LIVING_PLANS).", "Les plans vivants sont désactivés sur cette installation (LIVING_PLANS)."},
	})
	declareArgs(map[string]string{
		"plan.title": "s", "plan.profile.none": "s", "plan.kind_stage": "sss", "plan.health": "ds",
		"plan.decision.wait": "s", "plan.decision.nogo": "s", "plan.commit.line": "ssss",
		"plan.review.line": "sd", "plan.footer": "s", "plan.refused": "ss", "plan.shown": "ss",
		"plan.no_channel": "s", "plan.shared": "s",
	})
}
