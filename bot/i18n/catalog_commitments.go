package i18n

// Commitments, the joint plan (issue 16): the commands, the list and its
// buttons, the form, the reminder, and the errors of the domain's checks.
func init() {
	register(map[string]Msg{
		"cmd.commit": {"Add a commitment to the joint plan: who keeps it (us, the partner or both), by when, and what. Without all of it, a form opens.",
			"Ajouter un engagement au plan commun : qui le tient (nous, le partenaire ou les deux), pour quand, et quoi. S'il manque un élément, un formulaire s'ouvre."},
		"cmd.commitments": {"List the joint plan's commitments, to tick them done, reopen, edit or delete them (only you see the list).",
			"Afficher les engagements du plan commun pour les cocher, les rouvrir, les modifier ou les supprimer (vous seul voyez la liste)."},
		"op.commitment.form":       {"save the commitment", "enregistrer l'engagement"},
		"reminder.kind.commitment": {"commitment reminder", "rappel d'engagement"},

		"commit.side.us":       {"us", "nous"},
		"commit.side.partner":  {"partner", "partenaire"},
		"commit.side.both":     {"both sides", "les deux"},
		"commit.due":           {"due %s", "pour le %s"},
		"commit.late":          {"was due %s, %d day(s) late", "prévu le %s, %d jour(s) de retard"},
		"commit.title":         {"Joint plan with %s", "Plan commun avec %s"},
		"commit.counts":        {"%d open (%d late) · %d kept · %d dropped", "%d en cours (%d en retard) · %d tenu(s) · %d abandonné(s)"},
		"commit.empty":         {"No commitment yet. Add one with the button below, or `/partner commit %s us 2026-12-15 send the price list`.", "Aucun engagement pour l'instant. Ajoutez-en un avec le bouton ci-dessous, ou `/partner commit %s us 2026-12-15 envoyer la grille tarifaire`."},
		"commit.more":          {"…and %d more, kept or dropped.", "… et %d autres, tenus ou abandonnés."},
		"commit.done_button":   {"Done", "Fait"},
		"commit.reopen_button": {"Reopen", "Rouvrir"},
		"commit.edit_button":   {"Edit", "Modifier"},
		"commit.delete_button": {"Delete", "Supprimer"},
		"commit.add_button":    {"Add a commitment", "Ajouter un engagement"},
		"commit.undo_button":   {"Undo", "Annuler"},
		"commit.added":         {":white_check_mark: Added to the plan: *%s*.", ":white_check_mark: Ajouté au plan : *%s*."},
		"commit.edited":        {":pencil2: Saved: *%s*.", ":pencil2: Enregistré : *%s*."},
		"commit.ticked":        {":white_check_mark: Kept: *%s*.", ":white_check_mark: Tenu : *%s*."},
		"commit.reopened":      {"Reopened: *%s*.", "Rouvert : *%s*."},
		"commit.deleted":       {"Deleted: *%s*.", "Supprimé : *%s*."},
		"commit.undone":        {"Undone: *%s* is as it was.", "Annulé : *%s* est revenu à son état précédent."},

		"commit.form.title":            {"New commitment", "Nouvel engagement"},
		"commit.form.edit_title":       {"Edit commitment", "Modifier l'engagement"},
		"commit.form.submit":           {"Add", "Ajouter"},
		"commit.form.save":             {"Save", "Enregistrer"},
		"commit.form.side":             {"Who keeps it", "Qui le tient"},
		"commit.form.title_label":      {"What", "Quoi"},
		"commit.form.title_hint":       {"One concrete thing, e.g. \"train two sellers\".", "Une chose concrète, par exemple « former deux commerciaux »."},
		"commit.form.due":              {"Due on", "Pour le"},
		"commit.form.person":           {"Person (in Slack)", "Personne (dans Slack)"},
		"commit.form.person_hint":      {"Reminded two days before and on the day.", "Prévenue deux jours avant et le jour même."},
		"commit.form.person_name":      {"Or a name (someone outside Slack)", "Ou un nom (quelqu'un hors de Slack)"},
		"commit.form.person_name_hint": {"The partner's owner is reminded for them.", "Le responsable du partenaire est prévenu à sa place."},

		"commit.remind.title":   {"Commitments with %s falling due", "Engagements avec %s à échéance"},
		"commit.remind.today":   {"Due today.", "À tenir aujourd'hui."},
		"commit.remind.in_days": {"Due in %d days.", "À tenir dans %d jours."},
		"home.commitments_late": {":warning: %d late commitment(s)", ":warning: %d engagement(s) en retard"},
	})
	declareArgs(map[string]string{
		"commit.due": "s", "commit.late": "sd", "commit.title": "s", "commit.counts": "dddd", "commit.empty": "s", "commit.more": "d",
		"commit.added": "s", "commit.edited": "s", "commit.ticked": "s", "commit.reopened": "s", "commit.deleted": "s", "commit.undone": "s",
		"commit.remind.title": "s", "commit.remind.in_days": "d", "home.commitments_late": "d",
	})
	registerErrors(map[string]errMsg{
		"commitment.usage": {"", "Say who keeps it, when it is due and what it is: `/partner commit <partner> us|partner|both <due> <what> [@person]`, e.g. `/partner commit acme partner 2026-12-15 train two sellers @Marie`.",
			"Précisez qui le tient, pour quand et quoi : `/partner commit <partenaire> us|partner|both <échéance> <quoi> [@personne]`, par exemple `/partner commit acme partner 2026-12-15 former deux commerciaux @Marie`."},
		"commitment.side.unknown":    {"s", "%q is not a side. Use us, partner or both.", "%q n'est pas un côté. Utilisez us (nous), partner (partenaire) ou both (les deux)."},
		"commitment.status.unknown":  {"s", "%q is not a status. Use open, done or dropped.", "%q n'est pas un statut. Utilisez open (en cours), done (tenu) ou dropped (abandonné)."},
		"commitment.due.invalid":     {"s", "%q is not a date. Write it as 2026-12-15, or today or tomorrow.", "%q n'est pas une date. Écrivez-la 2026-12-15, ou today (aujourd'hui) ou tomorrow (demain)."},
		"commitment.due.range":       {"s", "%q is too far off: pick a day within the next five years.", "%q est trop lointain : choisissez un jour dans les cinq ans qui viennent."},
		"commitment.due.past":        {"", "That day is already over: pick today or a later day.", "Ce jour est déjà passé : choisissez aujourd'hui ou un jour suivant."},
		"commitment.due.required":    {"", "Say when it is due.", "Indiquez pour quand il est prévu."},
		"commitment.title.required":  {"", "Say what the commitment is.", "Indiquez en quoi consiste l'engagement."},
		"commitment.title.too_long":  {"dd", "The commitment is %d characters long; keep it to %d.", "L'engagement fait %d caractères ; limitez-le à %d."},
		"commitment.title.control":   {"", "The commitment contains control characters; remove them.", "L'engagement contient des caractères de contrôle ; retirez-les."},
		"commitment.person.required": {"", "Name the person who keeps it.", "Nommez la personne qui le tient."},
		"commitment.person.too_long": {"dd", "The name is %d characters long; keep it to %d.", "Le nom fait %d caractères ; limitez-le à %d."},
		"commitment.person.control":  {"", "The name contains control characters; remove them.", "Le nom contient des caractères de contrôle ; retirez-les."},
		"commitment.person.invalid":  {"", "Pick the person from Slack, or write their name in the other field.", "Choisissez la personne dans Slack, ou écrivez son nom dans l'autre champ."},
		"commitment.not_found":       {"", "This commitment no longer exists (it was deleted). Open the list again with /partner commitments.", "Cet engagement n'existe plus (il a été supprimé). Rouvrez la liste avec /partner commitments."},
		"commitment.changed":         {"", "Someone else changed this commitment at the same moment. Please try again.", "Quelqu'un d'autre a modifié cet engagement au même moment. Réessayez."},
		"commitment.restore.invalid": {"", "This Undo button no longer works. Add the commitment again with /partner commit.", "Ce bouton Annuler ne fonctionne plus. Ajoutez de nouveau l'engagement avec /partner commit."},
	})
}
