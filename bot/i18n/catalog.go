package i18n

func init() {
	register(map[string]Msg{
		// Errors and routing.
		"error.generic":    {"Something went wrong on our side.", "Un problème est survenu de notre côté."},
		"error.try_again":  {"Couldn't %s — please try again in a moment.", "Impossible de %s — réessayez dans un moment."},
		"error.store_down": {"Couldn't %s: the data store is not answering. Please try again in a moment.", "Impossible de %s : le stockage ne répond pas. Réessayez dans un moment."},
		"error.busy":       {"I'm very busy right now. Please try again in a few seconds.", "Je suis très occupé en ce moment. Réessayez dans quelques secondes."},
		"usage":            {"Usage: `/partner %s`", "Utilisation : `/partner %s`"},
		"unknown_command":  {"`%s` is not a /partner command.", "`%s` n'est pas une commande /partner."},
		"did_you_mean":     {"Did you mean `%s`?", "Vouliez-vous dire `%s` ?"},
		"see_help":         {"Type `/partner help` to see them all.", "Tapez `/partner help` pour toutes les voir."},
		"need_partner":     {"Say which partner: give its name or the start of it.", "Précisez le partenaire : son nom ou son début."},
		"need_name":        {"Give the new partner a name, e.g. `/partner add Acme Cloud cloud-operator`.", "Donnez un nom au nouveau partenaire, par exemple `/partner add Acme Cloud cloud-operator`."},
		"need_stage":       {"Say which stage: prospect, evaluating, onboarding, active, at-risk or ended.", "Précisez l'étape : prospect, evaluating, onboarding, active, at-risk ou ended."},
		"log_args":         {"Say who brought what: `gave` or `got`, an amount, a currency and a kind, e.g. `/partner log acme got 12k EUR deal`.", "Précisez qui a apporté quoi : `gave` ou `got`, un montant, une devise et un type, par exemple `/partner log acme got 12k EUR deal`."},
		"webinar_args":     {"Give a date, a time and a title, e.g. `/partner webinar acme 2026-12-10 14:00 Cloud cost clinic`.", "Donnez une date, une heure et un titre, par exemple `/partner webinar acme 2026-12-10 14:00 Atelier coûts cloud`."},
		"complexity_args":  {"Name the deal, then its parts after a colon, e.g. `/partner complexity acme Big Bank: Bank 90%, GPU cluster component 60%`.", "Nommez l'affaire, puis ses éléments après deux-points, par exemple `/partner complexity acme Grande Banque: Banque 90%, Cluster GPU component 60%`."},
		"complexity_part":  {"I can't read the part %q. Write each part as a name and a chance, e.g. `Bank 90%%`.", "Je ne sais pas lire l'élément %q. Écrivez chaque élément avec un nom et une chance, par exemple `Banque 90%%`."},
		"invite_me":        {"I'm not in this channel. Invite me with `/invite @Partner Coach`, then try again.", "Je ne suis pas dans ce canal. Invitez-moi avec `/invite @Partner Coach`, puis réessayez."},
		"stale_button":     {"That button is out of date. Post the checklist again to get fresh buttons.", "Ce bouton n'est plus à jour. Publiez à nouveau la liste pour avoir des boutons à jour."},
		"bad_payload":      {"I couldn't read that request: Slack sent something I don't understand. Try again, and post the message again if it keeps happening.", "Je n'ai pas pu lire cette demande : Slack a envoyé quelque chose que je ne comprends pas. Réessayez, et republiez le message si cela continue."},
		"unknown_action":   {"I don't know that button any more. Post the message again.", "Je ne connais plus ce bouton. Publiez à nouveau le message."},
		"shared_channel":   {":lock: This channel is shared with another organisation, so only you see these figures.", ":lock: Ce canal est partagé avec une autre organisation : vous seul voyez ces chiffres."},

		// What an operation is called in "Couldn't …".
		"op.command": {"run that command", "exécuter cette commande"}, "op.click": {"apply that click", "prendre en compte ce clic"},
		"op.help": {"show the help", "afficher l'aide"}, "op.add": {"add the partner", "ajouter le partenaire"},
		"op.list": {"list your partners", "lister vos partenaires"}, "op.show": {"show the partner", "afficher le partenaire"},
		"op.checklist": {"post the checklist", "publier la liste"}, "op.log": {"log the contribution", "consigner l'apport"},
		"op.balance": {"compute the balance", "calculer l'équilibre"}, "op.webinar": {"book the webinar", "planifier le webinaire"},
		"op.events": {"list the events", "lister les événements"}, "op.complexity": {"analyse the deal", "analyser l'affaire"},
		"op.health": {"compute the health score", "calculer le score de santé"}, "op.tip": {"find a tip", "trouver un conseil"},
		"op.stage": {"change the stage", "changer l'étape"}, "op.archive": {"archive the partner", "archiver le partenaire"},

		// Help.
		"help.title":     {"Partner Coach — /partner commands", "Partner Coach — commandes /partner"},
		"help.examples":  {"Examples:", "Exemples :"},
		"cmd.help":       {"this help", "cette aide"},
		"cmd.add":        {"add a partner (you own it; this channel is its home). A name of several words ending in a word like a kind goes in quotes: `add \"Global Resellers\" var`", "ajouter un partenaire (vous en êtes responsable ; ce canal est le sien). Un nom de plusieurs mots finissant par un mot proche d'un type se met entre guillemets : `add \"Global Resellers\" var`"},
		"cmd.list":       {"list partners, by name, kind, stage or owner", "lister les partenaires, par nom, type, étape ou responsable"},
		"cmd.show":       {"a partner's card", "la fiche d'un partenaire"},
		"cmd.checklist":  {"post a checklist everyone can tick", "publier une liste que chacun peut cocher"},
		"cmd.log":        {"log business brought one way or the other", "consigner des affaires apportées dans un sens ou dans l'autre"},
		"cmd.balance":    {"the give-and-take over a window (default 12m)", "l'équilibre des apports sur une période (12 mois par défaut)"},
		"cmd.webinar":    {"book a joint webinar", "planifier un webinaire commun"},
		"cmd.events":     {"joint events and whose turn it is to host", "événements communs et à qui le tour d'organiser"},
		"cmd.complexity": {"a deal's overall chance: the product of its parts", "la chance globale d'une affaire : le produit de ses éléments"},
		"cmd.health":     {"health score of one partner, or all", "score de santé d'un partenaire, ou de tous"},
		"cmd.tip":        {"coaching tips from what the data shows", "conseils tirés des données"},
		"cmd.stage":      {"move a partner to another stage (owner or admins)", "changer l'étape d'un partenaire (responsable ou admins)"},
		"cmd.archive":    {"archive a partner (owner or admins)", "archiver un partenaire (responsable ou admins)"},

		// Counted things: singular|plural, see Count.
		"n.contribution": {"%d contribution|%d contributions", "%d apport|%d apports"},
		"n.deal":         {"%d deal|%d deals", "%d affaire|%d affaires"},
		"n.day":          {"%d day|%d days", "%d jour|%d jours"},
		"n.month":        {"%d month|%d months", "%d mois|%d mois"},

		// Words.
		"kind.reseller": {"reseller", "revendeur"}, "kind.distributor": {"distributor", "distributeur"},
		"kind.integrator": {"integrator", "intégrateur"}, "kind.software-publisher": {"software publisher", "éditeur de logiciels"},
		"kind.msp": {"managed-service provider", "fournisseur de services managés"}, "kind.cloud-operator": {"cloud operator", "opérateur cloud"},
		"kind.technology": {"technology partner", "partenaire technologique"},
		"stage.prospect":  {"prospect", "prospect"}, "stage.evaluating": {"evaluating", "en évaluation"}, "stage.onboarding": {"onboarding", "en intégration"},
		"stage.active": {"active", "actif"}, "stage.at-risk": {"at risk", "à risque"}, "stage.ended": {"ended", "terminé"},
		"host.us": {"hosted by us", "organisé par nous"}, "host.partner": {"hosted by the partner", "organisé par le partenaire"}, "host.both": {"co-hosted", "co-organisé"},
		"part.party": {"party", "partie prenante"}, "part.component": {"component", "composant"},
		"dir.gave": {"we brought", "nous avons apporté"}, "dir.got": {"the partner brought", "le partenaire a apporté"},
		"contrib.lead": {"lead", "piste"}, "contrib.deal": {"deal", "affaire"}, "contrib.revenue": {"revenue", "chiffre d'affaires"},
		"contrib.resale": {"resale", "revente"}, "contrib.co-marketing": {"co-marketing", "co-marketing"}, "contrib.introduction": {"introduction", "mise en relation"},

		// Partners.
		"added":            {"%s added *%s* (%s). Its ID is `%s`: try `/partner checklist %[4]s`.", "%s a ajouté *%s* (%s). Son identifiant est `%s` : essayez `/partner checklist %[4]s`."},
		"archived":         {"*%s* is archived: it no longer appears in lists or reminders, its records are read-only and its name stays taken. `/partner unarchive` with its name restores it.", "*%s* est archivé : il n'apparaît plus dans les listes ni les rappels, ses données sont en lecture seule et son nom reste pris. `/partner unarchive` suivi de son nom le restaure."},
		"list.empty":       {"No partners yet. Add one with `/partner add <name>`.", "Aucun partenaire pour l'instant. Ajoutez-en un avec `/partner add <nom>`."},
		"list.title":       {"Partners (%d)", "Partenaires (%d)"},
		"list.no_match":    {"No active partner matches “%s”. A filter is part of a name, or a kind (`reseller`, `integrator`…), a stage (`prospect`, `active`…), an owner (`@alice`) or a home channel (`#globex`); `/partner list` shows every partner.", "Aucun partenaire actif ne correspond à « %s ». Un filtre est une partie de nom, ou un type (`revendeur`, `intégrateur`…), une étape (`prospect`, `actif`…), un responsable (`@alice`) ou un canal (`#globex`) ; `/partner list` montre tous les partenaires."},
		"list.page":        {"Page %d of %d", "Page %d sur %d"},
		"partner.archived": {"Archived.", "Archivé."},
		"field.kind":       {"Kind", "Type"}, "field.stage": {"Stage", "Étape"}, "field.owner": {"Owner", "Responsable"},
		"field.channel": {"Home channel", "Canal"}, "field.health": {"Health", "Santé"}, "field.next_event": {"Next joint event", "Prochain événement commun"},
		"profile.customer_base": {"Customer base", "Clientèle"}, "profile.business_model": {"Business model", "Modèle économique"},
		"profile.capacity": {"Execution capacity", "Capacité d'exécution"}, "profile.region": {"Region", "Région"}, "profile.website": {"Website", "Site web"}, "profile.notes": {"Notes", "Notes"},

		// Checklists.
		"checklist.progress":   {"Must-haves %d/%d · Nice-to-haves %d/%d", "Indispensables %d/%d · Souhaitables %d/%d"},
		"checklist.group.must": {"Must-haves", "Indispensables"},
		"checklist.group.nice": {"Nice-to-haves", "Souhaitables"},
		"checklist.mark_done":  {"Mark done", "Cocher"},
		"checklist.undo":       {"Undo", "Décocher"},
		"checklist.done_by":    {"Done by %s on %s", "Coché par %s le %s"},
		"checklist_hint":       {"Type `/partner checklist %s` in the partner's channel to post its checklist.", "Tapez `/partner checklist %s` dans le canal du partenaire pour publier sa liste."},

		// Ledger.
		"logged":                   {"Logged: %s %s (%s) — %s.", "Consigné : %s %s (%s) — %s."},
		"balance.title":            {"Balance with %s", "Équilibre avec %s"},
		"balance.verdict.balanced": {":large_green_circle: Balanced on closed business.", ":large_green_circle: Équilibré sur les affaires conclues."},
		"balance.verdict.leaning":  {":large_yellow_circle: Leaning to one side on closed business.", ":large_yellow_circle: Penche d'un côté sur les affaires conclues."},
		"balance.verdict.lopsided": {":red_circle: Lopsided on closed business.", ":red_circle: Déséquilibré sur les affaires conclues."},
		"balance.verdict.none":     {":white_circle: No closed business in this period.", ":white_circle: Aucune affaire conclue sur cette période."},
		"balance.ahead.us":         {"We bring more (the smaller side is %d%% of the larger).", "Nous apportons plus (le plus petit côté vaut %d %% du plus grand)."},
		"balance.ahead.partner":    {"The partner brings more (the smaller side is %d%% of the larger).", "Le partenaire apporte plus (le plus petit côté vaut %d %% du plus grand)."},
		"balance.gave":             {"We brought", "Nous avons apporté"},
		"balance.got":              {"They brought", "Ils ont apporté"},
		"balance.counts":           {"%s from us, %s from them, over %s.", "%s de notre part, %s de la leur, sur %s."},
		"balance.deals":            {"%s so far; the first on %s.", "%s à ce jour ; la première le %s."},
		"balance.log_button":       {"Log contribution", "Consigner un apport"},
		"balance.reviewed_button":  {"Mark reviewed", "Marquer comme revu"},
		"reviewed":                 {"Balance review with *%s* recorded.", "Revue de l'équilibre avec *%s* enregistrée."},

		// Events, deals, health, tips, home.
		"events.title":          {"Joint events with %s", "Événements communs avec %s"},
		"events.none_booked":    {"None booked.", "Aucun événement prévu."},
		"events.more":           {"…and %d more.", "…et %d de plus."},
		"events.no_last":        {"No joint event held yet", "Aucun événement commun tenu pour l'instant"},
		"events.last":           {"Last: %s, %s ago", "Dernier : %s, il y a %s"},
		"events.turn":           {"the next one should be %s", "le prochain devrait être %s"},
		"webinar.booked":        {":calendar: *%s* with %s booked for %s (%s).", ":calendar: *%s* avec %s prévu le %s (%s)."},
		"complexity.part":       {"• %s (%s) — %d%%", "• %s (%s) — %d %%"},
		"complexity.overall":    {"Overall chance: *%d%%* — the product of every part's chance.", "Chance globale : *%d %%* — le produit des chances de chaque élément."},
		"complexity.weakest":    {"Weakest part: %s at %d%%. Securing it would lift the deal to %d%%.", "Maillon faible : %s à %d %%. Le sécuriser porterait l'affaire à %d %%."},
		"health.title":          {"%s — health %d/100", "%s — santé %d/100"},
		"health.list_title":     {"Partner health, weakest first", "Santé des partenaires, les plus fragiles d'abord"},
		"tips.title":            {"Coaching for %s", "Conseils pour %s"},
		"home.title":            {"Your partnerships", "Vos partenariats"},
		"home.empty":            {"You don't own any partner yet. Add one with `/partner add <name>` in its channel.", "Vous n'êtes responsable d'aucun partenaire. Ajoutez-en un avec `/partner add <nom>` dans son canal."},
		"home.checklist_button": {"Checklist", "Liste"},
		"home.invite_me":        {"I'm not in %s, the partner's channel. Invite me there with `/invite @Partner Coach`, then try again.", "Je ne suis pas dans %s, le canal du partenaire. Invitez-moi avec `/invite @Partner Coach`, puis réessayez."},
		"home.checklist_posted": {"Posted the checklist “%s” in %s.", "La liste « %s » est publiée dans %s."},
		"home.log_button":       {"Log contribution", "Consigner un apport"},
		"home.webinar_button":   {"Book webinar", "Planifier un webinaire"},
		"home.reminder":         {"Next balance review: %s", "Prochaine revue de l'équilibre : %s"},
		"home.no_reminder":      {"No reminder scheduled", "Aucun rappel planifié"},
		"home.prev":             {"Previous", "Précédent"},
		"home.next":             {"Next", "Suivant"},
	})
}

