package coach

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// DefaultComplexityThreshold is the overall chance, in percent, under which a deal gets a warning.
const DefaultComplexityThreshold = 50

// MaxParts bounds a deal's parties and components.
const MaxParts = 12

// Warning is a coaching remark about a deal.
type Warning struct {
	Code string // "below-threshold", "too-many-parties"
	Text Text
}

// DealAnalysis explains a deal's overall chance (pitfall 4): the product of
// its parts' chances, never their sum or average.
type DealAnalysis struct {
	Chance     float64 // 0–1
	Percent    int
	Parties    int
	Components int
	Weakest    *Part
	IfRemoved  float64 // overall chance without the weakest part
	IfSecured  float64 // with the weakest part at 100 % (the same figure: a sure part weighs nothing)
	Warnings   []Warning
}

// Analyse computes a deal's overall chance and warnings.
func Analyse(d Deal, threshold int) DealAnalysis {
	a := DealAnalysis{Chance: 1}
	weak := -1
	for i, p := range d.Parts {
		a.Chance *= float64(p.Chance) / 100
		if p.Kind == PartParty {
			a.Parties++
		} else {
			a.Components++
		}
		if weak < 0 || p.Chance < d.Parts[weak].Chance {
			weak = i
		}
	}
	a.Percent = int(math.Round(a.Chance * 100))
	if weak >= 0 {
		w := d.Parts[weak]
		a.Weakest = &w
		a.IfSecured = a.Chance / (float64(w.Chance) / 100)
		a.IfRemoved = a.IfSecured
	}
	if a.Percent < threshold {
		a.Warnings = append(a.Warnings, Warning{Code: "below-threshold", Text: Text{
			EN: fmt.Sprintf("The overall chance is %d%%, under %d%%. Remove or secure the weakest part first.", a.Percent, threshold),
			FR: fmt.Sprintf("La chance globale est de %d %%, sous les %d %%. Retirez ou sécurisez d'abord le maillon le plus faible.", a.Percent, threshold),
		}})
	}
	if a.Parties > 3 {
		a.Warnings = append(a.Warnings, Warning{Code: "too-many-parties", Text: Text{
			EN: fmt.Sprintf("%d parties is a lot: every extra party multiplies the risk. Can the deal work with fewer?", a.Parties),
			FR: fmt.Sprintf("%d parties prenantes, c'est beaucoup : chacune multiplie le risque. L'affaire peut-elle se faire avec moins ?", a.Parties),
		}})
	}
	return a
}

// SaveDeal validates and stores a deal with its parts, and analyses it.
func (s *Service) SaveDeal(ctx context.Context, teamID, actor, partnerID, name string, parts []Part) (Deal, DealAnalysis, error) {
	if err := requireTeam(teamID); err != nil {
		return Deal{}, DealAnalysis{}, err
	}
	name, err := ParseDealName(name)
	if err != nil {
		return Deal{}, DealAnalysis{}, err
	}
	if len(parts) == 0 || len(parts) > MaxParts {
		return Deal{}, DealAnalysis{}, FieldError("parts", "deal.parts.count", MaxParts)
	}
	seen := map[string]bool{}
	for i, p := range parts {
		if parts[i].Name, err = ParsePartName(p.Name); err != nil {
			return Deal{}, DealAnalysis{}, err
		}
		if seen[strings.ToLower(parts[i].Name)] {
			return Deal{}, DealAnalysis{}, FieldError("part", "deal.part.duplicate", parts[i].Name)
		}
		seen[strings.ToLower(parts[i].Name)] = true
		if p.Kind != PartParty && p.Kind != PartComponent {
			return Deal{}, DealAnalysis{}, FieldError("part", "deal.part.kind", parts[i].Name)
		}
		if p.Chance < 1 || p.Chance > 100 {
			return Deal{}, DealAnalysis{}, FieldError("chance", "deal.part.chance", parts[i].Name)
		}
	}
	if _, err := s.writablePartner(ctx, teamID, partnerID); err != nil {
		return Deal{}, DealAnalysis{}, fmt.Errorf("save deal: %w", err)
	}
	d := Deal{TeamID: teamID, PartnerID: partnerID, ID: Slug(name), Name: name, Parts: parts, UpdatedBy: actor, UpdatedAt: s.now()}
	if err := s.store.SaveDeal(ctx, d); err != nil {
		return Deal{}, DealAnalysis{}, fmt.Errorf("save deal: %w", err)
	}
	return d, Analyse(d, DefaultComplexityThreshold), nil
}
