package coach

import "time"

// Kind is what sort of business a partner is.
type Kind string

const (
	KindReseller        Kind = "reseller"
	KindDistributor     Kind = "distributor"
	KindIntegrator      Kind = "integrator"
	KindSoftwareVendor  Kind = "software-publisher"
	KindManagedServices Kind = "msp"
	KindCloudOperator   Kind = "cloud-operator"
	KindTechnology      Kind = "technology"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindReseller, KindDistributor, KindIntegrator, KindSoftwareVendor, KindManagedServices, KindCloudOperator, KindTechnology}

// Stage is where a partnership stands, from first contact to its end.
type Stage string

const (
	StageProspect   Stage = "prospect"
	StageEvaluating Stage = "evaluating"
	StageOnboarding Stage = "onboarding"
	StageActive     Stage = "active"
	StageAtRisk     Stage = "at-risk"
	StageEnded      Stage = "ended"
)

// Stages lists every stage in lifecycle order.
var Stages = []Stage{StageProspect, StageEvaluating, StageOnboarding, StageActive, StageAtRisk, StageEnded}

// Profile describes the partner against the ideal partner profile (rule 2).
type Profile struct {
	Website           string `json:"website,omitempty"`
	CustomerBase      string `json:"customer_base,omitempty"`
	BusinessModel     string `json:"business_model,omitempty"`
	ExecutionCapacity string `json:"execution_capacity,omitempty"`
	Region            string `json:"region,omitempty"`
	Notes             string `json:"notes,omitempty"`
}

// Partner is one business partnership of a team (a Slack workspace).
type Partner struct {
	TeamID  string  `json:"team_id"`
	ID      string  `json:"id"` // slug of the name, unique per team
	Name    string  `json:"name"`
	Kind    Kind    `json:"kind"`
	Stage   Stage   `json:"stage"`
	Owner   string  `json:"owner"`   // Slack user ID
	Channel string  `json:"channel"` // home channel ID
	Profile Profile `json:"profile"`

	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	StageChangedAt time.Time `json:"stage_changed_at"`
	// ReviewedAt and ReviewedBy record the last balance review (pitfall 2).
	ReviewedAt time.Time `json:"reviewed_at,omitzero"`
	ReviewedBy string    `json:"reviewed_by,omitempty"`
	Archived   bool      `json:"archived,omitempty"`
	// RequestID names the request that added the partner, so that the
	// same request sent again (its first outcome unknown) finds its own
	// partner instead of a conflict, whoever the owner is.
	RequestID string `json:"request_id,omitempty"`
	// Plan is where the partner's living plan is shown (coach/plan.go).
	Plan PlanPlace `json:"plan,omitzero"`
}
