package coach_test

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

// TestErrorsHoldNoText checks the domain writes no sentence for users: every
// error it builds names a catalog key (bot/i18n writes the text), and its
// other errors, for logs, start in lower case as Go errors do.
func TestErrorsHoldNoText(t *testing.T) {
	call := regexp.MustCompile(`(?:FieldError|NewError)\(`)
	keyed := regexp.MustCompile(`^(?:FieldError\([^,()]+|NewError\([A-Za-z.]+), "[a-z_]+(?:\.[a-z_]+)+"[,)]`)
	sentence := regexp.MustCompile(`(?:fmt\.Errorf|errors\.New)\("[A-Z]|Message:`)
	files, _ := filepath.Glob("*.go")
	calls := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, loc := range call.FindAllStringIndex(src, -1) {
			if strings.HasSuffix(src[:loc[0]], "func ") {
				continue
			}
			calls++
			if line := src[loc[0]:min(len(src), loc[0]+120)]; !keyed.MatchString(line) {
				t.Errorf("%s: %q does not name a catalog key", f, strings.SplitN(line, "\n", 2)[0])
			}
		}
		if m := sentence.FindString(src); m != "" {
			t.Errorf("%s: %q: an error with English text for users", f, m)
		}
	}
	if calls < 30 {
		t.Fatalf("found only %d error constructions: the scan is broken", calls)
	}
}

func TestErrorString(t *testing.T) {
	err := fmt.Errorf("add: %w", coach.FieldError("kind", "partner.kind.unknown", "alien", 3))
	if got, want := err.Error(), `add: invalid: partner.kind.unknown ["alien", 3]`; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	err = coach.Unavailable("load partner", errors.New("EOF"))
	if got, want := err.Error(), "unavailable: store.unavailable: load partner: EOF"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if coach.ErrorCode(err) != coach.EUNAVAILABLE || !errors.Is(err, err.(*coach.Error).Err) {
		t.Fatalf("code %q", coach.ErrorCode(err))
	}
}
