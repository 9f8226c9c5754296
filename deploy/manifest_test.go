package deploy

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/slack-go/slack"
)

// schemaPath is Slack's published JSON Schema for app manifests, kept in
// testdata/ (see testdata/README.md for its source and licence).
const schemaPath = "testdata/slack-manifest.schema.1.0.0.json"

func manifest(t *testing.T) map[string]any {
	t.Helper()
	return yamlDocs(t, "slack-app-manifest.yaml")[0]
}

// manifestSchema compiles Slack's manifest schema.
func manifestSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaPath)
	if errors.Is(err, fs.ErrNotExist) {
		abs, _ := filepath.Abs(schemaPath)
		t.Fatalf("Slack's manifest schema is missing at %s: it is part of the repository; restore it with git checkout", abs)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(schemaRegexp)
	if err := c.AddResource("manifest.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("manifest.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validate converts a decoded YAML manifest to JSON, as Slack's manifest
// editor does, and validates it.
func validate(t *testing.T, sch *jsonschema.Schema, m map[string]any) error {
	t.Helper()
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

func TestManifest_Schema(t *testing.T) {
	sch := manifestSchema(t)
	t.Run("OK", func(t *testing.T) {
		if err := validate(t, sch, manifest(t)); err != nil {
			t.Errorf("slack-app-manifest.yaml does not match Slack's schema:\n%v", err)
		}
	})
	// The schema must be able to fail, or the OK case proves nothing.
	t.Run("ErrCaught", func(t *testing.T) {
		m := manifest(t)
		cmd := dig(m, "features", "slash_commands", 0).(map[string]any)
		cmd["command"] = "partner"
		if err := validate(t, sch, m); err == nil {
			t.Error("a slash command without its / passed the schema")
		}
	})
}

// apiScopes maps each slack.Client method the bot may call to the bot-token
// scopes its Web API method needs. A method needing none maps to nil. Both
// the plain and the …Context names are listed where slack-go has both.
//
// chat:write.public sits with chat.postMessage: checklists and reminders go
// to a partner's home channel, which the bot may never have been invited to.
// conversations.info needs channels:read, groups:read, im:read or mpim:read
// depending on the conversation's type; the bot checks is_ext_shared wherever
// /partner is typed (DMs included, and they can be Slack Connect DMs), and
// treats a failed lookup as shared, hiding figures.
var apiScopes = map[string][]string{
	"PostMessage":                []string{"chat:write", "chat:write.public"},
	"PostEphemeral":              []string{"chat:write"},
	"UpdateMessage":              []string{"chat:write"},
	"DeleteMessage":              []string{"chat:write"},
	"SendMessage":                []string{"chat:write"},
	"ScheduleMessage":            []string{"chat:write"},
	"GetPermalink":               nil,
	"OpenView":                   nil,
	"UpdateView":                 nil,
	"PushView":                   nil,
	"PublishView":                nil,
	"AuthTest":                   nil,
	"GetUserInfo":                []string{"users:read"},
	"GetUsersInfo":               []string{"users:read"},
	"GetConversationInfo":        []string{"channels:read", "groups:read", "im:read", "mpim:read"},
	"OpenConversation":           []string{"im:write"},
	"GetConversationHistory":     []string{"channels:history", "groups:history"},
	"AddReaction":                []string{"reactions:write"},
	"GetUserByEmail":             []string{"users:read.email"},
	"GetUsers":                   []string{"users:read"},
	"GetConversations":           []string{"channels:read", "groups:read"},
	"JoinConversation":           []string{"channels:join"},
	"GetUserProfile":             []string{"users.profile:read"},
	"GetConversationsForUser":    []string{"channels:read", "groups:read"},
	"GetUsersInConversation":     []string{"channels:read", "groups:read"},
	"PostMessageContext":         nil, // filled in by init from the plain name
	"PostEphemeralContext":       nil,
	"UpdateMessageContext":       nil,
	"DeleteMessageContext":       nil,
	"SendMessageContext":         nil,
	"ScheduleMessageContext":     nil,
	"GetPermalinkContext":        nil,
	"OpenViewContext":            nil,
	"UpdateViewContext":          nil,
	"PushViewContext":            nil,
	"PublishViewContext":         nil,
	"AuthTestContext":            nil,
	"GetUserInfoContext":         nil,
	"GetUsersInfoContext":        nil,
	"GetConversationInfoContext": nil,
	// functions.completeSuccess / completeError: "No scopes required".
	"FunctionCompleteSuccessContext": nil,
	"FunctionCompleteErrorContext":   nil,
	// Exports: UploadFile is files.getUploadURLExternal, the upload and
	// files.completeUploadExternal, all under files:write.
	"UploadFile":        []string{"files:write"},
	"UploadFileContext": nil,
	// Import: the file from the form, owners by e-mail, the preview in the
	// asker's DM (and the errors file, with UploadFile above).
	"GetFileInfo":             []string{"files:read"},
	"GetFileInfoContext":      nil,
	"GetUserByEmailContext":   nil,
	"OpenConversationContext": nil,
	// Living plans (issue 16): the canvas in each partner's internal channel.
	"CreateChannelCanvas":        []string{"canvases:write"},
	"EditCanvas":                 []string{"canvases:write"},
	"CreateChannelCanvasContext": nil,
	"EditCanvasContext":          nil,
}

// notAPI are slack.Client methods that call no Web API method.
var notAPI = map[string]bool{"Debug": true, "Debugf": true, "Debugln": true}

func init() {
	for name := range apiScopes {
		if plain, ok := strings.CutSuffix(name, "Context"); ok {
			apiScopes[name] = apiScopes[plain]
		}
	}
}

// botSources parses the non-test Go files under ../bot.
func botSources(t *testing.T) []*ast.File {
	t.Helper()
	var files []*ast.File
	fset := token.NewFileSet()
	err := filepath.WalkDir("../bot", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatalf("reading bot/: %v", err)
	}
	if len(files) == 0 {
		t.Fatal("no Go sources in bot/")
	}
	return files
}

// botUses collects from bot/ the selector names used (x.Name) and the string
// literals.
func botUses(t *testing.T) (selectors map[string]bool, strs map[string]bool) {
	selectors, strs = map[string]bool{}, map[string]bool{}
	for _, f := range botSources(t) {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				selectors[n.Sel.Name] = true
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					if s, err := strconv.Unquote(n.Value); err == nil {
						strs[s] = true
					}
				}
			}
			return true
		})
	}
	return selectors, strs
}

