package coach_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// wantCode fails unless err is a *coach.Error with that code and key.
func wantCode(t *testing.T, err error, code, key string) *coach.Error {
	t.Helper()
	var e *coach.Error
	if !errors.As(err, &e) || e.Code != code || e.Key != key {
		t.Fatalf("got %v, want %s with key %s", err, code, key)
	}
	return e
}

func partnerIDs(ps []coach.Partner) []string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestAddPartner_Fields(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	t.Run("OK", func(t *testing.T) {
		in := coach.NewPartner{Name: "Initech", Kind: coach.KindIntegrator, Owner: "UBOB", Channel: "C9", Stage: coach.StageEvaluating,
			Profile: coach.Profile{Region: "EMEA", Notes: "met at a trade fair\nfollow up in May"}}
		p, err := s.AddPartner(ctx, "T1", "UALICE", in)
		if err != nil {
			t.Fatal(err)
		}
		want := coach.Partner{TeamID: "T1", ID: "initech", Name: "Initech", Kind: coach.KindIntegrator, Stage: coach.StageEvaluating, Owner: "UBOB",
			Channel: "C9", Profile: in.Profile, CreatedAt: now, UpdatedAt: now, StageChangedAt: now}
		if p != want {
			t.Fatalf("got %+v, want %+v", p, want)
		}
		if got, err := s.FindPartner(ctx, "T1", "initech"); err != nil || got != want {
			t.Fatalf("stored %+v, %v; want %+v", got, err, want)
		}
	})
	t.Run("OKLongestName", func(t *testing.T) {
		p, err := s.AddPartner(ctx, "T1", "U1", coach.NewPartner{Name: strings.Repeat("é", coach.MaxNameLen), Channel: "C1"})
		if err != nil || len(p.ID) != coach.MaxSlugLen {
			t.Fatalf("got %q, %v; want an ID cut to %d", p.ID, err, coach.MaxSlugLen)
		}
	})
	t.Run("OKSameNameInAnotherTeam", func(t *testing.T) {
		if _, err := s.AddPartner(ctx, "T2", "U1", coach.NewPartner{Name: "Initech", Channel: "C1"}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrConflictAccents", func(t *testing.T) {
		mustAdd(t, s, "Société Générale", "")
		_, err := s.AddPartner(ctx, "T1", "U2", coach.NewPartner{Name: "societe generale", Channel: "C1"})
		e := wantCode(t, err, coach.ECONFLICT, "partner.exists")
		if !slices.Equal(e.Args, []any{"societe generale", "societe-generale"}) {
			t.Fatalf("args %v, want the typed name and the existing slug", e.Args)
		}
	})
	t.Run("ErrNoTeam", func(t *testing.T) {
		_, err := s.AddPartner(ctx, "", "U1", coach.NewPartner{Name: "Zed", Channel: "C1"})
		if coach.ErrorCode(err) != coach.EINVALID {
			t.Fatalf("got %v, want EINVALID", err)
		}
	})
	for name, tt := range map[string]struct {
		in         coach.NewPartner
		field, key string
	}{
		"ErrNameRequired": {coach.NewPartner{Name: " \t "}, "name", "partner.name.required"},
		"ErrNameTooLong":  {coach.NewPartner{Name: strings.Repeat("é", coach.MaxNameLen+1)}, "name", "partner.name.too_long"},
		"ErrNameControl":  {coach.NewPartner{Name: "Zed\u200bCo\x00"}, "name", "partner.name.control"},
		"ErrNoLetters":    {coach.NewPartner{Name: "!!!"}, "name", "partner.name.no_letters"},
		"ErrKind":         {coach.NewPartner{Name: "Zed", Kind: "resel"}, "kind", "partner.kind.unknown"},
		"ErrStage":        {coach.NewPartner{Name: "Zed", Stage: "dreaming"}, "stage", "partner.stage.unknown"},
		"ErrProfile":      {coach.NewPartner{Name: "Zed", Profile: coach.Profile{Region: strings.Repeat("x", 301)}}, "region", "partner.profile.too_long"},
		"ErrNotes":        {coach.NewPartner{Name: "Zed", Profile: coach.Profile{Notes: strings.Repeat("x", 2001)}}, "notes", "partner.notes.too_long"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.AddPartner(ctx, "T1", "U1", tt.in)
			if e := wantCode(t, err, coach.EINVALID, tt.key); e.Field != tt.field {
				t.Fatalf("field %q, want field %q", e.Field, tt.field)
			}
		})
	}
	if _, err := s.FindPartner(ctx, "T1", "zed"); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Fatalf("a refused partner was stored: %v", err)
	}
}

