package deploy

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaRegexp compiles the schema's patterns with Go's regexp, plus the one
// construct Slack's schema uses that RE2 lacks: a negative lookahead right
// after the anchor, ^(?!X)REST, which means "matches ^REST and not ^X".
// Anything else RE2 cannot compile is an error, never a silent pass.
func schemaRegexp(s string) (jsonschema.Regexp, error) {
	if re, err := regexp.Compile(s); err == nil {
		return re, nil
	}
	rest, ok := strings.CutPrefix(s, "^(?!")
	if !ok {
		return nil, fmt.Errorf("unsupported pattern %q", s)
	}
	// Find the lookahead's closing parenthesis, honouring escapes and classes.
	depth, inClass := 1, false
	for i := 0; i < len(rest); i++ {
		switch c := rest[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			if depth--; depth == 0 {
				not, err := regexp.Compile("^(?:" + rest[:i] + ")")
				if err != nil {
					return nil, err
				}
				pos, err := regexp.Compile("^" + rest[i+1:])
				if err != nil {
					return nil, err
				}
				return lookahead{s, not, pos}, nil
			}
		}
	}
	return nil, fmt.Errorf("unbalanced lookahead in %q", s)
}

type lookahead struct {
	src      string
	not, pos *regexp.Regexp
}

func (l lookahead) MatchString(s string) bool { return !l.not.MatchString(s) && l.pos.MatchString(s) }
func (l lookahead) String() string            { return l.src }
