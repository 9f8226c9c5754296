package i18n

// Texts of issue 12's records: checklist copies, events, deals, archived
// partners, and what people type.
func init() {
	registerErrors(map[string]errMsg{
		"partner.kind.unknown.hint":      {"ss", "%q is not a partner kind. Did you mean %q?", "« %s » n'est pas un type de partenaire. Vouliez-vous dire « %s » ?"},
		"partner.stage.unknown.hint":     {"ss", "%q is not a stage. Did you mean %q?", "« %s » n'est pas une étape. Vouliez-vous dire « %s » ?"},
		"contribution.kind.unknown.hint": {"ss", "%q is not a kind of contribution. Did you mean %q?", "« %s » n'est pas un type de contribution. Vouliez-vous dire « %s » ?"},
		"deal.chance.whole":              {"sdd", "%q: chances are whole percentages. Give %d%% or %d%%.", "« %s » : les chances sont des pourcentages entiers. Indiquez %d %% ou %d %%."},
		"reminder.schedule.never":        {"s", "%q never fires (no such day in the calendar). Pick days that exist, e.g. 0 9 28 2 * for February 28th.", "« %s » ne se déclenche jamais (ce jour n'existe pas). Choisissez des jours qui existent, par exemple 0 9 28 2 * pour le 28 février."},
		"checklist.post.invalid":         {"", "That checklist message has no channel or time stamp.", "Ce message de liste n'a ni canal ni horodatage."},

		"partner.archived.read_only": {"ss", "%q is archived, so its records are read-only. To change them, restore it first: /partner unarchive %s (its owner or an admin).", "%q est archivé : ses données sont en lecture seule. Pour les modifier, restaurez-le d'abord : /partner unarchive %s (son responsable ou un admin)."},
		"partner.exists.archived":    {"ss", "%q is the name of an archived partner (%s): names stay taken while archived. Restore it with /partner unarchive %[2]s, or pick another name.", "%q est le nom d'un partenaire archivé (%s) : un nom reste pris tant qu'il est archivé. Restaurez-le avec /partner unarchive %[2]s, ou choisissez un autre nom."},
		"partner.not_archived":       {"s", "%q is not archived.", "%q n'est pas archivé."},

		"event.overlap":                {"s", "This overlaps %q, already booked with this partner within the hour. Send the same booking again within 10 minutes to book it anyway, or pick another time.", "Cela chevauche « %s », déjà prévu avec ce partenaire à moins d'une heure d'écart. Renvoyez la même réservation dans les 10 minutes pour la faire quand même, ou choisissez une autre heure."},
		"event.cancel.held":            {"s", "%q has already taken place: it can't be cancelled.", "« %s » a déjà eu lieu : on ne peut plus l'annuler."},
		"event.reschedule.not_planned": {"s", "%q is no longer booked (it took place or was cancelled): book a new one with /partner webinar.", "« %s » n'est plus prévu (il a eu lieu ou a été annulé) : réservez-en un nouveau avec /partner webinar."},
	})
	register(map[string]Msg{
		"cmd.unarchive": {"restore an archived partner: it shows in lists and reminders again and can be changed (owner or admins)", "restaurer un partenaire archivé : il réapparaît dans les listes et les rappels et peut de nouveau être modifié (responsable ou admins)"},
		"unarchived":    {"*%s* is restored: it appears in lists and reminders again.", "*%s* est restauré : il réapparaît dans les listes et les rappels."},

		"add.kind_hint":                   {"%q is not a partner kind, so I did not add it to the name. Did you mean %q? If it is part of the name, put the whole name in quotes: `/partner add \"%s\"`.", "« %s » n'est pas un type de partenaire : je ne l'ai pas ajouté au nom. Vouliez-vous dire « %s » ? S'il fait partie du nom, mettez tout le nom entre guillemets : `/partner add \"%s\"`."},
		"add.not_a_user":                  {"I can't read %q as a Slack user: pick the person from the @ suggestions (or give their ID, U…). To keep it in the name, put the name in quotes.", "Je ne reconnais pas « %s » comme une personne Slack : choisissez-la dans les suggestions @ (ou donnez son identifiant U…). Pour le garder dans le nom, mettez le nom entre guillemets."},
		"add.not_a_channel":               {"I can't read %q as a Slack channel: pick it from the # suggestions (or give its ID, C…). To keep it in the name, put the name in quotes.", "Je ne reconnais pas « %s » comme un canal Slack : choisissez-le dans les suggestions # (ou donnez son identifiant C…). Pour le garder dans le nom, mettez le nom entre guillemets."},
		"duplicate_command.for":           {"You sent this exact command %d seconds ago: it is done or still being done, so I'm not doing it twice. If it failed or you got no answer, send it again in %d seconds; otherwise the same command counts as a repeat for about %d more seconds. Change anything in it and it is done again.", "Vous avez envoyé exactement cette commande il y a %d secondes : elle est faite ou en cours, je ne la fais donc pas deux fois. Si elle a échoué ou si vous n'avez pas eu de réponse, renvoyez-la dans %d secondes ; sinon, la même commande compte comme une répétition pendant encore %d secondes environ. Changez-y quoi que ce soit et elle est refaite."},
		"modal.webinar.reschedule_title":  {"Reschedule the event", "Déplacer l'évènement"},
		"modal.webinar.reschedule_submit": {"Move it", "Déplacer"},
		"cmd.deals":                       {"a partner's multi-party deals, each with its parts, its overall chance and an Edit button", "les affaires à plusieurs parties d'un partenaire, chacune avec ses parties, sa chance globale et un bouton Modifier"},
		"deals.title":                     {"Deals with %s", "Affaires avec %s"},
		"deals.none":                      {"No multi-party deal yet. Add one with `/partner complexity %s <deal>`.", "Aucune affaire à plusieurs parties pour l'instant. Ajoutez-en une avec `/partner complexity %s <affaire>`."},
		"deals.more":                      {"…and %d more.", "…et %d de plus."},
		"deals.edit":                      {"Edit", "Modifier"},
		"events.verb":                     {"%q is not something I can do with an event: use cancel or move, with the event's number from /partner events.", "« %s » n'est pas une action possible sur un évènement : utilisez cancel (annuler) ou move (déplacer), avec le numéro de l'évènement donné par /partner events."},
		"events.verb.hint":                {"%q is not something I can do with an event. Did you mean %q?", "« %s » n'est pas une action possible sur un évènement. Vouliez-vous dire « %s » ?"},
		"events.number":                   {"Give the number of a booked event, as /partner events lists them (got %q).", "Donnez le numéro d'un évènement prévu, tel que /partner events les liste (reçu : « %s »)."},
		"events.move_args":                {"Say when to move it: a date and a time, like 2026-12-17 15:00 or tomorrow 9h30.", "Indiquez la nouvelle date et l'heure, par exemple 2026-12-17 15:00 ou demain 9h30."},
		"events.cancel":                   {"Cancel", "Annuler"},
		"events.keep":                     {"Keep it", "Le garder"},
		"events.reschedule":               {"Reschedule", "Déplacer"},
		"events.cancel_confirm.title":     {"Cancel this event?", "Annuler cet évènement ?"},
		"events.cancel_confirm.text":      {"%s will be cancelled, and no longer count for whose turn it is to host.", "« %s » sera annulé et ne comptera plus pour savoir à qui revient l'organisation."},
		"events.commands":                 {"Or type `/partner events %s cancel <n>` or `move <n> <date> <time>`.", "Ou tapez `/partner events %s cancel <n>` ou `move <n> <date> <heure>`."},
		"event.cancelled":                 {"Cancelled *%s* with *%s* (%s).", "*%s* avec *%s* (%s) est annulé."},
		"event.rescheduled":               {"*%s* with *%s* now takes place %s.", "*%s* avec *%s* a maintenant lieu %s."},
	})
	declareArgs(map[string]string{
		"unarchived":                 "s",
		"events.verb":                "s",
		"duplicate_command.for":      "ddd",
		"add.kind_hint":              "sss",
		"add.not_a_user":             "s",
		"add.not_a_channel":          "s",
		"deals.title":                "s",
		"deals.none":                 "s",
		"deals.more":                 "d",
		"events.verb.hint":           "ss",
		"events.number":              "s",
		"events.cancel_confirm.text": "s",
		"events.commands":            "s",
		"event.cancelled":            "sss",
		"event.rescheduled":          "sss",
	})
}