func TestFindPartner_Rules(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	for _, n := range []string{"Acme", "Acme Cloud", "Acme Consulting", "Globex", "Initech", "Oldco", "Old Mill"} {
		mustAdd(t, s, n, "")
	}
	for _, id := range []string{"oldco", "old-mill"} {
		if _, err := s.Archive(ctx, "T1", "UOWNER", id); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ query, want string }{
		{"acme", "acme"},             // exact beats prefix
		{"ACME CLOUD", "acme-cloud"}, // name, any case
		{"acme-consulting", "acme-consulting"},
		{"acme-cl", "acme-cloud"},       // slug prefix
		{"Acme Con", "acme-consulting"}, // name prefix
		{"  ini  ", "initech"},
		{"Oldco", "oldco"},       // archived, exact name
		{"old-mill", "old-mill"}, // archived, exact slug
	} {
		t.Run("OK/"+tt.query, func(t *testing.T) {
			if p, err := s.FindPartner(ctx, "T1", tt.query); err != nil || p.ID != tt.want {
				t.Fatalf("FindPartner(%q) = %q, %v; want %q", tt.query, p.ID, err, tt.want)
			}
		})
	}
	t.Run("ErrAmbiguous", func(t *testing.T) {
		_, err := s.FindPartner(ctx, "T1", "acme c")
		e := wantCode(t, err, coach.EAMBIGUOUS, "partner.ambiguous")
		if len(e.Args) != 2 || e.Args[1] != "Acme Cloud, Acme Consulting" {
			t.Fatalf("args %v, want both candidates listed", e.Args)
		}
	})
	t.Run("ErrArchivedPrefix", func(t *testing.T) {
		wantCode(t, func() error { _, err := s.FindPartner(ctx, "T1", "old"); return err }(), coach.ENOTFOUND, "partner.not_found")
	})
	t.Run("ErrNotFoundHint", func(t *testing.T) {
		_, err := s.FindPartner(ctx, "T1", "globx")
		if e := wantCode(t, err, coach.ENOTFOUND, "partner.not_found.hint"); e.Args[1] != "Globex" {
			t.Fatalf("args %v, want Globex suggested", e.Args)
		}
	})
	t.Run("ErrNotFoundNoHintForArchived", func(t *testing.T) {
		_, err := s.FindPartner(ctx, "T1", "oldcp")
		wantCode(t, err, coach.ENOTFOUND, "partner.not_found")
	})
	t.Run("ErrQueryRequired", func(t *testing.T) {
		_, err := s.FindPartner(ctx, "T1", "  ")
		wantCode(t, err, coach.EINVALID, "partner.query.required")
	})
	t.Run("ErrNoLettersNeverPrefixes", func(t *testing.T) {
		_, err := s.FindPartner(ctx, "T1", "!!!")
		if coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("got %v, want ENOTFOUND (an empty slug is a prefix of everything)", err)
		}
	})
	t.Run("ErrOtherTeam", func(t *testing.T) {
		if _, err := s.FindPartner(ctx, "T2", "acme"); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("got %v, want ENOTFOUND", err)
		}
	})
	t.Run("ErrNoTeam", func(t *testing.T) {
		if _, err := s.FindPartner(ctx, "", "acme"); coach.ErrorCode(err) != coach.EINVALID {
			t.Fatalf("got %v, want EINVALID", err)
		}
	})
}

