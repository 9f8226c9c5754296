package i18n

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

// verbRe finds a format verb: "%s", "%[2]q", "%.2f"; "%%" is not one.
var verbRe = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?(?:\[\d+\])?[a-zA-Z]`)

// samples returns one argument of each declared kind, each distinct so the
// output shows whether it was used: "arg1", 7002, 0.13, an error "err4".
func samples(kinds string) ([]any, error) {
	args := make([]any, len(kinds))
	for i, k := range kinds {
		switch k {
		case 's':
			args[i] = fmt.Sprintf("arg%d", i+1)
		case 'd':
			args[i] = 7001 + i
		case 'f':
			args[i] = 0.11 + float64(i)/100
		case 'v':
			args[i] = fmt.Errorf("err%d", i+1)
		default:
			return nil, fmt.Errorf("unknown argument kind %q", k)
		}
	}
	return args, nil
}

// TestCatalogFormats renders every entry, the bot's own and the errors', in
// both languages with arguments of the kinds it declares, and fails on a
// missing language, a verb left unfilled or with the wrong kind (%!), an
// argument a text leaves out, or a verb in an entry that declares none.
func TestCatalogFormats(t *testing.T) {
	for key := range argKinds {
		if !Has(key) {
			t.Errorf("%s: arguments declared for a key the catalog lacks", key)
		}
	}
	rendered := 0
	for key, m := range catalog {
		if m.EN == "" || m.FR == "" {
			t.Errorf("%s: English %q, French %q: want both", key, m.EN, m.FR)
			continue
		}
		kinds := argKinds[key]
		args, err := samples(kinds)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		for _, text := range []string{m.EN, m.FR} {
			forms := []string{text}
			if strings.HasPrefix(key, "n.") { // singular|plural, see Count
				forms = strings.Split(text, "|")
			}
			for _, f := range forms {
				if kinds == "" {
					// T prints an entry without arguments as it is.
					if v := verbRe.FindString(f); v != "" {
						t.Errorf("%s: %q has the verb %s but declares no arguments", key, f, v)
					}
					continue
				}
				got := fmt.Sprintf(f, args...)
				rendered++
				if strings.Contains(got, "%!") {
					t.Errorf("%s: %q with arguments %q gives %q", key, f, kinds, got)
					continue
				}
				for i, a := range args {
					if s := fmt.Sprint(a); !strings.Contains(got, s) && !(kinds[i] == 'f' && strings.Contains(got, s[:4])) {
						t.Errorf("%s: %q leaves out argument %d (%q gives %q)", key, f, i+1, s, got)
					}
				}
			}
		}
	}
	if rendered < 200 {
		t.Fatalf("rendered only %d texts: the test is broken", rendered)
	}
}

// TestErrorKeys finds every error the domain, the reminder parser, the stores
// and the bot's usage errors build, and checks the catalog writes its key in
// both languages with as many arguments as the call gives.
func TestErrorKeys(t *testing.T) {
	str := `"([a-z_]+(?:\.[a-z_]+)*)"`
	keyRe := regexp.MustCompile(`(?:FieldError\([^,()]+, |NewError\([a-zA-Z.]+, |usageError\((?:c|nil), |Key: )` + str)
	textRe := regexp.MustCompile(`validText\([^,()]+, ` + str)
	var files []string
	for _, dir := range []string{"../../coach", "../../remind", "../../storage/*", ".."} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		files = append(files, m...)
	}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		check := func(key string, nargs int) {
			seen++
			if m := catalog[key]; m.EN == "" || m.FR == "" {
				t.Errorf("%s: error key %q lacks English or French text", f, key)
			} else if want := len(argKinds[key]); nargs != want {
				t.Errorf("%s: error key %q built with %d arguments, its text takes %d", f, key, nargs, want)
			}
		}
		for _, m := range keyRe.FindAllStringSubmatchIndex(src, -1) {
			key, rest := src[m[2]:m[3]], src[m[1]:]
			if strings.HasPrefix(src[m[0]:], "Key: ") {
				// &coach.Error{…, Key: "k", Args: []any{a, b}, …}
				n := 0
				if r, ok := strings.CutPrefix(rest, ", Args: []any{"); ok {
					n = countArgs(r, '}')
				}
				check(key, n)
				continue
			}
			check(key, countArgs(strings.TrimPrefix(rest, ","), ')'))
		}
		for _, m := range textRe.FindAllStringSubmatch(src, -1) {
			check(m[1]+".required", 0)
			check(m[1]+".too_long", 2)
			check(m[1]+".control", 0)
		}
	}
	if seen < 80 {
		t.Fatalf("found only %d keys: the scan is broken", seen)
	}
}

// countArgs counts the comma-separated Go expressions in src up to the
// bracket end that closes the list: `a, f(b, c))` holds two, and so does
// `a, b,\n)`.
func countArgs(src string, end byte) int {
	n, depth, empty := 0, 0, true
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"', '`', '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			i, empty = j, false
		case '(', '[', '{':
			depth++
			empty = false
		case ')', ']', '}':
			if depth == 0 && c == end {
				if !empty {
					n++
				}
				return n
			}
			depth--
		case ',':
			if depth == 0 && !empty {
				n, empty = n+1, true
			}
		case ' ', '\t', '\n':
		default:
			empty = false
		}
	}
	return -1
}

func TestErrorText(t *testing.T) {
	err := coach.FieldError("kind", "partner.kind.unknown", "alien", "reseller")
	if got := ErrorText(FR, err); got != `"alien" n'est pas un type de partenaire connu. Utilisez l'un de : reseller, ou son nom français : revendeur, distributeur, intégrateur, éditeur, infogérant, hébergeur, technologie.` {
		t.Fatalf("French: %q", got)
	}
	if got := ErrorText(EN, err); got != `"alien" is not a partner kind I know. Use one of: reseller.` {
		t.Fatalf("English: %q", got)
	}
	// A usage error from the bot: its own key, in the same catalog.
	if got := ErrorText(FR, coach.NewError(coach.EINVALID, "unknown_command", "frob")); got != "`frob` n'est pas une commande /partner." {
		t.Fatalf("usage error: %q", got)
	}
	for name, err := range map[string]error{
		"ErrInternal":     os.ErrNotExist,
		"ErrCodeInternal": &coach.Error{Code: coach.EINTERNAL, Key: "partner.not_found", Args: []any{"x"}},
		"ErrUnknownKey":   coach.NewError(coach.EINVALID, "no.such.key"),
		"ErrWrapped":      fmt.Errorf("op: %w", errors.New("dial tcp: refused")),
	} {
		if got := ErrorText(EN, err); got != T(EN, "error.generic") {
			t.Errorf("%s: the user reads %q, want the generic line", name, got)
		}
	}
	if got := ErrorText(EN, coach.Unavailable("load", errors.New("EOF"))); got != T(EN, "store.unavailable") {
		t.Fatalf("store down: %q", got)
	}
}
