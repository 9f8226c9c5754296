package bot

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// /partner import (issue 17), end to end:
//
//  1. The command opens a form with one file input (a CSV, ≤ 10 MB).
//  2. Its submission is checked at once (a file, a CSV, not too big) and
//     acked with "Reading…"; after the ack the bot downloads the file with
//     its token (url_private + Authorization), plans the import and posts the
//     preview to the asker's DM with Import / Cancel, and the rows in error
//     as a CSV file beside it.
//  3. Import downloads the file again and applies it only if its SHA-256 is
//     the previewed one: any replica can take the click, nothing is kept
//     in memory between preview and import, and the plan is made again
//     against the data as it is then.

func init() {
	moreClicks[blocks.ActionImportApply] = (*Bot).clickImportApply
	moreClicks[blocks.ActionImportCancel] = (*Bot).clickImportCancel
}

func (b *Bot) cmdImport(ctx context.Context, c *call) error {
	meta := b.newMeta(ctx, blocks.ModalImport, c.locale, c.user, c.channel, nil)
	view := blocks.ImportModal(meta)
	b.seal(c.team, c.user, &view)
	return b.openForm(ctx, c.reply, c.triggerID, c.responseURL, c.locale, view, c.cmd.usage)
}

// readImportForm checks the attached file without downloading it.
func (b *Bot) readImportForm(ic slack.InteractionCallback, meta blocks.ModalMeta) (func(context.Context) (*saved, error), blocks.FormErrors) {
	l, team, user := meta.Locale, ic.Team.ID, ic.User.ID
	var files []slack.File
	if ic.View.State != nil {
		files = ic.View.State.Values[blocks.FieldFile][blocks.FieldFile].Files
	}
	if len(files) != 1 {
		return noSave, blocks.FormErrors{blocks.FieldFile: i18n.T(l, "import.file.missing")}
	}
	f := files[0]
	if ext := strings.ToLower(path.Ext(f.Name)); ext != ".csv" && ext != ".txt" {
		return noSave, blocks.FormErrors{blocks.FieldFile: i18n.T(l, "import.file.not_csv", f.Name)}
	}
	if f.Size > coach.MaxImportBytes {
		return noSave, blocks.FormErrors{blocks.FieldFile: i18n.ErrorText(l, coach.FieldError("file", "import.file.too_large", (f.Size+(1<<20)-1)>>20, coach.MaxImportBytes>>20))}
	}
	return func(ctx context.Context) (*saved, error) {
		preview := func(ctx context.Context) { b.importPreview(ctx, team, user, meta, f) }
		return &saved{blocks: blocks.ImportReading(l, f.Name), after: preview}, nil
	}, nil
}

func noSave(context.Context) (*saved, error) { return nil, nil }

// importPreview downloads and plans the file, then tells the user in their
// DM with the app: the preview, and the rows in error as a CSV.
func (b *Bot) importPreview(ctx context.Context, team, user string, meta blocks.ModalMeta, f slack.File) {
	l := meta.Locale
	dm, err := b.openDM(ctx, user)
	if err != nil {
		b.log.Error("import: cannot open the DM", slog.Any("error", err))
		return
	}
	var bl []slack.Block
	data, err := b.downloadPrivate(ctx, f.URLPrivate)
	var plan coach.ImportPlan
	if err == nil {
		plan, err = b.svc.PlanImport(ctx, team, user, coach.ImportFile{Name: f.Name, Data: data, Channel: meta.Channel}, emailUsers{b})
	}
	if err != nil {
		bl = b.failure(ctx, &reply{}, l, "import", err, "")
	} else {
		bl = blocks.ImportPreview(l, f.Name, plan, blocks.ImportRef{FileID: f.ID, SHA256: plan.SHA256, Channel: meta.Channel})
	}
	if _, err := b.post(ctx, nil, dm, bl); err != nil {
		b.log.Error("import: preview not delivered", slog.Any("error", err))
		return
	}
	if err == nil && len(plan.Errors) > 0 {
		b.uploadRowErrors(ctx, dm, l, f.Name, plan.Errors)
	}
}

