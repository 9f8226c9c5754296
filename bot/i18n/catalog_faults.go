package i18n

// What the bot says when the store or Slack misbehaves (late answers,
// resubmissions, answers Slack may have lost).
func init() {
	register(map[string]Msg{
		"error.answer_lost":      {"Slack had trouble delivering my answer, so you may not have seen it. Please run the command again.", "Slack a eu du mal à vous transmettre ma réponse : vous ne l'avez peut-être pas vue. Relancez la commande."},
		"error.answer_lost_done": {"It's done, but Slack had trouble delivering my answer, so you may not have seen it. No need to run the command again.", "C'est fait, mais Slack a eu du mal à vous transmettre ma réponse : vous ne l'avez peut-être pas vue. Inutile de relancer la commande."},
		"error.slack_unknown":    {"Slack had trouble while I tried to %s, so I can't tell whether it went through. Check the channel before trying again.", "Slack a eu un souci pendant que j'essayais de %s : je ne sais pas si c'est passé. Vérifiez le canal avant de réessayer."},
		"still_working":          {"Still working on it… the answer is on its way.", "Je m'en occupe… la réponse arrive."},
		"duplicate_command":      {"You sent this exact command moments ago: it is done or still being done, so I'm not doing it twice. If you got no answer, send it again in %d seconds.", "Vous avez envoyé exactement cette commande il y a un instant : elle est faite ou en cours, je ne la fais donc pas deux fois. Si vous n'avez pas eu de réponse, renvoyez-la dans %d secondes."},
	})
}
