package bot

import "strings"

// Slack's references to users and channels, read the same way from a
// command's text (<@U123|alice>, <@U123>, <#C123|general>) and from a form's
// select, which gives the bare ID (U123, C123).

// userRef reads a user: a mention, or a bare user ID.
func userRef(s string) (string, bool) { return slackRef(s, "@", "UW") }

// channelRef reads a channel: a channel reference, or a bare channel ID.
func channelRef(s string) (string, bool) { return slackRef(s, "#", "CGD") }

// slackRef reads a reference with sigil, or a bare ID starting with one of
// prefixes. A bare ID must look like one (its prefix, four or more capitals
// or digits, one digit at least), so that a partner name ending in "UK" or
// "U2" keeps its last word in /partner add.
func slackRef(s, sigil, prefixes string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") {
		return mention(s, sigil)
	}
	if len(s) < 5 || len(s) > 32 || !strings.ContainsRune(prefixes, rune(s[0])) || !strings.ContainsAny(s, "0123456789") ||
		strings.ContainsFunc(s, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < '0' || r > '9') }) {
		return "", false
	}
	return s, true
}

// mention reads Slack's escaped user and channel references:
// "<@U123|alice>" → U123, "<#C123|general>" → C123. Only a Slack ID
// (upper-case letters and digits) counts: anything else in angle brackets
// is text, kept as typed and escaped wherever it is shown.
func mention(tok, sigil string) (string, bool) {
	if !strings.HasPrefix(tok, "<"+sigil) || !strings.HasSuffix(tok, ">") || len(tok) < len(sigil)+2 {
		return "", false
	}
	id, _, _ := strings.Cut(tok[len(sigil)+1:len(tok)-1], "|")
	if id == "" || len(id) > 32 || strings.ContainsFunc(id, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < '0' || r > '9') }) {
		return "", false
	}
	return id, true
}
