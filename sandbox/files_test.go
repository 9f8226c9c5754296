package sandbox_test

import (
	"encoding/csv"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestExportInTheDM: an export shows in the user's DM with the app as a
// file with a download link; the link serves the CSV to that user only.
func TestExportInTheDM(t *testing.T) {
	sb := start(t, false)
	if out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner add Acme Cloud cloud-operator"}); out["ok"] != true {
		t.Fatalf("add: %v", out)
	}
	waitState(t, sb, alice, partners, "the partner added", func(s pageState) bool { return strings.Contains(s.Main, "Acme Cloud") })
	if out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner export partners"}); out["ok"] != true {
		t.Fatalf("export: %v", out)
	}
	waitState(t, sb, alice, partners, "the export's answer", func(s pageState) bool { return strings.Contains(s.Main, "Sent") })
	st := waitState(t, sb, alice, "dm", "the file in the DM", func(s pageState) bool { return strings.Contains(s.Main, `class="file-download"`) })
	m := regexp.MustCompile(`href="(/files/[^"]+)"`).FindStringSubmatch(st.Main)
	if m == nil {
		t.Fatalf("no download link in:\n%s", st.Main)
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")

	resp, err := http.Get(strings.TrimSuffix(sb.URL(), "/") + link)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("download: %d, %v", resp.StatusCode, err)
	}
	if len(rows) != 2 || rows[0][0] != "partner_id" || rows[1][1] != "Acme Cloud" {
		t.Fatalf("rows %q", rows)
	}

	// Bob cannot fetch alice's DM file.
	resp, err = http.Get(strings.TrimSuffix(sb.URL(), "/") + strings.Replace(link, "user="+alice, "user=U0BOB", 1))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || strings.Contains(string(body), "Acme") {
		t.Fatalf("bob got %d %q for alice's file", resp.StatusCode, body)
	}
}
