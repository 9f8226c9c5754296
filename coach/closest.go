package coach

import "strings"

// Closest returns the candidate nearest to query for a "did you mean" hint:
// the first one query is a prefix of, else the one within edit distance 2
// (ties: first listed). It returns "" when nothing is close.
func Closest(query string, candidates []string) string {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return ""
	}
	for _, c := range candidates {
		if strings.HasPrefix(strings.ToLower(c), q) {
			return c
		}
	}
	best, bestD := "", 3
	for _, c := range candidates {
		d := levenshtein(q, strings.ToLower(c))
		if sq, sc := Slug(q), Slug(c); sq != "" && sc != "" {
			d = min(d, levenshtein(sq, sc)) // accents and punctuation aside: "Societe Generale"
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
