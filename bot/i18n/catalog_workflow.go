package i18n

// What Workflow Builder steps say (bot/workflow.go): the message a failed
// step ends with, which Slackbot shows the person running the workflow, and
// the text outputs.
func init() {
	register(map[string]Msg{
		"workflow.input":          {"%s: %s", "%s : %s"},
		"workflow.ref":            {"%s (ref %s)", "%s (réf. %s)"},
		"workflow.unknown_step":   {"Partner Coach has no step called “%s”. Remove it from the workflow and add one of Partner Coach's steps again.", "Partner Coach n'a pas d'étape nommée « %s ». Retirez-la du workflow et ajoutez de nouveau l'une des étapes de Partner Coach."},
		"workflow.no_user":        {"This step acts for the person running the workflow: set its input “user” to “Person who used this workflow”.", "Cette étape agit au nom de la personne qui lance le workflow : renseignez son entrée « user » avec « Personne ayant utilisé ce workflow »."},
		"workflow.health.healthy": {"Healthy", "En bonne santé"},
		"workflow.health.fair":    {"Fair: worth some attention", "Correct : à surveiller"},
		"workflow.health.at-risk": {"At risk", "En danger"},
		"workflow.health.weakest": {"%s %d/%d — %s", "%s %d/%d — %s"},
	})
	declareArgs(map[string]string{
		"workflow.input":          "ss",
		"workflow.ref":            "ss",
		"workflow.unknown_step":   "s",
		"workflow.health.weakest": "sdds",
	})
}
