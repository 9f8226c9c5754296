package blocks

import (
	"errors"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Issue 17: /partner import, its form and its preview.
const (
	ModalImport        = "partner.import"
	FieldFile          = "file"
	ActionImportApply  = "import.apply"
	ActionImportCancel = "import.cancel"
)

// PreviewErrors is how many row errors the preview lists; the rest are in
// the errors file.
const PreviewErrors = 10

// ImportModal is the form with one file input (one CSV file).
func ImportModal(meta ModalMeta) slack.ModalViewRequest {
	l := meta.Locale
	el := slack.NewFileInputBlockElement(FieldFile).WithFileTypes("csv", "txt").WithMaxFiles(1)
	v := modal(meta, "modal.import.title", "modal.import.submit", nil, []slack.Block{
		Section(i18n.T(l, "modal.import.intro")),
		input(l, FieldFile, "modal.import.file", "modal.import.file_hint", false, el),
	})
	return v
}

// ImportRef names a previewed file in the Import button's value:
// "fileID|sha256|channel": the click downloads it again and imports it only
// if its digest is still the previewed one.
type ImportRef struct{ FileID, SHA256, Channel string }

// Encode packs the reference.
func (r ImportRef) Encode() string { return r.FileID + "|" + r.SHA256 + "|" + r.Channel }

// DecodeImportRef reads a value packed by Encode, refusing anything else.
func DecodeImportRef(s string) (ImportRef, error) {
	p := strings.Split(s, "|")
	if len(p) != 3 || !alnum(p[0], 32) || len(p[1]) != 64 || !hex(p[1]) || (p[2] != "" && !alnum(p[2], 32)) {
		return ImportRef{}, errors.New("malformed import button value")
	}
	return ImportRef{FileID: p[0], SHA256: p[1], Channel: p[2]}, nil
}

func alnum(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func hex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// ImportReading is the form's outcome while the file is read.
func ImportReading(l i18n.Locale, name string) []slack.Block {
	return Notice(i18n.T(l, "import.reading", Escape(name)))
}

// ImportPreview shows what importing the file would do, the first row
// errors with their line numbers, and Import / Cancel.
func ImportPreview(l i18n.Locale, name string, plan coach.ImportPlan, ref ImportRef) []slack.Block {
	what := i18n.T(l, "import.what.partners")
	if plan.Ledger {
		what = i18n.T(l, "import.what.ledger")
	}
	bl := []slack.Block{
		Header(i18n.T(l, "import.preview.title", name)),
		Section(i18n.T(l, "import.preview.counts", what, plan.Adds, plan.Updates, plan.Unchanged, len(plan.Errors))),
	}
	if len(plan.Ignored) > 0 {
		bl = append(bl, Context(i18n.T(l, "import.preview.ignored", Escape(strings.Join(plan.Ignored, ", ")))))
	}
	if len(plan.Errors) > 0 {
		var lines []string
		for i, e := range plan.Errors {
			if i == PreviewErrors {
				lines = append(lines, i18n.T(l, "import.preview.more_errors", len(plan.Errors)-PreviewErrors))
				break
			}
			lines = append(lines, i18n.T(l, "import.preview.error_line", e.Line, Escape(RowErrorText(l, e))))
		}
		bl = append(bl, Section(strings.Join(lines, "\n")))
	}
	if plan.Adds+plan.Updates == 0 {
		return append(bl, Context(i18n.T(l, "import.preview.nothing")))
	}
	return append(bl, Actions("import",
		Button(ActionImportApply, i18n.T(l, "import.button.apply"), ref.Encode(), slack.StylePrimary),
		Button(ActionImportCancel, i18n.T(l, "import.button.cancel"), "", "")))
}

// RowErrorText is a row error in l, as the commands would say it.
func RowErrorText(l i18n.Locale, e coach.RowError) string {
	return i18n.ErrorText(l, &coach.Error{Code: coach.EINVALID, Field: e.Field, Key: e.Key, Args: e.Args})
}

// ImportDone says what was imported.
func ImportDone(l i18n.Locale, plan coach.ImportPlan) []slack.Block {
	return Notice(i18n.T(l, "import.done", plan.Adds, plan.Updates, len(plan.Errors)))
}
