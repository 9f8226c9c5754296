package i18n

// The text of every error key the domain (coach) and the stores return. A
// coach.Error holds only its key and arguments; ErrorText writes it here.
//
// Each entry declares its arguments, one letter each, in order: s a string
// (or a string type), d an integer, f a float, v anything printed with %v or
// %s (a duration, an error). TestCatalogFormats renders every entry with
// arguments of these kinds.
func init() {
	registerErrors(map[string]errMsg{
		"store.unavailable": {"", "The data store is not answering right now. Please try again in a moment.", "Le stockage ne répond pas pour l'instant. Réessayez dans un moment."},
		"store.url.invalid": {"", "The data store's address is not valid.", "L'adresse du stockage n'est pas valable."},
		"team.required":     {"", "No Slack workspace given.", "Aucun espace de travail Slack indiqué."},
		"id.invalid":        {"ss", "Invalid %s ID %q.", "Identifiant %s invalide : %q."},
		"id.empty":          {"s", "Invalid %s ID.", "Identifiant %s invalide."},

		"partner.name.required":    {"", "The partner's name is required.", "Le nom du partenaire est obligatoire."},
		"partner.name.too_long":    {"dd", "The partner's name is %d characters long; keep it to %d.", "Le nom du partenaire fait %d caractères ; limitez-le à %d."},
		"partner.name.control":     {"", "The partner's name contains control characters; remove them.", "Le nom du partenaire contient des caractères de contrôle ; retirez-les."},
		"partner.channel.required": {"", "Pick the partner's home channel: its reminders and checklists go there.", "Choisissez le canal du partenaire : ses rappels et ses listes y sont publiés."},
		"partner.name.no_letters":  {"s", "%q has no letters or digits; give the partner a name with some.", "%q ne contient ni lettre ni chiffre ; donnez au partenaire un nom qui en contient."},
		"partner.kind.unknown":     {"ss", "%q is not a partner kind I know. Use one of: %s.", "%q n'est pas un type de partenaire connu. Utilisez l'un de : %s, ou son nom français : revendeur, distributeur, intégrateur, éditeur, infogérant, hébergeur, technologie."},
		"partner.stage.unknown":    {"ss", "%q is not a stage. Use one of: %s.", "%q n'est pas une étape. Utilisez l'une de : %s, ou son nom français : prospection, évaluation, intégration, actif, à risque, terminé."},
		"partner.exists":           {"ss", "You already have a partner called %q (%s). Pick another name or use the existing one.", "Vous avez déjà un partenaire nommé %q (%s). Choisissez un autre nom ou utilisez celui-ci."},
		"partner.id.exists":        {"s", "A partner with ID %q already exists.", "Un partenaire d'identifiant %q existe déjà."},
		"partner.changed":          {"", "Someone else changed this partner at the same moment. Please try again.", "Quelqu'un d'autre a modifié ce partenaire au même moment. Réessayez."},
		"partner.query.required":   {"", "Say which partner: give its name or the start of it.", "Précisez le partenaire : donnez son nom ou son début."},
		"partner.not_found":        {"s", "No partner called %q. Type /partner list to see them, or /partner add to add one.", "Aucun partenaire nommé %q. Tapez /partner list pour les voir, ou /partner add pour en ajouter un."},
		"partner.not_found.hint":   {"ss", "No partner called %q. Did you mean %q?", "Aucun partenaire nommé %q. Vouliez-vous dire %q ?"},
		"partner.ambiguous":        {"ss", "%q matches several partners: %s. Type more of the name.", "%q correspond à plusieurs partenaires : %s. Tapez une plus grande partie du nom."},
		// The second argument is the owner's user ID: the bot shows it as a mention.
		"partner.forbidden":        {"ss", "Only the owner of %s or an admin can do that. Ask the owner (%s).", "Seul le responsable de %s ou un administrateur peut faire cela. Demandez au responsable (%s)."},
		"partner.profile.required": {"", "This profile field is required.", "Ce champ du profil est obligatoire."},
		"partner.profile.too_long": {"dd", "This profile field is %d characters long; keep it to %d.", "Ce champ du profil fait %d caractères ; limitez-le à %d."},
		"partner.profile.control":  {"", "This profile field contains control characters; remove them.", "Ce champ du profil contient des caractères de contrôle ; retirez-les."},
		"partner.notes.required":   {"", "Notes are required.", "Les notes sont obligatoires."},
		"partner.notes.too_long":   {"dd", "The notes are %d characters long; keep them to %d.", "Les notes font %d caractères ; limitez-les à %d."},
		"partner.notes.control":    {"", "The notes contain control characters; remove them.", "Les notes contiennent des caractères de contrôle ; retirez-les."},

		"checklist.template.unknown": {"ss", "There is no checklist called %q. Use one of: %s.", "Il n'existe pas de liste nommée %q. Utilisez l'une de : %s."},
		// Arguments: the item, then the checklist.
		"checklist.item.unknown":           {"ss", "The %[2]s checklist has no item %[1]q. Post the checklist again to get fresh buttons.", "La liste %[2]s n'a pas de point %[1]q. Publiez à nouveau la liste pour avoir des boutons à jour."},
		"checklist.item.invalid":           {"", "Invalid checklist item ID.", "Identifiant de point de liste invalide."},
		"checklist.note.too_long":          {"d", "The note is %d characters long; keep it to 500.", "La note fait %d caractères ; limitez-la à 500."},
		"thread.not_found":                 {"", "No thread for this partner and month yet.", "Pas encore de fil pour ce partenaire et ce mois."},
		"checklist.mark.unknown":           {"s", "%q is not a state of a checklist item: use met, not-met or open.", "%q n'est pas un état de point de liste : utilisez met, not-met ou open."},
		"checklist.mark.not_met_must_have": {"s", "Only a must-have of the selection checklist can be marked not met (%s is not one).", "Seul un indispensable de la liste de sélection peut être marqué non rempli (%s n'en est pas un)."},

		"contribution.direction.unknown": {"s", "%q is not a direction. Use gave (we brought business to the partner) or got (the partner brought business to us).", "%q n'est pas un sens valable. Utilisez gave (nous avons apporté au partenaire) ou got (le partenaire nous a apporté)."},
		"contribution.kind.unknown":      {"ss", "%q is not a contribution kind. Use one of: %s.", "%q n'est pas un type d'apport. Utilisez l'un de : %s."},
		"contribution.currency.unknown":  {"s", "%q is not a currency I know. Use a three-letter ISO code such as EUR, USD or GBP.", "%q n'est pas une devise connue. Utilisez un code ISO à trois lettres comme EUR, USD ou GBP."},
		"contribution.amount.invalid":    {"s", "%q is not an amount I can read. Write it like 12500, 12,500.50 or 12.5k (no minus sign).", "%q n'est pas un montant lisible. Écrivez-le comme 12500, 12 500,50 ou 12,5k (sans signe moins)."},
		"contribution.amount.precision":  {"ssd", "%q has more decimals than %s allows (%d).", "%q a plus de décimales que %s n'en permet (%d)."},
		"contribution.amount.too_large":  {"s", "%q is too large.", "%q est trop grand."},
		"contribution.amount.range":      {"d", "The amount must be zero or more, and below %d.", "Le montant doit être positif ou nul, et inférieur à %d."},
		"contribution.date.range":        {"", "The date must be between 2000 and today.", "La date doit être comprise entre 2000 et aujourd'hui."},
		"contribution.note.too_long":     {"d", "The note is %d characters long; keep it to 500.", "La note fait %d caractères ; limitez-la à 500."},
		"contribution.id.invalid":        {"", "Invalid contribution ID.", "Identifiant d'apport invalide."},
		"contribution.not_found":         {"", "That contribution no longer exists.", "Cet apport n'existe plus."},
		"date.invalid":                   {"s", "%q is not a date I can read. Write it as YYYY-MM-DD (2026-12-03), today, tomorrow or yesterday.", "%q n'est pas une date lisible. Écrivez-la au format AAAA-MM-JJ (2026-12-03), ou aujourd'hui, demain ou hier."},
		"time.invalid":                   {"s", "%q is not a time I can read. Write it like 14:30, 9:00 or 2pm.", "%q n'est pas une heure lisible. Écrivez-la comme 14:30, 14h30 ou 9h."},
		"balance.window.invalid":         {"s", "%q is not a window I can read. Write it like 12m, 90d or 1y (up to 5 years).", "%q n'est pas une période lisible. Écrivez-la comme 12m, 90d ou 1y (5 ans au plus)."},
		"balance.thresholds.invalid":     {"ff", "Balance thresholds must satisfy 0 < lopsided (%.2f) < balanced (%.2f) ≤ 1.", "Les seuils d'équilibre doivent vérifier 0 < lopsided (%.2f) < balanced (%.2f) ≤ 1."},

		"event.title.required": {"", "The title is required.", "Le titre est obligatoire."},
		"event.title.too_long": {"dd", "The title is %d characters long; keep it to %d.", "Le titre fait %d caractères ; limitez-le à %d."},
		"event.title.control":  {"", "The title contains control characters; remove them.", "Le titre contient des caractères de contrôle ; retirez-les."},
		"event.tz.unknown":     {"s", "Time zone %q is not known. Use an IANA name such as Europe/Paris.", "Le fuseau horaire %q est inconnu. Utilisez un nom IANA comme Europe/Paris."},
		"event.start.past":     {"", "The start time must be in the future.", "L'heure de début doit être dans le futur."},
		"event.link.invalid":   {"", "The link must be a web address starting with https://.", "Le lien doit être une adresse web commençant par https://."},
		"event.host.unknown":   {"s", "Host %q is not valid. Use us, partner or both.", "L'hôte %q n'est pas valable. Utilisez us, partner ou both."},
		"event.status.unknown": {"s", "Status %q is not valid. Use planned, done or cancelled.", "Le statut %q n'est pas valable. Utilisez planned, done ou cancelled."},
		"event.not_found":      {"", "That event no longer exists.", "Cet événement n'existe plus."},

		"deal.name.required":     {"", "The deal's name is required.", "Le nom de l'affaire est obligatoire."},
		"deal.name.too_long":     {"dd", "The deal's name is %d characters long; keep it to %d.", "Le nom de l'affaire fait %d caractères ; limitez-le à %d."},
		"deal.name.control":      {"", "The deal's name contains control characters; remove them.", "Le nom de l'affaire contient des caractères de contrôle ; retirez-les."},
		"deal.name.no_letters":   {"", "Give the deal a name with letters or digits.", "Donnez à l'affaire un nom avec des lettres ou des chiffres."},
		"deal.parts.count":       {"d", "List between 1 and %d parties or components.", "Listez entre 1 et %d parties prenantes ou composants."},
		"deal.part.required":     {"", "Each part needs a name.", "Chaque élément doit avoir un nom."},
		"deal.part.too_long":     {"dd", "A part's name is %d characters long; keep it to %d.", "Un nom d'élément fait %d caractères ; limitez-le à %d."},
		"deal.part.control":      {"", "A part's name contains control characters; remove them.", "Un nom d'élément contient des caractères de contrôle ; retirez-les."},
		"deal.part.duplicate":    {"s", "%q is listed twice; name each part once.", "%q apparaît deux fois ; nommez chaque élément une seule fois."},
		"deal.part.kind":         {"s", "%q must be a party or a component.", "%q doit être une partie prenante ou un composant."},
		"deal.chance.invalid":    {"s", "%q is not a chance I can read. Give a whole percentage from 1 to 100, e.g. 90%%.", "Je ne sais pas lire la chance %q. Donnez un pourcentage entier de 1 à 100, par exemple 90 %%."},
		"deal.part_kind.unknown": {"s", "%q is not a kind of part. Use party or component.", "%q n'est pas un type d'élément. Utilisez party (partie prenante) ou component (composant)."},
		"deal.part.chance":       {"s", "The chance for %q must be a whole percentage from 1 to 100.", "La chance de %q doit être un pourcentage entier de 1 à 100."},
		"deal.not_found":         {"s", "No deal called %q.", "Aucune affaire nommée %q."},

		"reminder.kind.unknown":      {"ss", "%q is not a reminder. Use one of: %s.", "%q n'est pas un rappel. Utilisez l'un de : %s."},
		"reminder.channel.required":  {"", "Say which channel the reminder goes to.", "Précisez le canal où envoyer le rappel."},
		"reminder.schedule.required": {"", "A schedule is required: use weekly, biweekly, monthly, quarterly, or a cron spec such as \"0 9 * * 1\".", "Une fréquence est obligatoire : weekly, biweekly, monthly, quarterly ou une expression cron comme \"0 9 * * 1\"."},
		"reminder.not_found":         {"s", "There is no reminder %q. Type /partner reminders to list them.", "Il n'y a pas de rappel %q. Tapez /partner reminders pour les lister."},
		"reminder.id.invalid":        {"s", "Invalid reminder ID %q.", "Identifiant de rappel invalide : %q."},
		"reminder.snooze.past":       {"", "Snooze until a time in the future.", "Reportez à une date future."},
		"reminder.tz.unknown":        {"s", "Time zone %q is not known. Use an IANA name such as Europe/Paris.", "Le fuseau horaire %q est inconnu. Utilisez un nom IANA comme Europe/Paris."},
		"reminder.every.invalid":     {"s", "%q is not a valid interval. Write it like @every 1h or @every 30m (at least 1s, at most a year).", "%q n'est pas un intervalle valable. Écrivez-le comme @every 1h ou @every 30m (1s au moins, 1 an au plus)."},
		"reminder.tz.twice":          {"s", "%q names a time zone twice; give CRON_TZ= once, at the start.", "%q donne deux fois un fuseau horaire ; mettez CRON_TZ= une seule fois, au début."},
		// The second argument is the cron parser's complaint, in English.
		"reminder.schedule.invalid":   {"sv", "%q is not a schedule I can read (%v). Use weekly, biweekly, monthly, quarterly, a cron spec such as \"0 9 * * 1\" (minute hour day month weekday), or @every 1h.", "Je ne sais pas lire la fréquence %q (%v). Utilisez weekly, biweekly, monthly, quarterly, une expression cron comme \"0 9 * * 1\" (minute heure jour mois jour-de-semaine), ou @every 1h."},
		"reminder.schedule.too_often": {"vv", "That schedule fires every %s, more often than the allowed minimum of %s. Pick a less frequent schedule, such as weekly.", "Cette fréquence se déclenche toutes les %s, plus souvent que le minimum autorisé de %s. Choisissez une fréquence plus espacée, par exemple weekly."},
	})
}