// botCalls is the slack.Client methods called (or referenced) in bot/.
func botCalls(t *testing.T) []string {
	selectors, _ := botUses(t)
	client := reflect.TypeFor[*slack.Client]()
	var calls []string
	for name := range selectors {
		if _, ok := client.MethodByName(name); ok && !notAPI[name] {
			calls = append(calls, name)
		}
	}
	sort.Strings(calls)
	return calls
}

func stringList(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestSchemaRegexp(t *testing.T) {
	re, err := schemaRegexp(`^(?![\.\-])([-a-z0-9\.])+([a-z0-9])$`)
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]bool{"example.com": true, "a-b.io": true, ".example.com": false, "-x.com": false, "example.": false, "Ex.com": false} {
		if got := re.MatchString(s); got != want {
			t.Errorf("%q: got %v, want %v", s, got, want)
		}
	}
	if _, err := schemaRegexp(`a(?=b)`); err == nil {
		t.Error("an unsupported lookahead compiled")
	}
}

func TestManifest_ScopesMatchCode(t *testing.T) {
	client := reflect.TypeFor[*slack.Client]()
	for name := range apiScopes {
		if _, ok := client.MethodByName(name); !ok {
			t.Errorf("apiScopes lists %s, which slack.Client does not have", name)
		}
	}

	needed := map[string][]string{} // scope → methods needing it
	calls := botCalls(t)
	if len(calls) == 0 {
		t.Fatal("found no slack.Client calls in bot/; the scan is broken")
	}
	for _, m := range calls {
		scopes, ok := apiScopes[m]
		if !ok {
			t.Errorf("bot/ calls slack.Client.%s: add it to apiScopes with the scopes Slack documents for it", m)
		}
		for _, s := range scopes {
			needed[s] = append(needed[s], m)
		}
	}
	needed["commands"] = []string{"/partner"}

	declared := stringList(dig(manifest(t), "oauth_config", "scopes", "bot"))
	for s, by := range needed {
		if !slices.Contains(declared, s) {
			t.Errorf("scope %s is needed by %v but missing from the manifest", s, by)
		}
	}
	for _, s := range declared {
		if needed[s] == nil {
			t.Errorf("the manifest asks for scope %s, which no call in bot/ needs (calls: %v)", s, calls)
		}
	}
	t.Logf("bot/ calls %v", calls)
}

// events maps identifiers in slack-go's slackevents package to the event
// each one handles.
var events = map[string]string{
	"AppHomeOpened": "app_home_opened", "AppHomeOpenedEvent": "app_home_opened",
	"AppMention": "app_mention", "AppMentionEvent": "app_mention",
	"MemberJoinedChannel": "member_joined_channel", "MemberJoinedChannelEvent": "member_joined_channel",
	"AppUninstalled": "app_uninstalled", "AppUninstalledEvent": "app_uninstalled",
	"TokensRevoked": "tokens_revoked", "TokensRevokedEvent": "tokens_revoked",
	"MessageEvent":       "message.im",
	"ChannelSharedEvent": "channel_shared", "ChannelUnsharedEvent": "channel_unshared",
}

func TestManifest_EventsAndCommandsMatchCode(t *testing.T) {
	selectors, strs := botUses(t)
	handled := map[string]bool{}
	for id, ev := range events {
		if selectors[id] || strs[ev] {
			handled[ev] = true
		}
	}
	m := manifest(t)
	subscribed := stringList(dig(m, "settings", "event_subscriptions", "bot_events"))
	for ev := range handled {
		if !slices.Contains(subscribed, ev) {
			t.Errorf("bot/ handles %s but the manifest does not subscribe to it", ev)
		}
	}
	for _, ev := range subscribed {
		if !handled[ev] {
			t.Errorf("the manifest subscribes to %s, which bot/ does not handle", ev)
		}
	}
	if home := dig(m, "features", "app_home", "home_tab_enabled"); handled["app_home_opened"] != (home == true) {
		t.Errorf("home_tab_enabled is %v but bot/ handling app_home_opened is %v", home, handled["app_home_opened"])
	}

	// The bot names its command in its routing or its help text ("/partner "
	// + usage): either shows which command it answers to.
	mentions := func(cmd string) bool {
		for s := range strs {
			if s == cmd || strings.HasPrefix(s, cmd+" ") {
				return true
			}
		}
		return false
	}
	for _, c := range dig(m, "features", "slash_commands").([]any) {
		if cmd := dig(c, "command").(string); !mentions(cmd) {
			t.Errorf("the manifest declares %s, which bot/ never names", cmd)
		}
	}
	if !mentions("/partner") {
		t.Error("bot/ never names /partner; the scan is broken or the command was renamed")
	}

	if selectors["EventTypeInteractive"] && dig(m, "settings", "interactivity", "is_enabled") != true {
		t.Error("bot/ handles interactive envelopes but interactivity is off")
	}
	if dig(m, "settings", "socket_mode_enabled") != true {
		t.Error("Socket Mode is off; the bot only speaks Socket Mode")
	}
}
