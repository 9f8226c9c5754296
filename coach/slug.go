package coach

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldAccents maps accented Latin letters to ASCII so "Société Générale" and
// "Societe Generale" get the same slug.
var foldAccents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
	// Central European, Nordic, Baltic, Turkish and Romanian letters.
	'ā': "a", 'ă': "a", 'ą': "a", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ģ': "g", 'ī': "i", 'į': "i", 'ı': "i", 'ķ': "k", 'ļ': "l", 'ľ': "l", 'ł': "l", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ō': "o", 'ő': "o", 'ŕ': "r", 'ř': "r", 'ś': "s", 'ş': "s", 'š': "s", 'ș': "s", 'ţ': "t", 'ť': "t", 'ț': "t", 'þ': "th",
	'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u", 'ź': "z", 'ż': "z", 'ž': "z",
	// Cyrillic (Russian, Ukrainian, Bulgarian, Serbian), transliterated.
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "ye", 'ж': "zh", 'з': "z",
	'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y",
	'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	// Greek, transliterated.
	'α': "a", 'ά': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'έ': "e", 'ζ': "z", 'η': "i", 'ή': "i", 'θ': "th",
	'ι': "i", 'ί': "i", 'ϊ': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'ό': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'ύ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ώ': "o",
}

// MaxSlugLen bounds IDs so they fit in Slack values and store keys.
const MaxSlugLen = 48

// Slug derives a stable ID from a name: lower-case ASCII letters and digits,
// accents folded, Cyrillic and Greek transliterated, letters of other
// scripts (Chinese, Arabic, Hebrew…) kept as they are, every other run of
// characters turned into one '-'. "Acme Cloud" → "acme-cloud", "Яндекс" →
// "yandeks", "华为 Cloud" → "华为-cloud". It may return "" for a name with no
// letters or digits.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if s, ok := foldAccents[r]; ok {
			b.WriteString(s)
			dash = false
			continue
		}
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) ||
			r >= unicode.MaxASCII && (unicode.IsLetter(r) || unicode.Is(unicode.Nd, r)) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if unicode.Is(unicode.Mn, r) || isInvisible(r) {
			continue // a combining mark or an invisible character adds nothing to an ID
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if len(s) > MaxSlugLen {
		cut := MaxSlugLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut-- // never cut a letter in two
		}
		s = strings.TrimRight(s[:cut], "-")
	}
	return s
}
