package slacksim

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestFiles_UploadFileToDM(t *testing.T) {
	s := New()
	defer s.Close()
	api := client(s, BotToken)
	ctx := context.Background()

	ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{"U0ALICE"}})
	if err != nil || ch.ID != DM("U0ALICE") {
		t.Fatalf("conversations.open: %v, %+v", err, ch)
	}
	content := "partner_id,name\np1,Acme\n"
	sum, err := api.UploadFileContext(ctx, slack.UploadFileParameters{Channel: ch.ID, Filename: "partners.csv", Title: "Partners", FileSize: len(content), Reader: strings.NewReader(content), InitialComment: "Your export"})
	if err != nil {
		t.Fatalf("UploadFile: %v", err)
	}
	f, ok := s.FileByID(sum.ID)
	if !ok || string(f.Content) != content || f.Title != "Partners" || len(f.Channels) != 1 || f.Channels[0] != ch.ID {
		t.Fatalf("file %+v", f)
	}
	msgs := s.Messages(ch.ID)
	if len(msgs) != 1 || len(msgs[0].Files) != 1 || msgs[0].Files[0] != sum.ID || msgs[0].Text != "Your export" {
		t.Fatalf("DM messages %+v", msgs)
	}

	info, _, _, err := api.GetFileInfoContext(ctx, sum.ID, 0, 0)
	if err != nil || info.Name != "partners.csv" || info.Size != len(content) || len(info.IMs) != 1 {
		t.Fatalf("files.info: %v %+v", err, info)
	}
	var buf bytes.Buffer
	if err := api.GetFileContext(ctx, info.URLPrivateDownload, &buf); err != nil || buf.String() != content {
		t.Fatalf("download with the bot token: %v %q", err, buf.String())
	}
	if s.Downloads() != 1 {
		t.Fatalf("downloads = %d, want 1", s.Downloads())
	}

	t.Run("DownloadWithoutTokenGoesToSignIn", func(t *testing.T) {
		for _, auth := range []string{"", "Bearer xoxb-wrong"} {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, info.URLPrivate, nil)
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			_, _ = body.ReadFrom(resp.Body)
			resp.Body.Close()
			if strings.Contains(body.String(), "Acme") || resp.Request.URL.Path != "/signin" {
				t.Fatalf("auth %q: landed on %s with %q", auth, resp.Request.URL, body.String())
			}
		}
		err := client(s, "xoxb-wrong").GetFileContext(ctx, info.URLPrivate, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "sign-in") {
			t.Fatalf("slack-go with a wrong token: %v", err)
		}
	})
}

func TestFiles_Errors(t *testing.T) {
	s := New()
	defer s.Close()
	api := client(s, BotToken)
	ctx := context.Background()
	upload := func(channel, content string) error {
		_, err := api.UploadFileContext(ctx, slack.UploadFileParameters{Channel: channel, Filename: "x.csv", FileSize: len(content), Content: content})
		return err
	}
	t.Run("MissingScope", func(t *testing.T) {
		s.DenyFilesWrite(true)
		defer s.DenyFilesWrite(false)
		if err := upload("C0PARTNERS", "a"); err == nil || !strings.Contains(err.Error(), "missing_scope") {
			t.Fatalf("got %v, want missing_scope", err)
		}
	})
	t.Run("UserIDIsNotAChannel", func(t *testing.T) {
		if err := upload("U0ALICE", "a"); err == nil || !strings.Contains(err.Error(), "invalid_arguments") {
			t.Fatalf("got %v, want invalid_arguments", err)
		}
	})
	t.Run("SizeRestricted", func(t *testing.T) {
		s.SetFileSizeLimit(3)
		defer s.SetFileSizeLimit(0)
		if err := upload("C0PARTNERS", "abcd"); err == nil || !strings.Contains(err.Error(), "file_upload_size_restricted") {
			t.Fatalf("got %v, want file_upload_size_restricted", err)
		}
	})
	t.Run("LengthMismatch", func(t *testing.T) {
		_, err := api.UploadFileContext(ctx, slack.UploadFileParameters{Channel: "C0PARTNERS", Filename: "x.csv", FileSize: 2, Content: "abc"})
		if err == nil || !strings.Contains(err.Error(), "invalid_arguments") {
			t.Fatalf("got %v, want invalid_arguments", err)
		}
	})
	t.Run("NotInChannel", func(t *testing.T) {
		s.AddChannel(Channel{ID: "C0OUT", Name: "out"})
		if err := upload("C0OUT", "a"); err == nil || !strings.Contains(err.Error(), "not_in_channel") {
			t.Fatalf("got %v, want not_in_channel", err)
		}
	})
	t.Run("UnknownFile", func(t *testing.T) {
		_, _, _, err := api.GetFileInfoContext(ctx, "F404", 0, 0)
		if err == nil || !strings.Contains(err.Error(), "file_not_found") {
			t.Fatalf("got %v, want file_not_found", err)
		}
	})
	t.Run("ReadDenied", func(t *testing.T) {
		id := s.UploadAs("U0ALICE", "in.csv", []byte("x"))
		s.DenyFilesRead(true)
		defer s.DenyFilesRead(false)
		if _, _, _, err := api.GetFileInfoContext(ctx, id, 0, 0); err == nil || !strings.Contains(err.Error(), "missing_scope") {
			t.Fatalf("got %v, want missing_scope", err)
		}
		if err := api.GetFileContext(ctx, s.FileURL(id), &bytes.Buffer{}); err == nil {
			t.Fatal("download without files:read succeeded")
		}
	})
	if len(s.Messages("C0PARTNERS")) != 0 {
		t.Fatalf("a refused upload was shared: %+v", s.Messages("C0PARTNERS"))
	}
}

func TestFiles_UploadAsAndOpenDM(t *testing.T) {
	s := New()
	defer s.Close()
	id := s.UploadAs("U0BOB", "import.csv", []byte("name\nAcme\n"))
	f, ok := s.FileByID(id)
	if !ok || f.User != "U0BOB" || !f.Completed {
		t.Fatalf("UploadAs: %+v", f)
	}
	var buf bytes.Buffer
	if err := client(s, BotToken).GetFileContext(context.Background(), s.FileURL(id), &buf); err != nil || buf.String() != "name\nAcme\n" {
		t.Fatalf("download: %v %q", err, buf.String())
	}
	dm, err := s.OpenDM("U0BOB")
	if err != nil || dm != DM("U0BOB") {
		t.Fatalf("OpenDM: %q %v", dm, err)
	}
	if _, err := s.OpenDM("U0NOBODY"); err == nil {
		t.Fatal("OpenDM of an unknown user succeeded")
	}
}
