package coach

import (
	"strings"
	"unicode"
)

// What people type, read right: French keywords beside the English ones,
// "did you mean" for near misses, and text cleaned of invisible characters.

// directionWords are gave|got and their French forms, slugged.
var directionWords = map[string]Direction{
	"gave": Gave, "give": Gave, "to": Gave, "out": Gave, "donne": Gave, "donnee": Gave, "donner": Gave, "apporte": Gave,
	"got": Got, "get": Got, "received": Got, "from": Got, "in": Got, "recu": Got, "recue": Got, "recevoir": Got, "obtenu": Got,
}

// contributionWords are contribution kinds in English and French, slugged
// and without a plural s.
var contributionWords = map[string]ContributionKind{
	"lead": ContribLead, "piste": ContribLead, "prospect": ContribLead,
	"deal": ContribDeal, "affaire": ContribDeal, "contrat": ContribDeal, "vente": ContribDeal,
	"revenue": ContribRevenue, "revenu": ContribRevenue, "chiffre-d-affaire": ContribRevenue, "ca": ContribRevenue,
	"resale": ContribResale, "revente": ContribResale,
	"co-marketing": ContribCoMarketing, "comarketing": ContribCoMarketing, "marketing": ContribCoMarketing, "marketing-commun": ContribCoMarketing,
	"introduction": ContribIntroduction, "intro": ContribIntroduction, "presentation": ContribIntroduction, "mise-en-relation": ContribIntroduction,
}

// stageWords are stages in English and French, slugged.
var stageWords = map[string]Stage{
	"prospect": StageProspect, "prospection": StageProspect,
	"evaluating": StageEvaluating, "evaluation": StageEvaluating, "en-evaluation": StageEvaluating,
	"onboarding": StageOnboarding, "integration": StageOnboarding, "en-integration": StageOnboarding, "demarrage": StageOnboarding, "lancement": StageOnboarding,
	"active": StageActive, "actif": StageActive, "active-e": StageActive,
	"at-risk": StageAtRisk, "atrisk": StageAtRisk, "a-risque": StageAtRisk, "en-danger": StageAtRisk, "risque": StageAtRisk,
	"ended": StageEnded, "termine": StageEnded, "terminee": StageEnded, "fini": StageEnded, "arrete": StageEnded,
}

// templateWords are the built-in checklists' French names.
var templateWords = map[string]string{"selection": TemplateSelection, "choix": TemplateSelection, "lancement": TemplateLaunch, "demarrage": TemplateLaunch}

// nearMiss returns the candidate s is a typo of (edit distance 1 or 2, not
// a prefix: "cloud" is a word of names, not a typo of "cloud-operator"), or
// "". Words under four letters are too short to guess.
func nearMiss(s string, candidates []string) string {
	q := strings.ToLower(strings.TrimSpace(s))
	if len([]rune(q)) < 4 {
		return ""
	}
	best, bestD := "", 3
	for _, c := range candidates {
		if d := levenshtein(q, strings.ToLower(c)); d > 0 && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// KindNear returns the kind word s is a typo of ("resellr" → "reseller"), or
// "" when s is a kind or is not close to one.
func KindNear(s string) string {
	slug := Slug(s)
	if _, ok := kindAliases[slug]; ok {
		return ""
	}
	if _, ok := kindAliases[strings.TrimSuffix(slug, "s")]; ok {
		return ""
	}
	cands := make([]string, 0, len(Kinds)+len(kindWords))
	for _, k := range Kinds {
		cands = append(cands, string(k))
	}
	for w := range kindWords {
		cands = append(cands, w)
	}
	return nearMiss(slug, cands)
}

// CleanText removes the characters that change how text looks without
// showing: zero-width spaces and joiners, the byte-order mark, soft hyphens
// and the bidirectional overrides and isolates that can make a name read
// backwards (Unicode's format characters, Cf).
func CleanText(s string) string {
	if !strings.ContainsFunc(s, isInvisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, s)
}

func isInvisible(r rune) bool { return unicode.Is(unicode.Cf, r) }