func init() {
	register(map[string]Msg{
		"review.title":             {"Time to review the balance with %s", "Il est temps de revoir l'équilibre avec %s"},
		"review.caught_up":         {"Catching up: this review stands for %d reminders missed while the bot was away.", "Rattrapage : cette revue remplace %d rappels manqués pendant l'absence du bot."},
		"review.shared":            {"This channel is shared with another organisation, so the figures stay private: type `/partner balance` in an internal channel.", "Ce canal est partagé avec une autre organisation, les chiffres restent privés : tapez `/partner balance` dans un canal interne."},
		"review.tip.us_ahead":      {"We bring much more than we get back (the smaller side is %d%% of the larger). Ask what business the partner could send our way.", "Nous apportons bien plus que nous ne recevons (le plus petit côté vaut %d %% du plus grand). Demandez quelles affaires le partenaire pourrait nous apporter."},
		"review.tip.partner_ahead": {"The partner brings much more than we give back (the smaller side is %d%% of the larger). Obligations run both ways: show what we bring.", "Le partenaire apporte bien plus que nous (le plus petit côté vaut %d %% du plus grand). Les engagements sont réciproques : montrez ce que nous apportons."},
		"nudge.title":              {"No joint event with %s lately", "Aucun événement commun récent avec %s"},
		"nudge.body":               {"Nothing together in the last 90 days and nothing booked for the next 30. Next one: %s. Book it with `/partner webinar %s <date> <time> <title>`.", "Rien ensemble ces 90 derniers jours et rien de prévu dans les 30 prochains. Le prochain : %s. Planifiez-le avec `/partner webinar %s <date> <heure> <titre>`."},
		"reminder.snooze_button":   {"Snooze 1 week", "Reporter d'une semaine"},
		"reminder.pause_button":    {"Pause", "Suspendre"},
		"reminder.snoozed":         {"Snoozed until %s.", "Reporté jusqu'au %s."},
		"reminder.paused":          {"Paused. Type `/partner reminders` to resume it.", "Suspendu. Tapez `/partner reminders` pour le reprendre."},
	})
}

