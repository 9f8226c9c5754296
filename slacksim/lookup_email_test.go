package slacksim

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestLookupByEmail(t *testing.T) {
	s := New()
	defer s.Close()
	api := client(s, BotToken)
	ctx := context.Background()
	s.SetEmail("U0ALICE", "Alice@Example.com")

	t.Run("OK", func(t *testing.T) {
		u, err := api.GetUserByEmailContext(ctx, "alice@example.com")
		if err != nil || u.ID != "U0ALICE" || u.Profile.Email != "Alice@Example.com" {
			t.Fatalf("got %+v, %v", u, err)
		}
	})
	t.Run("ErrUsersNotFound", func(t *testing.T) {
		_, err := api.GetUserByEmailContext(ctx, "nobody@example.com")
		if err == nil || err.Error() != "users_not_found" {
			t.Fatalf("got %v, want users_not_found", err)
		}
	})
	t.Run("ErrMissingScope", func(t *testing.T) {
		s.DenyEmailLookup(true)
		defer s.DenyEmailLookup(false)
		_, err := api.GetUserByEmailContext(ctx, "alice@example.com")
		if err == nil || !strings.Contains(err.Error(), "missing_scope") {
			t.Fatalf("got %v, want missing_scope", err)
		}
	})
	t.Run("ErrRemovedEmail", func(t *testing.T) {
		s.SetEmail("U0ALICE", "")
		if _, err := api.GetUserByEmailContext(ctx, "alice@example.com"); err == nil {
			t.Fatal("a removed address still finds its user")
		}
	})
}

// A file_input's state value decodes as slack-go reads a view_submission,
// and its url_private serves the bytes to the bot token.
func TestFileInputState(t *testing.T) {
	s := New()
	defer s.Close()
	id := s.UploadAs("U0ALICE", "partners.csv", []byte("name\nAcme\n"))
	state := ViewState{"file": {"file": s.FileInput(id, "F-unknown")}}
	raw, err := json.Marshal(map[string]any{"values": state})
	if err != nil {
		t.Fatal(err)
	}
	var vs slack.ViewState
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatal(err)
	}
	files := vs.Values["file"]["file"].Files
	if len(files) != 1 || files[0].ID != id || files[0].Name != "partners.csv" || files[0].URLPrivate == "" {
		t.Fatalf("files %+v", files)
	}
	var buf bytes.Buffer
	if err := client(s, BotToken).GetFileContext(context.Background(), files[0].URLPrivate, &buf); err != nil || buf.String() != "name\nAcme\n" {
		t.Fatalf("download: %q, %v", buf.String(), err)
	}
	if errs := ValidateBlocks(SurfaceModal, json.RawMessage(`[{"type":"input","block_id":"f","label":{"type":"plain_text","text":"File"},"element":{"type":"file_input","action_id":"f","max_files":11}}]`)); len(errs) != 1 {
		t.Fatalf("max_files 11: errors %v, want one", errs)
	}
}
