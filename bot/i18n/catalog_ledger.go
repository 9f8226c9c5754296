package i18n

// The ledger view, corrections of its entries, pipeline apart from closed
// business, what changed since a review, and the pages of long lists.
func init() {
	register(map[string]Msg{
		"cmd.ledger": {"List a partner's ledger, newest first, to check, correct or delete entries (window: 3m, 12m, 90d…).",
			"Afficher le registre d'un partenaire, du plus récent au plus ancien, pour vérifier, corriger ou supprimer des entrées (période : 3m, 12m, 90d…)."},
		"op.ledger":                 {"list the ledger", "afficher le registre"},
		"op.ledger.edit_entry":      {"correct the entry", "corriger l'entrée"},
		"op.ledger.delete_entry":    {"delete the entry", "supprimer l'entrée"},
		"n.entry":                   {"%d entry|%d entries", "%d entrée|%d entrées"},
		"ledger.title":              {"Ledger with %s", "Registre avec %s"},
		"ledger.empty":              {"Nothing logged with this partner over %s. Log an entry with `/partner log %s`.", "Rien de consigné avec ce partenaire sur %s. Consignez une entrée avec `/partner log %s`."},
		"ledger.showing":            {"Entries %d–%d of %d over %s, newest first.", "Entrées %d à %d sur %d, sur %s, des plus récentes aux plus anciennes."},
		"ledger.line":               {"*%s* · %s · %s · %s · logged by %s", "*%s* · %s · %s · %s · consigné par %s"},
		"ledger.no_amount":          {"no amount", "sans montant"},
		"ledger.edited":             {"Corrected by %s on %s; it was: %s", "Corrigé par %s le %s ; auparavant : %s"},
		"ledger.deleted_count":      {"%s from this ledger; what each was, who deleted it and when are kept on record.", "%s de ce registre ; ce que chacune était, qui l'a supprimée et quand restent consignés."},
		"ledger.deleted_by":         {"Deleted by %s on %s: %s", "Supprimée par %s le %s : %s"},
		"ledger.deleted_more":       {"…and %d earlier deletions.", "… et %d suppressions plus anciennes."},
		"n.logged":                  {"%d entry logged|%d entries logged", "%d entrée consignée|%d entrées consignées"},
		"n.corrected":               {"%d entry corrected|%d entries corrected", "%d entrée corrigée|%d entrées corrigées"},
		"n.deleted":                 {"%d entry deleted|%d entries deleted", "%d entrée supprimée|%d entrées supprimées"},
		"ledger.edit_button":        {"Edit", "Modifier"},
		"ledger.delete_button":      {"Delete", "Supprimer"},
		"ledger.undo_button":        {"Undo", "Annuler"},
		"ledger.undone":             {"Undone: %s (%s). The ledger keeps a record of it.", "Annulé : %s (%s). Le registre en garde la trace."},
		"ledger.edited_now":         {"Entry with %s corrected.\nWas: %s\nNow: %s", "Entrée avec %s corrigée.\nAvant : %s\nMaintenant : %s"},
		"ledger.deleted":            {"Deleted: %s (%s). The ledger keeps a record of it.", "Supprimé : %s (%s). Le registre en garde la trace."},
		"modal.edit_entry.title":    {"Edit an entry", "Modifier une entrée"},
		"modal.edit_entry.submit":   {"Save", "Enregistrer"},
		"modal.delete_entry.title":  {"Delete an entry", "Supprimer une entrée"},
		"modal.delete_entry.submit": {"Delete", "Supprimer"},
		"modal.delete_entry.audit":  {"The ledger keeps a record of what the entry was, who deleted it and when.", "Le registre garde la trace de ce qu'était l'entrée, de qui l'a supprimée et quand."},

		"balance.business":        {"*Closed business* (deals, revenue, resale): the verdict is on these.", "*Affaires conclues* (affaires, chiffre d'affaires, revente) : le verdict porte sur elles."},
		"balance.pipeline":        {"*Pipeline* (leads, introductions): potential business, not in the verdict.", "*Pipeline* (pistes, mises en relation) : des affaires possibles, hors verdict."},
		"balance.co_marketing":    {"*Co-marketing*: counted apart.", "*Co-marketing* : compté à part."},
		"balance.flow":            {"We brought: %s (%s) · They brought: %s (%s)", "Nous avons apporté : %s (%s) · Ils ont apporté : %s (%s)"},
		"balance.flow.counts":     {"In all: %s from us, %s from them.", "En tout : %s de notre part, %s de la leur."},
		"balance.nothing":         {"nothing", "rien"},
		"balance.more_currencies": {"…and %d more currencies not shown.", "… et %d autres devises non affichées."},
		"balance.counts.business": {"Closed business: %s from us, %s from them, over %s.", "Affaires conclues : %s de notre part, %s de la leur, sur %s."},

		"review.since":         {"*Since the review on %s by %s:* %s, %s, %s.", "*Depuis la revue du %s par %s :* %s, %s, %s."},
		"review.since.nothing": {"Nothing has changed since the review on %s by %s.", "Rien n'a changé depuis la revue du %s par %s."},
		"review.totals":        {"*Running totals over %s* (%s in the whole ledger):", "*Totaux cumulés sur %s* (%s dans tout le registre) :"},

		"page.first": {"« First", "« Début"},
		"page.prev":  {"‹ Previous", "‹ Précédent"},
		"page.next":  {"Next ›", "Suivant ›"},
		"page.last":  {"Last »", "Fin »"},
	})
	registerErrors(map[string]errMsg{
		"contribution.forbidden": {"sss", "Only whoever logged this entry (%s), the owner of %s (%s) or an admin can change it.", "Seuls l'auteur de cette entrée (%s), le responsable de %s (%s) ou un administrateur peuvent la modifier."},
		"contribution.changed":   {"", "Someone else changed this entry at the same moment. Open the ledger again and retry.", "Quelqu'un d'autre a modifié cette entrée au même moment. Rouvrez le registre et réessayez."},
	})
	declareArgs(map[string]string{
		"ledger.title": "s", "ledger.empty": "ss", "ledger.showing": "ddds", "ledger.line": "sssss", "ledger.edited": "sss",
		"ledger.deleted_count": "s", "ledger.deleted_by": "sss", "ledger.deleted_more": "d", "ledger.undone": "ss", "ledger.edited_now": "sss", "ledger.deleted": "ss",
		"n.entry": "d", "n.logged": "d", "n.corrected": "d", "n.deleted": "d", "balance.flow": "ssss", "balance.flow.counts": "ss", "balance.more_currencies": "d", "balance.counts.business": "sss",
		"review.since": "sssss", "review.since.nothing": "ss", "review.totals": "ss",
	})
}
