package sandbox

import "github.com/partnercoach/partnercoach/bot/i18n"

// htmlKeys are the texts that carry a little markup (<b>, <code>, <br>):
// constants of ours, set as HTML by app.js; every other text is set as text.
var htmlKeys = []string{"demo_note", "foot", "empty_channel"}

// chrome is the page's own text: the Slack client around the bot, in each
// language the bot speaks, so a visitor who switches to a French user sees
// a French Slack rather than French bot text in an English client. The
// bot's text comes from the bot itself (bot/i18n).
var chrome = map[i18n.Locale]map[string]string{
	i18n.EN: {
		"search":        "Search Sandbox Inc. · an offline Slack running the real Partner Coach",
		"clock_title":   "The reminder clock",
		"clock":         "Reminder clock: ",
		"fast":          "Fast clock (1 day = 1 s)",
		"you_are":       "You are",
		"apps":          "Apps",
		"channels":      "Channels",
		"shared":        "⇄ shared",
		"shared_title":  "Shared with a partner organisation",
		"shared_topic":  "⇄ Shared with a partner organisation (Slack Connect)",
		"team_topic":    "Partnerships team",
		"demo":          "Add demo data",
		"demo_busy":     "Typing demo commands…",
		"demo_done":     "Demo data added: three partners, a ledger, a webinar, a checklist.",
		"demo_already":  "The demo data is already there: nothing added twice.",
		"demo_note":     "Types real <code>/partner</code> commands as you.",
		"tab_home":      "Home",
		"tab_messages":  "Messages",
		"tab_about":     "About",
		"placeholder":   "Message %s — try /partner help",
		"send":          "Send",
		"foot":          "<b>Enter</b> to send · <code>/partner help</code> lists every command · Version ",
		"only_you":      "Only visible to you",
		"edited":        "(edited)",
		"opening_home":  "Opening the App Home…",
		"empty_channel": "This is the very beginning of the channel.<br>Type <code>/partner help</code> below, or press <b>Add demo data</b>.",
		"required":      "Please complete this required field.",
		"slash_only":    "Partner Coach answers slash commands: start with /partner (try /partner help).",
		"failed":        "Something went wrong",
		// Block Kit's client-side defaults (slacksim marks them data-default).
		"default_select":   "Select an option",
		"default_optional": "(optional)",
		"default_cancel":   "Cancel",
	},
	i18n.FR: {
		"search":           "Rechercher dans Sandbox Inc. · un Slack hors ligne avec le vrai Partner Coach",
		"clock_title":      "L'horloge des rappels",
		"clock":            "Horloge des rappels : ",
		"fast":             "Horloge rapide (1 jour = 1 s)",
		"you_are":          "Vous êtes",
		"apps":             "Applications",
		"channels":         "Canaux",
		"shared":           "⇄ partagé",
		"shared_title":     "Partagé avec une organisation partenaire",
		"shared_topic":     "⇄ Partagé avec une organisation partenaire (Slack Connect)",
		"team_topic":       "Équipe partenariats",
		"demo":             "Ajouter des données de démo",
		"demo_busy":        "Saisie des commandes de démo…",
		"demo_done":        "Données de démo ajoutées : trois partenaires, un registre, un webinaire, une checklist.",
		"demo_already":     "Les données de démo sont déjà là : rien n'a été ajouté deux fois.",
		"demo_note":        "Tape de vraies commandes <code>/partner</code> en votre nom.",
		"tab_home":         "Accueil",
		"tab_messages":     "Messages",
		"tab_about":        "À propos",
		"placeholder":      "Envoyer un message à %s — essayez /partner help",
		"send":             "Envoyer",
		"foot":             "<b>Entrée</b> pour envoyer · <code>/partner help</code> liste toutes les commandes · Version ",
		"only_you":         "Visible uniquement par vous",
		"edited":           "(modifié)",
		"opening_home":     "Ouverture de l'accueil de l'application…",
		"empty_channel":    "Ceci est le tout début du canal.<br>Tapez <code>/partner help</code> ci-dessous, ou cliquez sur <b>Ajouter des données de démo</b>.",
		"required":         "Veuillez remplir ce champ obligatoire.",
		"slash_only":       "Partner Coach répond aux commandes slash : commencez par /partner (essayez /partner help).",
		"failed":           "Une erreur s'est produite",
		"default_select":   "Choisir une option",
		"default_optional": "(facultatif)",
		"default_cancel":   "Annuler",
	},
}

// chromeText is the page's text for key in l, English when l has none.
func chromeText(l i18n.Locale, key string) string {
	if s, ok := chrome[l][key]; ok {
		return s
	}
	return chrome[i18n.EN][key]
}
