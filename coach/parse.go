package coach

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// kindAliases maps what people type (slugged) to a kind: English and French
// trade names, acronyms and the hyphenated spellings Slug produces.
var kindAliases = map[string]Kind{
	"reseller": KindReseller, "var": KindReseller, "revendeur": KindReseller,
	"distributor": KindDistributor, "disti": KindDistributor, "distributeur": KindDistributor,
	"integrator": KindIntegrator, "si": KindIntegrator, "system-integrator": KindIntegrator, "ssii": KindIntegrator, "esn": KindIntegrator, "integrateur": KindIntegrator,
	"software-publisher": KindSoftwareVendor, "publisher": KindSoftwareVendor, "isv": KindSoftwareVendor, "editor": KindSoftwareVendor,
	"editeur": KindSoftwareVendor, "software": KindSoftwareVendor, "software-vendor": KindSoftwareVendor,
	"msp": KindManagedServices, "managed-services": KindManagedServices, "managed-service": KindManagedServices, "managed-service-provider": KindManagedServices,
	"cloud-operator": KindCloudOperator, "cloud": KindCloudOperator, "iaas": KindCloudOperator, "operator": KindCloudOperator, "csp": KindCloudOperator,
	"cloud-provider": KindCloudOperator, "hoster": KindCloudOperator, "hebergeur": KindCloudOperator,
	"technology": KindTechnology, "tech": KindTechnology,
	"editeur-de-logiciels": KindSoftwareVendor, "infogerant": KindManagedServices, "infogereur": KindManagedServices,
	"operateur-cloud": KindCloudOperator, "technologie": KindTechnology, "technologique": KindTechnology,
}

// ParseKind reads a partner kind, accepting common aliases ("isv", "si", "msp",
// "iaas") and plurals ("resellers", "isvs").
func ParseKind(s string) (Kind, error) {
	slug := Slug(s)
	if k, ok := kindAliases[slug]; ok {
		return k, nil
	}
	if k, ok := kindAliases[strings.TrimSuffix(slug, "s")]; ok {
		return k, nil
	}
	if near := KindNear(s); near != "" {
		return "", FieldError("kind", "partner.kind.unknown.hint", s, near)
	}
	return "", FieldError("kind", "partner.kind.unknown", s, joinKinds())
}

func joinKinds() string {
	var names []string
	for _, k := range Kinds {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// ParseStage reads a partnership stage ("at risk" and "at-risk" both work).
func ParseStage(s string) (Stage, error) {
	if st, ok := stageWords[Slug(s)]; ok {
		return st, nil
	}
	names := make([]string, len(Stages))
	for i, st := range Stages {
		names[i] = string(st)
	}
	if near := nearMiss(Slug(s), names); near != "" {
		return "", FieldError("stage", "partner.stage.unknown.hint", s, near)
	}
	return "", FieldError("stage", "partner.stage.unknown", s, strings.Join(names, ", "))
}

// ParseDirection reads who brought a contribution: gave (we → partner) or got (partner → us).
func ParseDirection(s string) (Direction, error) {
	if d, ok := directionWords[Slug(s)]; ok {
		return d, nil
	}
	return "", FieldError("direction", "contribution.direction.unknown", s)
}

// ParseContributionKind reads a contribution kind, plurals and "intro" included.
func ParseContributionKind(s string) (ContributionKind, error) {
	slug := Slug(s)
	for _, w := range []string{slug, strings.TrimSuffix(slug, "s")} {
		if k, ok := contributionWords[w]; ok {
			return k, nil
		}
	}
	names := make([]string, len(ContributionKinds))
	for i, k := range ContributionKinds {
		names[i] = string(k)
	}
	if near := nearMiss(slug, names); near != "" {
		return "", FieldError("kind", "contribution.kind.unknown.hint", s, near)
	}
	return "", FieldError("kind", "contribution.kind.unknown", s, strings.Join(names, ", "))
}

// Window is a look-back period for the balance.
type Window struct {
	Months int
	Days   int
}

// DefaultWindow is the balance window when none is given: twelve months.
var DefaultWindow = Window{Months: 12}

// Start returns the beginning of the window ending at now.
func (w Window) Start(now time.Time) time.Time { return now.AddDate(0, -w.Months, -w.Days) }

func (w Window) String() string {
	switch {
	case w.Months > 0 && w.Days == 0:
		return fmt.Sprintf("%dm", w.Months)
	case w.Months == 0:
		return fmt.Sprintf("%dd", w.Days)
	}
	return fmt.Sprintf("%dm%dd", w.Months, w.Days)
}

// ParseWindow reads "12m", "6 months", "90d", "1y", "quarter". Empty gives DefaultWindow.
func ParseWindow(s string) (Window, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	switch t {
	case "":
		return DefaultWindow, nil
	case "q", "quarter":
		return Window{Months: 3}, nil
	case "year":
		return Window{Months: 12}, nil
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(t[:i])
	unit := t[i:]
	bad := FieldError("window", "balance.window.invalid", s)
	// Bounded before any multiplication: 7×n or 12×n must not overflow
	// into a negative window.
	if err != nil || n <= 0 || n > 5*366 {
		return Window{}, bad
	}
	var w Window
	switch unit {
	case "d", "day", "days", "j", "jours":
		w = Window{Days: n}
	case "w", "week", "weeks":
		w = Window{Days: 7 * n}
	case "m", "mo", "month", "months", "mois":
		w = Window{Months: n}
	case "y", "year", "years", "an", "ans":
		w = Window{Months: 12 * n}
	default:
		return Window{}, bad
	}
	if w.Months > 60 || w.Days > 5*366 {
		return Window{}, bad
	}
	return w, nil
}
