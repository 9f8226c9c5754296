package sandbox

import (
	"regexp"
	"strings"
)

// Slack's client turns "@alice" and "#partners" in a slash command into
// references when it sends the command (the app's "Escape channels, users,
// and links" setting, which Partner Coach asks for): <@U0ALICE|alice>,
// <#C0PARTNERS|partners>. A name that matches no member or channel is sent
// as typed.
var (
	reAtName   = regexp.MustCompile(`(^|[\s(])@([A-Za-z0-9][A-Za-z0-9._-]*)`)
	reHashName = regexp.MustCompile(`(^|[\s(])#([a-z0-9][a-z0-9_-]*)`)
)

// references rewrites text (already escaped as Slack escapes it) as Slack's
// client sends it.
func (s *Sandbox) references(text string) string {
	users := map[string]string{}
	for _, u := range s.Sim.Users() {
		users[strings.ToLower(u.Name)] = u.ID
	}
	channels := map[string]string{}
	for _, c := range s.Sim.Channels() {
		channels[c.Name] = c.ID
	}
	text = replaceRefs(reAtName, text, func(name string) (string, bool) {
		id, ok := users[strings.ToLower(name)]
		return "<@" + id + "|" + strings.ToLower(name) + ">", ok
	})
	return replaceRefs(reHashName, text, func(name string) (string, bool) {
		id, ok := channels[name]
		return "<#" + id + "|" + name + ">", ok
	})
}

// replaceRefs replaces each match of re (a lead and a name) that ref knows;
// a name ending in punctuation ("@alice.") is tried without it.
func replaceRefs(re *regexp.Regexp, text string, ref func(name string) (string, bool)) string {
	return re.ReplaceAllStringFunc(text, func(m string) string {
		sub := re.FindStringSubmatch(m)
		lead, name := sub[1], sub[2]
		for trail := ""; name != ""; name, trail = name[:len(name)-1], name[len(name)-1:]+trail {
			if r, ok := ref(name); ok {
				return lead + r + trail
			}
			if !strings.ContainsAny(name[len(name)-1:], "._-") {
				break
			}
		}
		return m
	})
}
