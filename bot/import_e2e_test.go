package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/slack-go/slack"
)

// importFile attaches data as user in the /partner import form, submits it
// and returns the preview the bot posts to the user's DM.
func (e *env) importFile(user, name string, data []byte, want string) slacksim.Message {
	e.t.Helper()
	id := e.sim.UploadAs(user, name, data)
	dm := slacksim.DM(user)
	before := len(e.sim.Messages(dm))
	for _, open := range e.sim.ModalStack(user) {
		_ = e.sim.CloseView(context.Background(), user, open.ID) // the last import's outcome
	}
	v := e.form(user, partners, "import")
	out, err := e.sim.SubmitView(context.Background(), user, v.ID, slacksim.ViewState{blocks.FieldFile: {blocks.FieldFile: e.sim.FileInput(id)}})
	if err != nil || out.Action != "update" {
		e.t.Fatalf("submit: action %q errors %v, %v\nlogs:\n%s", out.Action, out.Errors, err, e.logs.String())
	}
	var got slacksim.Message
	e.wait(func() bool {
		for _, m := range e.sim.Messages(dm)[before:] {
			if strings.Contains(string(m.Blocks), want) {
				got = m
				return true
			}
		}
		return false
	}, "a preview saying "+want)
	return got
}

func TestE2E_Import(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.sim.SetEmail(bob, "bob@example.com")
	if _, err := e.svc.AddPartner(ctx, "T0001", alice, coach.NewPartner{Name: "Acme", Channel: partners}); err != nil {
		t.Fatal(err)
	}
	file := []byte("\xEF\xBB\xBFCompany Name,Partner Type,Stage,Account Owner Email,Company URL\r\n" +
		"Acme,Integrator,Active,,acme.test\r\n" +
		"Beta Cloud,ISV,evaluating,bob@example.com,\r\n" +
		"Gamma,spaceship,,,\r\n" +
		"\"Delta\nGroup\",msp,,,\r\n" +
		",,,,\r\n")

	t.Run("PreviewThenImport", func(t *testing.T) {
		msg := e.importFile(alice, "crm.csv", file, "Import preview")
		text := string(msg.Blocks)
		if !strings.Contains(text, "to add 2, to update 1, already up to date 0, in error and left out 1") || !strings.Contains(text, "Line 4:") {
			t.Fatalf("preview:\n%s", text)
		}
		e.wait(func() bool {
			for _, f := range e.sim.Files() {
				if f.Name == "crm-errors.csv" && strings.Contains(string(f.Content), "4,kind,") {
					return true
				}
			}
			return false
		}, "the errors file in the DM")
		if _, err := e.store.Partner(ctx, "T0001", "beta-cloud"); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("the preview saved something: %v", err)
		}
		if _, err := e.sim.Click(ctx, alice, msg, blocks.ActionImportApply, ""); err != nil {
			t.Fatal(err)
		}
		var beta coach.Partner
		e.wait(func() bool {
			var err error
			beta, err = e.store.Partner(ctx, "T0001", "beta-cloud")
			return err == nil
		}, "the import to be saved")
		if beta.Owner != bob || beta.Kind != coach.KindSoftwareVendor || beta.Stage != coach.StageEvaluating || beta.Channel != partners {
			t.Fatalf("beta: %+v", beta)
		}
		acme, _ := e.store.Partner(ctx, "T0001", "acme")
		if acme.Kind != coach.KindIntegrator || acme.Stage != coach.StageActive || acme.Profile.Website != "https://acme.test" {
			t.Fatalf("acme: %+v", acme)
		}
		if d, err := e.store.Partner(ctx, "T0001", "delta-group"); err != nil || d.Name != "Delta Group" {
			t.Fatalf("delta: %+v, %v", d, err)
		}
		e.wait(func() bool {
			for _, m := range e.sim.Messages(slacksim.DM(alice)) {
				if m.TS == msg.TS && strings.Contains(string(m.Blocks), "Imported: added 2, updated 1") {
					return true
				}
			}
			return false
		}, "the preview to say what was imported")
	})
	t.Run("SameFileAgainChangesNothing", func(t *testing.T) {
		before, _ := e.store.Partners(ctx, "T0001")
		msg := e.importFile(alice, "crm.csv", file, "Import preview")
		text := string(msg.Blocks)
		if !strings.Contains(text, "to add 0, to update 0, already up to date 3") || strings.Contains(text, blocks.ActionImportApply) {
			t.Fatalf("second preview:\n%s", text)
		}
		after, _ := e.store.Partners(ctx, "T0001")
		if len(after) != len(before) {
			t.Fatalf("partners %d → %d", len(before), len(after))
		}
	})
	t.Run("FrenchLatin1Ledger", func(t *testing.T) {
		ledger := []byte("R\xe9f\xe9rence;Partenaire;Sens;Type;Montant;Devise;Date;Commentaire\r\n" +
			"F-1;Beta Cloud;re\xe7u;affaire;12\xa0500,50;EUR;15/03/2026;premi\xe8re affaire\r\n" +
			"F-2;acme;donn\xe9;piste;1,5k;EUR;2026-03-16;\r\n" +
			"F-3;Inconnu;re\xe7u;affaire;10;EUR;2026-03-16;\r\n")
		msg := e.importFile(bob, "registre.csv", ledger, "Aperçu de l'import")
		text := string(msg.Blocks)
		if !strings.Contains(text, "à ajouter 2") || !strings.Contains(text, "Ligne 4") {
			t.Fatalf("French preview:\n%s", text)
		}
		if _, err := e.sim.Click(ctx, bob, msg, blocks.ActionImportApply, ""); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool {
			cs, _ := e.store.Contributions(ctx, "T0001", "beta-cloud", time.Time{}, time.Time{})
			return len(cs) == 1
		}, "the ledger import")
		cs, _ := e.store.Contributions(ctx, "T0001", "beta-cloud", time.Time{}, time.Time{})
		if c := cs[0]; c.ID != "F-1" || c.Amount.Amount != 1250050 || c.Note != "première affaire" || c.Direction != coach.Got {
			t.Fatalf("entry %+v", c)
		}
		again := e.importFile(bob, "registre.csv", ledger, "Aperçu de l'import")
		if !strings.Contains(string(again.Blocks), "à ajouter 0") {
			t.Fatalf("second French preview:\n%s", again.Blocks)
		}
	})
	t.Run("ErrBinaryFile", func(t *testing.T) {
		msg := e.importFile(alice, "sheet.csv", []byte("PK\x03\x04\x00\x00\x00"), "not a text file")
		if strings.Contains(string(msg.Blocks), blocks.ActionImportApply) {
			t.Fatalf("a refused file offers Import:\n%s", msg.Blocks)
		}
	})
	t.Run("ErrNoEmailScope", func(t *testing.T) {
		e.sim.DenyEmailLookup(true)
		defer e.sim.DenyEmailLookup(false)
		msg := e.importFile(alice, "owners.csv", []byte("Name,Owner Email\nZeta,bob@example.com\n"), "users:read.email")
		if strings.Contains(string(msg.Blocks), blocks.ActionImportApply) {
			t.Fatalf("an import without the scope offers Import:\n%s", msg.Blocks)
		}
	})
	t.Run("ErrTooLargeInline", func(t *testing.T) {
		for _, open := range e.sim.ModalStack(alice) {
			_ = e.sim.CloseView(ctx, alice, open.ID)
		}
		id := e.sim.UploadAs(alice, "big.csv", make([]byte, coach.MaxImportBytes+1))
		v := e.form(alice, partners, "import")
		out, err := e.sim.SubmitView(ctx, alice, v.ID, slacksim.ViewState{blocks.FieldFile: {blocks.FieldFile: e.sim.FileInput(id)}})
		if err != nil || out.Action != "errors" || !strings.Contains(out.Errors[blocks.FieldFile], "10 MB") {
			t.Fatalf("an 11 MB file: %+v, %v", out, err)
		}
	})
	t.Run("CancelSavesNothing", func(t *testing.T) {
		msg := e.importFile(alice, "cancel.csv", []byte("Name\nOmega\n"), "Import preview")
		if _, err := e.sim.Click(ctx, alice, msg, blocks.ActionImportCancel, ""); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool {
			for _, m := range e.sim.Messages(slacksim.DM(alice)) {
				if m.TS == msg.TS && strings.Contains(string(m.Blocks), "nothing was saved") {
					return true
				}
			}
			return false
		}, "the preview to say it was cancelled")
		if _, err := e.store.Partner(ctx, "T0001", "omega"); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("a cancelled import saved omega: %v", err)
		}
	})
	t.Run("ErrFileChangedSincePreview", func(t *testing.T) {
		// A preview's Import button whose digest is not the file's (the
		// file was replaced since): nothing is imported, and the user is
		// told to preview again.
		id := e.sim.UploadAs(alice, "changed.csv", []byte("Name\nSigma\n"))
		ref := blocks.ImportRef{FileID: id, SHA256: strings.Repeat("ab", 32), Channel: partners}
		api := slack.New(slacksim.BotToken, slack.OptionAPIURL(e.sim.URL()))
		dm := slacksim.DM(alice)
		if _, _, err := api.PostMessage(dm, slack.MsgOptionText("preview", false), slack.MsgOptionBlocks(
			slack.NewActionBlock("import", slack.NewButtonBlockElement(blocks.ActionImportApply, ref.Encode(), slack.NewTextBlockObject(slack.PlainTextType, "Import", false, false))))); err != nil {
			t.Fatal(err)
		}
		msgs := e.sim.Messages(dm)
		before := len(e.sim.Ephemerals(alice))
		if _, err := e.sim.Click(ctx, alice, msgs[len(msgs)-1], blocks.ActionImportApply, ""); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool {
			for _, m := range e.sim.Ephemerals(alice)[before:] {
				if strings.Contains(string(m.Blocks), "no longer the one previewed") {
					return true
				}
			}
			return false
		}, "the user to be told the file changed")
		if _, err := e.store.Partner(ctx, "T0001", "sigma"); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("a changed file was imported: %v", err)
		}
	})
}