func init() {
	register(map[string]Msg{
		"cmd.remind":             {"set a reminder's schedule: weekly, biweekly, monthly, quarterly or a cron spec", "régler la fréquence d'un rappel : weekly, biweekly, monthly, quarterly ou une expression cron"},
		"cmd.reminders":          {"list reminders with their next time; pause or resume one", "lister les rappels et leur prochaine échéance ; en suspendre ou reprendre un"},
		"op.remind":              {"set the reminder", "régler le rappel"},
		"op.reminders":           {"list the reminders", "lister les rappels"},
		"remind_args":            {"Say which reminder and when, e.g. `/partner remind acme balance monthly`.", "Précisez quel rappel et quand, par exemple `/partner remind acme balance monthly`."},
		"remind_team_wide":       {"%q is not a reminder for one partner: `/partner remind %s <schedule>` sets it for the whole team.", "%q n'est pas un rappel propre à un partenaire : `/partner remind %s <fréquence>` le règle pour toute l'équipe."},
		"remind.still_paused":    {"It stays paused: `/partner reminders resume %s %s` turns it back on.", "Il reste en pause : `/partner reminders resume %s %s` le réactive."},
		"remind.set":             {"The %s reminder for *%s* now comes %s. Next: %s.", "Le rappel « %s » de *%s* revient désormais %s. Prochain : %s."},
		"reminder.kind.balance":  {"balance review", "revue de l'équilibre"},
		"reminder.kind.webinar":  {"joint-webinar check", "vérification des webinaires communs"},
		"reminder.kind.event":    {"event reminder", "rappel d'événement"},
		"reminder.kind.quickwin": {"quick-win check", "vérification des gains rapides"},
		"reminder.kind.digest":   {"weekly digest", "résumé hebdomadaire"},
		"reminders.title":        {"Reminders", "Rappels"},
		"reminders.none":         {"No reminders yet. Adding a partner sets up its balance review and webinar check.", "Aucun rappel pour l'instant. Ajouter un partenaire planifie sa revue d'équilibre et sa vérification des webinaires."},
		"reminders.next":         {"next %s", "prochain %s"},
		"reminders.paused_state": {"paused", "suspendu"},
		"reminders.paused":       {"The %s reminder for *%s* is paused.", "Le rappel %s pour *%s* est suspendu."},
		"reminders.resumed":      {"The %s reminder for *%s* is back on.", "Le rappel %s pour *%s* est réactivé."},
	})
}