func TestListPartners(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	add := func(name string, kind coach.Kind, owner string, stage coach.Stage) {
		t.Helper()
		if _, err := s.AddPartner(ctx, "T1", owner, coach.NewPartner{Name: name, Kind: kind, Stage: stage, Channel: "C1"}); err != nil {
			t.Fatal(err)
		}
	}
	add("nimbus", coach.KindCloudOperator, "UANN", coach.StageActive)
	add("Acme Cloud Tools", coach.KindSoftwareVendor, "UBEN", coach.StageProspect)
	add("Zeta", coach.KindIntegrator, "UANN", coach.StageActive)
	add("Bygone", coach.KindCloudOperator, "UANN", coach.StageEnded)
	if _, err := s.Archive(ctx, "T1", "UANN", "bygone"); err != nil {
		t.Fatal(err)
	}
	for filter, want := range map[string][]string{
		"":           {"acme-cloud-tools", "nimbus", "zeta"}, // by name, any case; archived left out
		"cloud":      {"acme-cloud-tools", "nimbus"},         // name contains, or kind alias
		"isv":        {"acme-cloud-tools"},
		"at risk":    nil,
		"Active":     {"nimbus", "zeta"},
		"UANN":       {"nimbus", "zeta"},
		"ZET":        {"zeta"},
		"no-such-co": nil,
	} {
		got, err := s.ListPartners(ctx, "T1", filter)
		if err != nil || !slices.Equal(partnerIDs(got), want) {
			t.Errorf("ListPartners(%q) = %v, %v; want %v", filter, partnerIDs(got), err, want)
		}
	}
	if _, err := s.ListPartners(ctx, "", ""); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("no team: got %v, want EINVALID", err)
	}
}

func TestManagePartner(t *testing.T) {
	ctx := context.Background()
	ops := map[string]func(s *coach.Service, actor, id string) (coach.Partner, error){
		"SetStage": func(s *coach.Service, actor, id string) (coach.Partner, error) {
			return s.SetStage(ctx, "T1", actor, id, coach.StageActive)
		},
		"Archive": func(s *coach.Service, actor, id string) (coach.Partner, error) {
			return s.Archive(ctx, "T1", actor, id)
		},
		"UpdateProfile": func(s *coach.Service, actor, id string) (coach.Partner, error) {
			return s.UpdateProfile(ctx, "T1", actor, id, coach.Profile{Region: "APAC"})
		},
	}
	for name, op := range ops {
		t.Run(name+"/ErrForbidden", func(t *testing.T) {
			s := newService(t)
			before := mustAdd(t, s, "Acme", "")
			_, err := op(s, "USTRANGER", before.ID)
			e := wantCode(t, err, coach.EFORBIDDEN, "partner.forbidden")
			if !slices.Contains(e.Args, any("UOWNER")) || strings.Contains(e.Error(), "<@") {
				t.Fatalf("args %v, want the owner ID in Args and no raw mention", e.Args)
			}
			if after, _ := s.FindPartner(ctx, "T1", "acme"); after != before {
				t.Fatalf("a refused change was written: %+v", after)
			}
		})
		for _, actor := range []string{"UOWNER", "UADMIN"} {
			t.Run(name+"/OK/"+actor, func(t *testing.T) {
				s := newService(t)
				p := mustAdd(t, s, "Acme", "")
				later := now.Add(time.Hour)
				s.Now = func() time.Time { return later }
				got, err := op(s, actor, p.ID)
				if err != nil || !got.UpdatedAt.Equal(later) {
					t.Fatalf("got %+v, %v; want UpdatedAt %v", got, err, later)
				}
				if stored, _ := s.FindPartner(ctx, "T1", "acme"); stored != got {
					t.Fatalf("stored %+v, returned %+v", stored, got)
				}
			})
		}
		t.Run(name+"/ErrNotFound", func(t *testing.T) {
			s := newService(t)
			if _, err := op(s, "UADMIN", "ghost"); coach.ErrorCode(err) != coach.ENOTFOUND {
				t.Fatalf("got %v, want ENOTFOUND", err)
			}
		})
	}
	t.Run("SetStage/StageChangedAt", func(t *testing.T) {
		s := newService(t)
		p := mustAdd(t, s, "Acme", "")
		later := now.Add(48 * time.Hour)
		s.Now = func() time.Time { return later }
		same, _ := s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageProspect)
		if !same.StageChangedAt.Equal(now) {
			t.Fatalf("same stage moved StageChangedAt to %v, want %v", same.StageChangedAt, now)
		}
		moved, _ := s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageAtRisk)
		if moved.Stage != coach.StageAtRisk || !moved.StageChangedAt.Equal(later) {
			t.Fatalf("got %s at %v, want at-risk at %v", moved.Stage, moved.StageChangedAt, later)
		}
	})
	t.Run("SetStage/ErrStage", func(t *testing.T) {
		s := newService(t)
		p := mustAdd(t, s, "Acme", "")
		_, err := s.SetStage(ctx, "T1", "UOWNER", p.ID, "paused")
		wantCode(t, err, coach.EINVALID, "partner.stage.unknown")
	})
	t.Run("UpdateProfile/ErrTooLong", func(t *testing.T) {
		s := newService(t)
		p := mustAdd(t, s, "Acme", "")
		_, err := s.UpdateProfile(ctx, "T1", "UOWNER", p.ID, coach.Profile{CustomerBase: strings.Repeat("x", 301)})
		wantCode(t, err, coach.EINVALID, "partner.profile.too_long")
	})
	t.Run("MarkReviewed/OKAnyone", func(t *testing.T) {
		s := newService(t)
		p := mustAdd(t, s, "Acme", "")
		got, err := s.MarkReviewed(ctx, "T1", "USTRANGER", p.ID)
		if err != nil || got.ReviewedBy != "USTRANGER" || !got.ReviewedAt.Equal(now) {
			t.Fatalf("got %+v, %v; want reviewed by USTRANGER at %v", got, err, now)
		}
	})
	t.Run("ErrNoTeam", func(t *testing.T) {
		s := newService(t)
		p := mustAdd(t, s, "Acme", "")
		for name, err := range map[string]error{
			"SetStage":      second(s.SetStage(ctx, "", "UOWNER", p.ID, coach.StageActive)),
			"Archive":       second(s.Archive(ctx, "", "UOWNER", p.ID)),
			"UpdateProfile": second(s.UpdateProfile(ctx, "", "UOWNER", p.ID, coach.Profile{})),
			"MarkReviewed":  second(s.MarkReviewed(ctx, "", "UOWNER", p.ID)),
		} {
			if coach.ErrorCode(err) != coach.EINVALID {
				t.Errorf("%s: got %v, want EINVALID", name, err)
			}
		}
	})
}