// uploadRowErrors sends the rows in error as a CSV: line, column, reason.
func (b *Bot) uploadRowErrors(ctx context.Context, dm string, l i18n.Locale, name string, errs []coach.RowError) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"line", "column", "error"})
	for _, e := range errs {
		_ = w.Write([]string{strconv.Itoa(e.Line), e.Field, blocks.RowErrorText(l, e)})
	}
	w.Flush()
	base := strings.TrimSuffix(name, path.Ext(name))
	_, err := b.api.UploadFileContext(ctx, slack.UploadFileParameters{Channel: dm, Filename: base + "-errors.csv", Title: base + "-errors.csv",
		FileSize: buf.Len(), Reader: &buf, InitialComment: i18n.T(l, "import.errors_file", name)})
	if err != nil {
		b.log.Warn("import: errors file not uploaded", slog.Any("error", err))
	}
}

func (b *Bot) openDM(ctx context.Context, user string) (string, error) {
	ch, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return "", fmt.Errorf("conversations.open: %w", err)
	}
	return ch.ID, nil
}

// downloadPrivate fetches a file's url_private with the bot token. Slack
// answers a request it does not accept with a redirect to its sign-in page,
// so a redirect is a failure here, not something to follow.
func (b *Bot) downloadPrivate(ctx context.Context, url string) ([]byte, error) {
	if url == "" {
		return nil, coach.NewError(coach.EINVALID, "import.file.unreadable")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, coach.NewError(coach.EINVALID, "import.file.unreadable")
	}
	req.Header.Set("Authorization", "Bearer "+b.cfg.BotToken)
	client := *b.http
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download file: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &coach.Error{Code: coach.EINVALID, Key: "import.file.unreadable", Err: fmt.Errorf("download file: HTTP %d", resp.StatusCode)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, coach.MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("download file: %w", err)
	}
	return data, nil
}

// emailUsers finds owners by e-mail with users.lookupByEmail.
type emailUsers struct{ b *Bot }

func (e emailUsers) UserByEmail(ctx context.Context, email string) (string, error) {
	u, err := e.b.api.GetUserByEmailContext(ctx, email)
	var se slack.SlackErrorResponse
	switch {
	case err == nil:
		return u.ID, nil
	case errors.As(err, &se) && se.Err == "users_not_found", err.Error() == "users_not_found":
		return "", coach.NewError(coach.ENOTFOUND, "import.row.owner_unknown", email)
	case strings.Contains(err.Error(), "missing_scope"):
		return "", &coach.Error{Code: coach.EINVALID, Key: "import.owner_lookup.scope", Err: err}
	}
	return "", fmt.Errorf("users.lookupByEmail: %w", err)
}

// clickImportApply imports the previewed file if it is still the same.
func (b *Bot) clickImportApply(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	ref, err := blocks.DecodeImportRef(c.value)
	if err != nil {
		return usageError(nil, "stale_button")
	}
	f, _, _, err := b.api.GetFileInfoContext(ctx, ref.FileID, 0, 0)
	if err != nil {
		return &coach.Error{Code: coach.EINVALID, Key: "import.file.unreadable", Err: err}
	}
	data, err := b.downloadPrivate(ctx, f.URLPrivate)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != ref.SHA256 {
		return coach.NewError(coach.EINVALID, "import.file.changed")
	}
	plan, err := b.svc.PlanImport(ctx, c.team, c.user, coach.ImportFile{Name: f.Name, Data: data, Channel: ref.Channel}, emailUsers{b})
	if err != nil {
		return err
	}
	if err := b.svc.ApplyImport(ctx, plan); err != nil {
		return err
	}
	return b.replaceClicked(ctx, rp, ic, blocks.ImportDone(l, plan))
}

func (b *Bot) clickImportCancel(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, _ click) error {
	return b.replaceClicked(ctx, rp, ic, blocks.Notice(i18n.T(l, "import.cancelled")))
}
