package sandbox_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

// TestImportFormTakesAFile: the import form shows a file input; the page
// uploads the chosen CSV, submits its ID, and the preview reaches the DM.
func TestImportFormTakesAFile(t *testing.T) {
	sb := start(t, false)
	if out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner import"}); out["ok"] != true {
		t.Fatalf("command: %v", out)
	}
	st := waitState(t, sb, alice, partners, "the import form", func(s pageState) bool { return strings.Contains(s.Modal, `type="file"`) })
	if !strings.Contains(st.Modal, `accept=".csv,.txt"`) {
		t.Fatalf("file input:\n%s", st.Modal)
	}
	up := post(t, sb, "upload", map[string]any{"user": alice, "name": `C:\fakepath\crm.csv`, "content": []byte("Company Name;Partner Type\nNimbus;ISV\n")})
	res, _ := up["result"].(map[string]any)
	id, _ := res["id"].(string)
	if up["ok"] != true || id == "" {
		t.Fatalf("upload: %v", up)
	}
	if f, ok := sb.Sim.FileByID(id); !ok || f.Name != "crm.csv" || f.User != alice {
		t.Fatalf("uploaded file %+v", f)
	}
	state := map[string]any{"file": map[string]any{"file": map[string]any{"type": "file_input", "files": []any{map[string]any{"id": id}}}}}
	if out := post(t, sb, "view/submit", map[string]any{"user": alice, "view_id": viewID(st.Modal), "state": state}); out["ok"] != true {
		t.Fatalf("submit: %v", out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := sb.Sim.WaitFor(ctx, func() bool {
		for _, m := range sb.Sim.Messages(slacksim.DM(alice)) {
			if strings.Contains(string(m.Blocks), "to add 1") {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no preview in the DM: %+v", sb.Sim.Messages(slacksim.DM(alice)))
	}
}