func init() {
	register(map[string]Msg{
		"event_tomorrow.title": {"Tomorrow with %s", "Demain avec %s"},
		"event_tomorrow.line":  {":calendar: *%s* at %s (%s)", ":calendar: *%s* à %s (%s)"},
		"quickwin.title":       {"Still no first deal with %s", "Toujours pas de première affaire avec %s"},
		"quickwin.body":        {"Onboarding started %d days ago and no deal has been logged. Drop the slides: pick one customer you can win together this month, then count deals one by one (`/partner log %s got <amount> <currency> deal`).", "L'intégration a commencé il y a %d jours et aucune affaire n'est consignée. Laissez les slides : choisissez un client à gagner ensemble ce mois-ci, puis comptez les affaires une à une (`/partner log %s got <montant> <devise> deal`)."},
		"nudge.book_button":    {"Book webinar", "Planifier un webinaire"},
		"digest.title":         {"Weekly partner digest (%d)", "Résumé hebdomadaire des partenaires (%d)"},
		"digest_shared":        {"The digest holds internal figures, so it can't go to a channel shared with another organisation. Set it up in an internal channel.", "Le résumé contient des chiffres internes : il ne peut pas aller dans un canal partagé avec une autre organisation. Configurez-le dans un canal interne."},
		"remind.digest_set":    {"The weekly digest now posts here %s. Next: %s. It replaces the per-partner nudges in this channel (joint webinars, first deals): they will no longer be posted here one by one.", "Le résumé hebdomadaire est désormais publié ici %s. Prochain : %s. Il remplace les relances par partenaire dans ce canal (webinaires communs, premières affaires) : elles n'y seront plus publiées une à une."},
	})
}