func second[T any](_ T, err error) error { return err }

// TestAddPartner_OneStep: a partner is stored with its default reminders,
// and the same request sent again (its first outcome unknown to the user)
// is the same success, whoever adds it and whoever owns it; another
// request for the same name is a conflict.
func TestAddPartner_OneStep(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	in := coach.NewPartner{Name: "Globex", Owner: "UOWNER", Channel: "C1", RequestID: "req-1"}
	p, err := s.AddPartner(ctx, "T1", "UANN", in)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.Reminders(ctx, "T1")
	if err != nil {
		t.Fatal(err)
	}
	want := coach.DefaultReminders(p, now)
	if len(rs) != len(want) {
		t.Fatalf("%d reminders stored with the partner, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		if r.PartnerID != p.ID || r.Channel != "C1" || r.UpdatedBy != "UANN" {
			t.Errorf("reminder %d: %+v, want %s's in C1 by UANN", i, r, p.ID)
		}
	}
	t.Run("OKRetrySameRequest", func(t *testing.T) {
		// The retry comes from another path, by another actor (a form
		// resubmitted by a colleague cannot, but a retried workflow step
		// runs as whoever triggered it): the owner check must not refuse it.
		again, err := s.AddPartner(ctx, "T1", "UOTHER", in)
		if err != nil {
			t.Fatalf("retry of the same request: %v", err)
		}
		if again.ID != p.ID || !again.CreatedAt.Equal(p.CreatedAt) {
			t.Fatalf("retry returned %+v, want the partner first stored %+v", again, p)
		}
	})
	t.Run("ErrConflictOtherRequest", func(t *testing.T) {
		other := in
		other.RequestID = "req-2"
		_, err := s.AddPartner(ctx, "T1", "UANN", other)
		wantCode(t, err, coach.ECONFLICT, "partner.exists")
		other.RequestID = ""
		_, err = s.AddPartner(ctx, "T1", "UANN", other)
		wantCode(t, err, coach.ECONFLICT, "partner.exists")
	})
	t.Run("ErrNoChannel", func(t *testing.T) {
		_, err := s.AddPartner(ctx, "T1", "UANN", coach.NewPartner{Name: "Nowhere"})
		if e := wantCode(t, err, coach.EINVALID, "partner.channel.required"); e.Field != "channel" {
			t.Fatalf("field %q, want channel", e.Field)
		}
	})
}
