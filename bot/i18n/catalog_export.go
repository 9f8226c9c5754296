package i18n

// Exports: /partner export and the CSV files it sends.
func init() {
	register(map[string]Msg{
		"cmd.export": {"Send yourself CSV files of partners, ledgers, events and commitments, in a direct message (admins: every partner; others: their own).",
			"Recevoir en message direct des fichiers CSV des partenaires, registres, événements et engagements (administrateurs : tous les partenaires ; les autres : les leurs)."},
		"op.export":               {"export the data", "exporter les données"},
		"n.export_row":            {"%d row|%d rows", "%d ligne|%d lignes"},
		"export.preparing":        {"Preparing your export; the files will arrive in our direct messages.", "Préparation de votre export ; les fichiers arrivent dans nos messages directs."},
		"export.sent":             {"Sent %s to %s.", "Envoyé %s dans %s."},
		"export.file.partners":    {"Partners: %s.", "Partenaires : %s."},
		"export.file.ledger":      {"Ledger lines: %s. Amounts are in major units (e.g. 12345.67) beside their currency.", "Lignes de registre : %s. Les montants sont en unités (par exemple 12345.67), à côté de leur devise."},
		"export.file.events":      {"Joint events: %s.", "Événements communs : %s."},
		"export.file.commitments": {"Commitments of the joint plan: %s. Due days are ISO dates.", "Engagements du plan commun : %s. Les échéances sont des dates ISO."},
		"export.args":             {"Write `/partner export [%s] [partner]`, e.g. `/partner export ledger acme`.", "Écrivez `/partner export [%s] [partenaire]`, par exemple `/partner export ledger acme`."},
		"export.missing_scope":    {"I can't send files yet: the app lacks the permission to upload them (files:write). Ask a workspace admin to reinstall the app with its new permissions.", "Je ne peux pas encore envoyer de fichiers : l'application n'a pas le droit d'en déposer (files:write). Demandez à un administrateur de l'espace de réinstaller l'application avec ses nouveaux droits."},
		"export.files_restricted": {"This workspace restricts file uploads, so I can't send the export. Ask a workspace admin to allow files for the app, or export one partner at a time.", "Cet espace de travail limite le dépôt de fichiers : je ne peux pas envoyer l'export. Demandez à un administrateur d'autoriser les fichiers pour l'application, ou exportez un partenaire à la fois."},
	})
	registerErrors(map[string]errMsg{
		"export.kind.unknown": {"ss", "%q is not something I can export. Use one of: %s.", "%q n'est pas exportable. Utilisez l'un de : %s."},
		"export.nothing":      {"", "You own no partner yet, so there is nothing to export. Admins export every partner.", "Vous n'êtes responsable d'aucun partenaire : rien à exporter. Les administrateurs exportent tous les partenaires."},
		// The second argument is the owner's user ID.
		"export.forbidden": {"ss", "Only the owner of %s or an admin can export it. Ask the owner (%s).", "Seul le responsable de %s ou un administrateur peut l'exporter. Demandez au responsable (%s)."},
	})
	declareArgs(map[string]string{"export.sent": "ss", "export.file.partners": "s", "export.file.ledger": "s", "export.file.events": "s", "export.file.commitments": "s", "export.args": "s", "n.export_row": "d"})
}
