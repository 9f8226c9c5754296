package app

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kelseyhightower/envconfig"
)

// LoadConfig reads the configuration through lookup (os.LookupEnv in main, a
// map in tests) and validates it. A *ConfigError names every bad variable and
// never repeats a secret's value.
//
// It decodes the envconfig tags itself rather than calling envconfig.Process,
// because Process reads only the process environment and quotes the offending
// value in its errors — a token pasted into the wrong variable would end up
// in the logs.
//
// An empty variable counts as unset (its default applies), except where the
// tag says allowempty: HTTP_ADDR= turns the ops server off.
func LoadConfig(lookup func(string) (string, bool)) (Config, error) {
	var c Config
	errs := &ConfigError{}
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Tag.Get("ignored") == "true" {
			continue
		}
		key := f.Tag.Get("envconfig")
		raw, ok := lookup(key)
		if !ok || raw == "" && f.Tag.Get("allowempty") != "true" {
			raw = f.Tag.Get("default")
		}
		if err := decode(v.Field(i), raw); err != nil {
			if f.Tag.Get("secret") == "true" {
				errs.add(key, "cannot be read")
			} else {
				errs.add(key, fmt.Sprintf("%q is not %s", raw, err.Error()))
			}
		}
	}
	if len(errs.Problems) == 0 {
		c.validate(errs)
	}
	if len(errs.Problems) > 0 {
		return c, errs
	}
	return c, nil
}

// HTTPAddr reads HTTP_ADDR alone, with LoadConfig's default and empty
// rules, for `partnercoach healthcheck`, which must not fail on the other
// variables.
func HTTPAddr(lookup func(string) (string, bool)) string {
	f, _ := reflect.TypeFor[Config]().FieldByName("HTTPAddr")
	if v, ok := lookup(f.Tag.Get("envconfig")); ok {
		return v
	}
	return f.Tag.Get("default")
}

// decode sets field from raw; its error says what raw should have been.
func decode(field reflect.Value, raw string) error {
	if raw == "" {
		return nil
	}
	switch field.Interface().(type) {
	case string:
		field.SetString(raw)
	case int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return fmt.Errorf("a whole number")
		}
		field.SetInt(int64(n))
	case float64:
		x, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return fmt.Errorf("a number")
		}
		field.SetFloat(x)
	case time.Duration:
		d, err := time.ParseDuration(raw)
		if err != nil {
			return fmt.Errorf("a duration such as 90s, 20m or 1h")
		}
		field.SetInt(int64(d))
	case []string:
		var out []string
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		field.Set(reflect.ValueOf(out))
	case bool: // LIVING_PLANS
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("true or false")
		}
		field.SetBool(b)
	default:
		panic(fmt.Sprintf("app.Config: no decoder for %s", field.Type()))
	}
	return nil
}

// ConfigError lists configuration problems, one per variable.
type ConfigError struct {
	Problems []Problem
}

// Problem is one variable's problem, safe to print: it never holds a secret.
type Problem struct {
	Var, Msg string
}

func (e *ConfigError) add(key, msg string) { e.Problems = append(e.Problems, Problem{key, msg}) }

// Error is one line, as main prints it: "VAR: what is wrong | VAR2: …".
func (e *ConfigError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Var + ": " + p.Msg
	}
	return strings.Join(parts, " | ")
}

// usageFormat is an envconfig.Usagef template: one row per variable.
const usageFormat = `{{range .}}  {{usage_key .}}	{{if usage_default .}}{{usage_default .}}{{else if usage_required .}}(required){{else}}(empty){{end}}	{{usage_description .}}
{{end}}`

// WriteUsage prints every variable with its default and description, from
// the same struct tags LoadConfig reads.
func WriteUsage(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  VARIABLE\tDEFAULT\tDESCRIPTION")
	if err := envconfig.Usagef("", &Config{}, tw, usageFormat); err != nil {
		return err
	}
	return tw.Flush()
}
