package coach_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

// TestMessagesFR checks every error key used in the domain and the reminder
// parser has a French text.
func TestMessagesFR(t *testing.T) {
	keyRe := regexp.MustCompile(`(?:FieldError\([^,]+, |Key: )"([a-z_]+(?:\.[a-z_]+)+)"`)
	textRe := regexp.MustCompile(`validText\([^,]+, "([a-z_.]+)"`)
	var files []string
	for _, dir := range []string{".", "../remind"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		files = append(files, m...)
	}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
			seen++
			if coach.MessagesFR[m[1]] == "" {
				t.Errorf("%s: key %q has no French text", f, m[1])
			}
		}
		for _, m := range textRe.FindAllStringSubmatch(string(src), -1) {
			for _, suffix := range []string{".required", ".too_long", ".control"} {
				seen++
				if coach.MessagesFR[m[1]+suffix] == "" {
					t.Errorf("%s: key %q has no French text", f, m[1]+suffix)
				}
			}
		}
	}
	if seen < 30 {
		t.Fatalf("found only %d keys: the scan is broken", seen)
	}
}
