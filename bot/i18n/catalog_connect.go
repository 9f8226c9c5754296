package i18n

// Slack Connect: channels shared with another organisation, and people of
// other organisations.
func init() {
	register(map[string]Msg{
		"external_user": {
			"Sorry, Partner Coach works only for the team that installed it. As a member of another organisation, you can't see or change its records here. Your contact in that team can tell you more.",
			"Désolé, Partner Coach ne sert que l'équipe qui l'a installé. Comme vous êtes membre d'une autre organisation, vous ne pouvez ni consulter ni modifier ses données ici. Votre contact dans cette équipe pourra vous en dire plus.",
		},
		"connect.check_failed": {
			"I couldn't check this form with Slack just now. Please try again in a moment.",
			"Je n'ai pas pu vérifier ce formulaire auprès de Slack. Réessayez dans un instant.",
		},
		"shared_channel.only_you": {
			":lock: This channel is shared with another organisation, so only you see this.",
			":lock: Ce canal est partagé avec une autre organisation : vous seul voyez ce message.",
		},
		"shared_channel.checklist_dm": {
			":lock: This channel is shared with another organisation, so I sent you the checklist privately, in my Messages tab.",
			":lock: Ce canal est partagé avec une autre organisation : je vous ai donc envoyé la liste en privé, dans mon onglet Messages.",
		},
		"shared_channel.moved": {
			":lock: Sent here rather than in %s, which is shared with another organisation.",
			":lock: Envoyé ici plutôt que dans %s, qui est partagé avec une autre organisation.",
		},
		"shared_channel.checklist_removed": {
			":lock: This checklist was taken down: the channel is now shared with another organisation. Type `/partner checklist` to get it privately.",
			":lock: Cette liste a été retirée : le canal est désormais partagé avec une autre organisation. Tapez `/partner checklist` pour l'obtenir en privé.",
		},
	})
	declareArgs(map[string]string{
		"shared_channel.moved": "s",
	})
}
