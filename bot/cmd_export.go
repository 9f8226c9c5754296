package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// cmdExport: export [partners|ledger|events|commitments|all] [partner]. The CSV files
// go to the asker's DM with the app (files uploaded with Slack's external
// upload); the command's own answers are private. Admins export every
// partner, others their own (coach.ExportScope).
func (b *Bot) cmdExport(ctx context.Context, c *call) error {
	args := c.args
	kinds := coach.ExportKinds
	if len(args) > 0 && coach.IsExportKind(args[0]) {
		var err error
		if kinds, err = coach.ParseExportKinds(args[0]); err != nil {
			return err
		}
		args = args[1:]
	}
	partnerID := ""
	if len(args) > 0 {
		all, err := b.svc.Partners(ctx, c.team)
		if err != nil {
			return err
		}
		p, rest, err := matchLeading(all, args)
		if err != nil {
			return err
		}
		if len(rest) > 0 {
			return usageError(c, "export.args", strings.Join(coach.ExportKindNames(), "|"))
		}
		partnerID = p.ID
	}
	scope, err := b.svc.ExportScope(ctx, c.team, c.user, partnerID)
	if err != nil {
		return err
	}
	// Tell the user at once: writing and uploading may take a few seconds.
	if err := b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(":hourglass_flowing_sand: "+i18n.T(c.locale, "export.preparing"))); err != nil {
		return err
	}
	dm, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{c.user}})
	if err != nil {
		return exportSlackError(c, "conversations.open", err)
	}
	var names []string
	for _, k := range kinds {
		name := k.FileName(partnerID, b.svc.Now())
		rows, err := b.uploadExport(ctx, c, dm.ID, k, scope, name)
		if err != nil {
			return err
		}
		names = append(names, fmt.Sprintf("`%s` (%s)", name, i18n.Count(c.locale, "n.export_row", rows)))
	}
	text := ":inbox_tray: " + i18n.T(c.locale, "export.sent", strings.Join(names, ", "), "<#"+dm.ID+">")
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(text))
}

// uploadExport writes one kind's CSV to a temporary file (the size must be
// known before the upload starts; the file keeps it out of memory), then
// uploads it to the DM.
func (b *Bot) uploadExport(ctx context.Context, c *call, dm string, k coach.ExportKind, scope []coach.Partner, name string) (int, error) {
	f, err := os.CreateTemp("", "partnercoach-export-*.csv")
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", k.Name, err)
	}
	defer func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}()
	rows, err := b.svc.Export(ctx, k, scope, f)
	if err != nil {
		return 0, err
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", k.Name, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("export %s: %w", k.Name, err)
	}
	_, err = b.api.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader: f, FileSize: int(size), Filename: name, Title: name, Channel: dm,
		InitialComment: i18n.T(c.locale, "export.file."+k.Name, i18n.Count(c.locale, "n.export_row", rows)),
	})
	if err != nil {
		return 0, exportSlackError(c, "files upload", err)
	}
	b.log.Info("export uploaded", slog.String("kind", k.Name), slog.Int("rows", rows), slog.Int64("bytes", size))
	return rows, nil
}

// exportSlackError turns Slack's refusals the user can act on (the app
// lacks a scope, files are restricted) into a private explanation; the
// rest stays an internal failure.
func exportSlackError(c *call, op string, err error) error {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "missing_scope", "not_allowed_token_type":
			return usageError(c, "export.missing_scope")
		case "file_upload_size_restricted", "file_uploads_disabled":
			return usageError(c, "export.files_restricted")
		}
	}
	return fmt.Errorf("export: %s: %w", op, err)
}
