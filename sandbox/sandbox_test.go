package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/sandbox"
)

const (
	alice    = "U0ALICE"
	partners = "C0PARTNERS"
	shared   = "C0SHARED"
)

// start runs a sandbox on a free port with a store in the test's directory.
func start(t *testing.T, demo bool) *sandbox.Sandbox {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	sb, err := sandbox.Start(ctx, sandbox.Options{Addr: "127.0.0.1:0", DataPath: filepath.Join(t.TempDir(), "sb.db"), Demo: demo, Version: "test"})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- sb.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
		closeCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		if err := sb.Close(closeCtx); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return sb
}

// post calls the sandbox's JSON API as the page does.
func post(t *testing.T, sb *sandbox.Sandbox, path string, body map[string]any) map[string]any {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := http.Post(sb.URL()+"api/"+path, "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

type pageState struct {
	ETag, Main, Modal string
	Speed             float64
}

// waitState long-polls /api/state until cond holds (at most 20 s).
func waitState(t *testing.T, sb *sandbox.Sandbox, user, view string, what string, cond func(pageState) bool) pageState {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	etag := ""
	for {
		q := url.Values{"user": {user}, "view": {view}, "since": {etag}}
		resp, err := http.Get(sb.URL() + "api/state?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		var st pageState
		err = json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 20 s for %s; the page shows:\n%s\n%s", what, st.Main, st.Modal)
		}
		etag = st.ETag
	}
}

func TestCommandAndEscaping(t *testing.T) {
	sb := start(t, false)
	if out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": `/partner add <script>alert(1)</script> & <!channel> reseller`}); out["ok"] != true {
		t.Fatalf("command: %v", out)
	}
	st := waitState(t, sb, alice, partners, "the bot's answer", func(s pageState) bool { return strings.Contains(s.Main, "added") })
	if strings.Contains(st.Main, "<script>") || strings.Contains(st.Main, "<!channel>") {
		t.Fatalf("user text reached the page unescaped:\n%s", st.Main)
	}
	if !strings.Contains(st.Main, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;") {
		t.Fatalf("the name is not shown as typed:\n%s", st.Main)
	}

	t.Run("ErrNotPartner", func(t *testing.T) {
		out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/giphy cats"})
		if out["ok"] != false || !strings.Contains(out["error"].(string), "only /partner is installed") {
			t.Fatalf("got %v, want an error naming /partner", out)
		}
	})
	t.Run("ErrNotJSON", func(t *testing.T) {
		// What a form on another site could send without a CORS preflight.
		resp, err := http.Post(sb.URL()+"api/command", "text/plain", strings.NewReader(`{"user":"U0ALICE","channel":"C0PARTNERS","text":"/partner add Evil"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Fatalf("status %d, want 415", resp.StatusCode)
		}
	})
	t.Run("ErrUnknownUser", func(t *testing.T) {
		if out := post(t, sb, "command", map[string]any{"user": "U0MALLORY", "channel": partners, "text": "/partner help"}); out["ok"] != false {
			t.Fatalf("got %v, want refused", out)
		}
	})
	t.Run("EphemeralIsOnlyForTheAsker", func(t *testing.T) {
		post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner nope"})
		waitState(t, sb, alice, partners, "the private answer", func(s pageState) bool {
			return strings.Contains(s.Main, "Only visible to you") && strings.Contains(s.Main, "nope")
		})
		bob := waitState(t, sb, "U0BOB", partners, "bob's view", func(pageState) bool { return true })
		if strings.Contains(bob.Main, "nope") {
			t.Fatalf("bob sees alice's private answer:\n%s", bob.Main)
		}
	})
	t.Run("FrenchUserFrenchClient", func(t *testing.T) {
		// Bob's Slack is in French: the client around the bot's (French)
		// answer says so in French too.
		post(t, sb, "command", map[string]any{"user": "U0BOB", "channel": partners, "text": "/partner nope"})
		st := waitState(t, sb, "U0BOB", partners, "bob's private answer", func(s pageState) bool {
			return strings.Contains(s.Main, "Visible uniquement par vous")
		})
		if strings.Contains(st.Main, "Only visible to you") {
			t.Fatalf("bob's page mixes in the English label:\n%s", st.Main)
		}
	})
}

func TestDemoHomeAndFastClock(t *testing.T) {
	sb := start(t, true)
	st := waitState(t, sb, alice, partners, "the demo checklist", func(s pageState) bool {
		return strings.Contains(s.Main, "Nimbus Cloud · Launching and running the partnership") && strings.Contains(s.Main, "(edited)")
	})
	for _, want := range []string{"Globex Integration", `data-action-id="checklist.toggle"`} {
		if !strings.Contains(st.Main, want) {
			t.Errorf("#partners lacks %q", want)
		}
	}
	waitState(t, sb, alice, shared, "the partner added in the shared channel", func(s pageState) bool { return strings.Contains(s.Main, "Acme Resellers") })

	if out := post(t, sb, "home/open", map[string]any{"user": alice}); out["ok"] != true {
		t.Fatalf("home: %v", out)
	}
	waitState(t, sb, alice, "home", "the App Home", func(s pageState) bool {
		return strings.Contains(s.Main, "Nimbus Cloud") && strings.Contains(s.Main, "Acme Resellers")
	})

	if out := post(t, sb, "clock", map[string]any{"user": alice, "fast": true}); out["ok"] != true || sb.Clock.Speed() != sandbox.FastSpeed {
		t.Fatalf("fast clock: %v, speed %v", out, sb.Clock.Speed())
	}
	// A week per second, so that a monthly review comes within about 5 s
	// whatever today's date; the page's switch uses a day per second.
	sb.Clock.SetSpeed(7 * 86400)
	waitState(t, sb, alice, partners, "a balance review and a webinar nudge", func(s pageState) bool {
		return strings.Contains(s.Main, `data-block-id="review:`) && strings.Contains(s.Main, `data-block-id="nudge:`)
	})
	if out := post(t, sb, "clock", map[string]any{"user": alice, "fast": false}); out["ok"] != true || sb.Clock.Speed() != 1 {
		t.Fatalf("normal clock: %v, speed %v", out, sb.Clock.Speed())
	}
}

// A page left open keeps a long poll waiting: Close must not wait for it.
func TestCloseEndsLongPolls(t *testing.T) {
	ctx := context.Background()
	sb, err := sandbox.Start(ctx, sandbox.Options{Addr: "127.0.0.1:0", DataPath: filepath.Join(t.TempDir(), "sb.db")})
	if err != nil {
		t.Fatal(err)
	}
	serveCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() { _ = sb.Serve(serveCtx) }()
	st := waitState(t, sb, alice, partners, "the empty channel", func(pageState) bool { return true })
	polled := make(chan error, 1)
	go func() {
		resp, err := http.Get(sb.URL() + "api/state?" + url.Values{"user": {alice}, "view": {partners}, "since": {st.ETag}}.Encode())
		if err == nil {
			resp.Body.Close()
		}
		polled <- err
	}()
	time.Sleep(200 * time.Millisecond) // the poll is waiting for a change
	start := time.Now()
	closeCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sb.Close(closeCtx); err != nil {
		t.Fatalf("close: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v with a long poll open; want it to end the poll at once", d)
	}
	<-polled
}

// TestDemoTwice: --demo on a store that already holds the demo adds
// nothing: no command typed, the partners and the ledger as they were.
func TestDemoTwice(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sb.db")
	ctx := context.Background()
	for run := 1; run <= 2; run++ {
		sb, err := sandbox.Start(ctx, sandbox.Options{Addr: "127.0.0.1:0", DataPath: data, Demo: true})
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		typed := 0
		for _, e := range sb.Sim.Envelopes() {
			if e.Type == "slash_commands" {
				typed++
			}
		}
		if run == 2 {
			if typed != 0 {
				t.Errorf("the second --demo typed %d commands, want none", typed)
			}
			if err := sb.Demo(ctx, alice); !errors.Is(err, sandbox.ErrDemoThere) {
				t.Errorf("Demo on a store with the demo: %v, want ErrDemoThere", err)
			}
			served := make(chan struct{})
			serveCtx, stop := context.WithCancel(ctx)
			go func() { _ = sb.Serve(serveCtx); close(served) }()
			if out := post(t, sb, "demo", map[string]any{"user": alice}); out["ok"] != true || out["result"].(map[string]any)["already"] != true {
				t.Errorf("the page's demo button: %v, want ok and already", out)
			}
			if _, err := sb.Sim.SlashCommand(ctx, alice, partners, "/partner", "list"); err != nil {
				t.Fatal(err)
			}
			st := waitState(t, sb, alice, partners, "the list", func(s pageState) bool { return strings.Contains(s.Main, "Partners (") })
			if !strings.Contains(st.Main, "Partners (3)") {
				t.Errorf("after two --demo runs the list is not the demo's three partners:\n%s", st.Main)
			}
			stop()
			<-served
		}
		closeCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		if err := sb.Close(closeCtx); err != nil {
			t.Error(err)
		}
		cancel()
	}
}
