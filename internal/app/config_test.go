package app_test

import (
	"bytes"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/app"
)

// Fake tokens of the right shape; tests check they never leak.
const (
	appToken = "xapp-1-A111-222-f00dsecretapp"
	botToken = "xoxb-111-222-f00dsecretbot"
)

func env(kv map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := kv[k]; return v, ok }
}

func withTokens(kv map[string]string) map[string]string {
	out := map[string]string{"SLACK_APP_TOKEN": appToken, "SLACK_BOT_TOKEN": botToken}
	for k, v := range kv {
		out[k] = v
	}
	return out
}

func TestLoadConfig_Defaults(t *testing.T) {
	c, err := app.LoadConfig(env(withTokens(nil)))
	if err != nil {
		t.Fatal(err)
	}
	want := app.Config{
		AppToken: appToken, BotToken: botToken,
		APIURL: "https://slack.com/api/", DataPath: "partnercoach.db", RedisMinReplicasAck: "auto",
		LogLevel: "info", LogFormat: "json", DefaultTZ: "UTC",
		BalancedWithin: 1.5, LopsidedBeyond: 3,
		HTTPAddr: ":8080", Workers: 16,
		ReminderMinInterval: time.Hour, ShutdownTimeout: 20 * time.Second, SocketPingTimeout: 30 * time.Second,
		LivingPlans: true,
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	// The multiples must give exactly the coach's own defaults, or a ratio of
	// exactly 2/3 would change verdict depending on how the bot was started.
	if got := c.Thresholds(); got != coach.DefaultBalanceThresholds {
		t.Errorf("thresholds: got %+v, want %+v", got, coach.DefaultBalanceThresholds)
	}
}

func TestLoadConfig_OK(t *testing.T) {
	c, err := app.LoadConfig(env(withTokens(map[string]string{
		"SLACK_API_URL":           "http://127.0.0.1:9999/api",
		"REDIS_URL":               "redis://:hunter2@redis:6379/0",
		"LOG_LEVEL":               "debug",
		"LOG_FORMAT":              "text",
		"ADMIN_USERS":             " U012AB3CD, W0ABC ,",
		"DEFAULT_TZ":              "Europe/Paris",
		"HTTP_ADDR":               "",
		"WORKERS":                 "4",
		"REMINDER_MIN_INTERVAL":   "15m",
		"SHUTDOWN_TIMEOUT":        "5s",
		"BALANCE_BALANCED_WITHIN": "2",
		"BALANCE_LOPSIDED_BEYOND": "4",
		"CHECKLIST_TEMPLATES":     "/etc/pc/templates.json",
		"LOG_UNKNOWN_VAR":         "ignored",
	})))
	if err != nil {
		t.Fatal(err)
	}
	if c.APIURL != "http://127.0.0.1:9999/api/" {
		t.Errorf("SLACK_API_URL: got %q, want the trailing / added", c.APIURL)
	}
	if c.HTTPAddr != "" {
		t.Errorf("HTTP_ADDR set empty: got %q, want empty (server off)", c.HTTPAddr)
	}
	if !reflect.DeepEqual(c.AdminUsers, []string{"U012AB3CD", "W0ABC"}) {
		t.Errorf("ADMIN_USERS: got %q", c.AdminUsers)
	}
	if c.Workers != 4 || c.ReminderMinInterval != 15*time.Minute || c.ShutdownTimeout != 5*time.Second || c.DefaultTZ != "Europe/Paris" {
		t.Errorf("got %+v", c)
	}
	if th := c.Thresholds(); th.Balanced != 0.5 || th.Lopsided != 0.25 {
		t.Errorf("thresholds: got %+v", th)
	}
}

func TestLoadConfig_EmptyMeansDefault(t *testing.T) {
	c, err := app.LoadConfig(env(withTokens(map[string]string{"LOG_LEVEL": "", "WORKERS": "", "SLACK_API_URL": ""})))
	if err != nil {
		t.Fatal(err)
	}
	if c.LogLevel != "info" || c.Workers != 16 || c.APIURL != "https://slack.com/api/" {
		t.Errorf("got %+v, want defaults for empty variables", c)
	}
}

func TestLoadConfig_Errors(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string // the whole message
	}{
		{"ErrBotTokenMissing", map[string]string{"SLACK_APP_TOKEN": appToken},
			"SLACK_BOT_TOKEN: required; it starts with xoxb- (OAuth & Permissions page, Bot User OAuth Token)"},
		{"ErrBothMissing", map[string]string{},
			"SLACK_APP_TOKEN: required; it starts with xapp- (Basic Information → App-Level Tokens, scope connections:write) | SLACK_BOT_TOKEN: required; it starts with xoxb- (OAuth & Permissions page, Bot User OAuth Token)"},
		{"ErrSwapped", map[string]string{"SLACK_APP_TOKEN": botToken, "SLACK_BOT_TOKEN": appToken},
			"SLACK_APP_TOKEN: holds the other Slack token (the two are swapped?); it starts with xapp- (Basic Information → App-Level Tokens, scope connections:write) | SLACK_BOT_TOKEN: holds the other Slack token (the two are swapped?); it starts with xoxb- (OAuth & Permissions page, Bot User OAuth Token)"},
		{"ErrUserToken", withTokens(map[string]string{"SLACK_BOT_TOKEN": "xoxp-1-secretuser"}),
			"SLACK_BOT_TOKEN: holds a user token (xoxp-), not the app's; it starts with xoxb- (OAuth & Permissions page, Bot User OAuth Token)"},
		{"ErrTokenNewline", withTokens(map[string]string{"SLACK_BOT_TOKEN": botToken + "\n"}),
			"SLACK_BOT_TOKEN: has spaces or a line break around it; it starts with xoxb- (OAuth & Permissions page, Bot User OAuth Token)"},
		{"ErrTokenGarbage", withTokens(map[string]string{"SLACK_APP_TOKEN": "secretgarbage"}),
			"SLACK_APP_TOKEN: is not a Slack token of the right kind; it starts with xapp- (Basic Information → App-Level Tokens, scope connections:write)"},
		{"ErrAPIURL", withTokens(map[string]string{"SLACK_API_URL": "slack.com/api"}),
			`SLACK_API_URL: "slack.com/api" is not an http(s) URL such as https://slack.com/api/`},
		{"ErrRedisURL", withTokens(map[string]string{"REDIS_URL": "mysql://root:hunter2@db/0"}),
			`REDIS_URL: scheme "mysql" is not supported; use one of: redis://[:password@]host:6379[/db], rediss://… (TLS), redis+sentinel://[:password@]host:26379[,host:26379…]/master-name[/db], redis+cluster://[:password@]host:6379[,host:6379…]`},
		{"ErrLogLevel", withTokens(map[string]string{"LOG_LEVEL": "verbose"}),
			`LOG_LEVEL: "verbose" is not one of debug, info, warn, error`},
		{"ErrLogFormat", withTokens(map[string]string{"LOG_FORMAT": "xml"}),
			`LOG_FORMAT: "xml" is not one of json, text`},
		{"ErrAdmin", withTokens(map[string]string{"ADMIN_USERS": "U012AB3CD,@alice"}),
			`ADMIN_USERS: "@alice" is not a Slack user ID such as U012AB3CD (profile → ⋮ → Copy member ID)`},
		{"ErrTZ", withTokens(map[string]string{"DEFAULT_TZ": "Europe/Pariss"}),
			`DEFAULT_TZ: "Europe/Pariss" is not an IANA time zone such as Europe/Paris or America/New_York`},
		{"ErrBalance", withTokens(map[string]string{"BALANCE_BALANCED_WITHIN": "2", "BALANCE_LOPSIDED_BEYOND": "1.5"}),
			`BALANCE_LOPSIDED_BEYOND: 1.5 must be more than BALANCE_BALANCED_WITHIN (2)`},
		{"ErrHTTPAddr", withTokens(map[string]string{"HTTP_ADDR": "8080"}),
			`HTTP_ADDR: "8080" is not host:port or :port (e.g. :8080); leave it empty to turn the server off`},
		{"ErrWorkersNotNumber", withTokens(map[string]string{"WORKERS": "many"}),
			`WORKERS: "many" is not a whole number`},
		{"ErrWorkersRange", withTokens(map[string]string{"WORKERS": "0"}),
			`WORKERS: 0 must be between 1 and 1024`},
		{"ErrLivingPlans", withTokens(map[string]string{"LIVING_PLANS": "maybe"}),
			`LIVING_PLANS: "maybe" is not true or false`},
		{"ErrDuration", withTokens(map[string]string{"SHUTDOWN_TIMEOUT": "20"}),
			`SHUTDOWN_TIMEOUT: "20" is not a duration such as 90s, 20m or 1h`},
		{"ErrReminderInterval", withTokens(map[string]string{"REMINDER_MIN_INTERVAL": "10s"}),
			`REMINDER_MIN_INTERVAL: 10s must be at least 1m (schedules have minute resolution)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := app.LoadConfig(env(tc.env))
			if err == nil {
				t.Fatal("got no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Error("the message spans several lines; main prints one")
			}
			for _, secret := range []string{"secret", "hunter2"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the message quotes a secret: %s", err)
				}
			}
		})
	}
}

func TestConfig_LogValueHidesSecrets(t *testing.T) {
	c, err := app.LoadConfig(env(withTokens(map[string]string{"REDIS_URL": "redis://:hunter2@redis:6379/0"})))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("config", "config", c)
	out := buf.String()
	for _, secret := range []string{appToken, botToken, "hunter2"} {
		if strings.Contains(out, secret) {
			t.Errorf("logged config holds a secret: %s", out)
		}
	}
	for _, want := range []string{`"SLACK_BOT_TOKEN":"(set)"`, `"REDIS_URL":"(set)"`, `"WORKERS":16`, `"DEFAULT_TZ":"UTC"`} {
		if !strings.Contains(out, want) {
			t.Errorf("logged config lacks %s: %s", want, out)
		}
	}
}

func TestWriteUsage(t *testing.T) {
	var buf bytes.Buffer
	if err := app.WriteUsage(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// Every variable LoadConfig reads is documented, with its default.
	typ := reflect.TypeFor[app.Config]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Tag.Get("ignored") == "true" {
			continue
		}
		key, def, desc := f.Tag.Get("envconfig"), f.Tag.Get("default"), f.Tag.Get("desc")
		if desc == "" {
			t.Errorf("%s has no desc tag", key)
		}
		line := lineWith(out, "  "+key+" ")
		if line == "" {
			t.Errorf("usage lacks %s:\n%s", key, out)
			continue
		}
		if def != "" && !strings.Contains(line, " "+def+" ") {
			t.Errorf("usage line for %s lacks its default %q: %q", key, def, line)
		}
		if !strings.Contains(line, desc) {
			t.Errorf("usage line for %s lacks its description: %q", key, line)
		}
	}
	if line := lineWith(out, "  SLACK_BOT_TOKEN "); !strings.Contains(line, "(required)") {
		t.Errorf("SLACK_BOT_TOKEN not marked required: %q", line)
	}
}

func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func TestHTTPAddr(t *testing.T) {
	if got := app.HTTPAddr(env(nil)); got != ":8080" {
		t.Errorf("unset: got %q, want the default :8080", got)
	}
	if got := app.HTTPAddr(env(map[string]string{"HTTP_ADDR": "127.0.0.1:9090"})); got != "127.0.0.1:9090" {
		t.Errorf("set: got %q", got)
	}
	if got := app.HTTPAddr(env(map[string]string{"HTTP_ADDR": ""})); got != "" {
		t.Errorf("set empty: got %q, want empty (server off)", got)
	}
}

func TestLoadConfig_RedisMinReplicasAck(t *testing.T) {
	for _, v := range []string{"auto", "0", "1", "2"} {
		if _, err := app.LoadConfig(env(withTokens(map[string]string{"REDIS_URL": "redis://localhost:6379/0", "REDIS_MIN_REPLICAS_ACK": v}))); err != nil {
			t.Errorf("REDIS_MIN_REPLICAS_ACK=%s: %v", v, err)
		}
	}
	for _, v := range []string{"-1", "one", "1.5"} {
		_, err := app.LoadConfig(env(withTokens(map[string]string{"REDIS_URL": "redis://localhost:6379/0", "REDIS_MIN_REPLICAS_ACK": v})))
		if err == nil || !strings.Contains(err.Error(), "REDIS_MIN_REPLICAS_ACK") {
			t.Errorf("REDIS_MIN_REPLICAS_ACK=%s: error %v, want one naming the variable", v, err)
		}
	}
}
