package app

import (
	"log/slog"
	"reflect"
	"time"

	"github.com/partnercoach/partnercoach/remind"
)

// Config is everything Partner Coach reads from its environment. The struct
// tags are the one source of truth: LoadConfig reads them, and
// `partnercoach --help` prints them (envconfig's tag conventions: envconfig
// names the variable, default and desc document it, secret hides the value).
type Config struct {
	AppToken string `envconfig:"SLACK_APP_TOKEN" required:"true" secret:"true" desc:"App-level token (xapp-…) with connections:write, for Socket Mode: Basic Information → App-Level Tokens"`
	BotToken string `envconfig:"SLACK_BOT_TOKEN" required:"true" secret:"true" desc:"Bot User OAuth Token (xoxb-…): OAuth & Permissions, after installing the app"`
	APIURL   string `envconfig:"SLACK_API_URL" default:"https://slack.com/api/" desc:"Slack Web API base URL; a trailing / is added if missing (tests point it at a simulator)"`

	RedisURL            string `envconfig:"REDIS_URL" secret:"true" desc:"Redis for shared state across replicas: redis://, rediss://, redis+sentinel://host:26379/master, redis+cluster://h1,h2; empty uses the embedded store at DATA_PATH"`
	RedisMinReplicasAck string `envconfig:"REDIS_MIN_REPLICAS_ACK" default:"auto" desc:"Replicas that must hold a write before the user is told it is done (Redis WAIT, 500 ms): auto waits for one when the primary has any, 0 never waits, N fails the write (try again) with fewer than N"`
	DataPath            string `envconfig:"DATA_PATH" default:"partnercoach.db" desc:"Embedded store file, used when REDIS_URL is empty; one process at a time"`

	LogLevel  string `envconfig:"LOG_LEVEL" default:"info" desc:"debug, info, warn or error"`
	LogFormat string `envconfig:"LOG_FORMAT" default:"json" desc:"json or text"`

	AdminUsers         []string `envconfig:"ADMIN_USERS" desc:"Comma-separated Slack user IDs (U…) who may archive and change any partner"`
	DefaultTZ          string   `envconfig:"DEFAULT_TZ" default:"UTC" desc:"IANA time zone for dates typed in commands and for reminder schedules without CRON_TZ=, e.g. Europe/Paris"`
	ChecklistTemplates string   `envconfig:"CHECKLIST_TEMPLATES" desc:"JSON file adding to or overriding the built-in checklist templates"`

	BalancedWithin float64 `envconfig:"BALANCE_BALANCED_WITHIN" default:"1.5" desc:"Give-and-take is balanced while the larger side is at most this many times the smaller"`
	LopsidedBeyond float64 `envconfig:"BALANCE_LOPSIDED_BEYOND" default:"3" desc:"Give-and-take is lopsided once the larger side is more than this many times the smaller"`

	HTTPAddr            string        `envconfig:"HTTP_ADDR" default:":8080" allowempty:"true" desc:"Listen address for /healthz, /readyz and /metrics; empty turns the server off"`
	Workers             int           `envconfig:"WORKERS" default:"16" desc:"Envelopes handled at once; more wait in a queue"`
	ReminderMinInterval time.Duration `envconfig:"REMINDER_MIN_INTERVAL" default:"1h" desc:"Shortest interval allowed between two firings of a reminder"`
	ShutdownTimeout     time.Duration `envconfig:"SHUTDOWN_TIMEOUT" default:"20s" desc:"On SIGTERM, how long in-flight work may take before the process exits anyway"`
	SocketPingTimeout   time.Duration `envconfig:"SOCKET_PING_TIMEOUT" default:"30s" desc:"Reconnect Socket Mode when Slack has not pinged for this long (a silent link is noticed within one to two of these)"`
	LivingPlans         bool          `envconfig:"LIVING_PLANS" default:"true" desc:"Keep a canvas with each partner's plan in its internal channel (a message where Slack refuses canvases); needs the canvases:write scope"`

	// Version is not read from the environment: main sets the stamped build
	// version, which the metrics and the startup log report.
	Version string `ignored:"true"`
	// ReminderClock is not read from the environment either: nil (real
	// time) in production; the offline sandbox passes a fast clock. It is
	// the coach service's clock too, so there is one time in the bot.
	ReminderClock *remind.Clock `ignored:"true"`
	// TokenCheckInterval is how often a running app checks its tokens with
	// Slack; 0 means DefaultTokenCheckInterval. Tests shorten it.
	TokenCheckInterval time.Duration `ignored:"true"`
}

// LogValue keeps secrets out of logs even when a whole Config is logged: a
// field tagged secret (the tokens, and the Redis URL, which may hold a
// password) only says whether it is set.
func (c Config) LogValue() slog.Value {
	v := reflect.ValueOf(c)
	attrs := make([]slog.Attr, 0, v.NumField())
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Tag.Get("ignored") == "true" {
			continue
		}
		val := v.Field(i).Interface()
		if f.Tag.Get("secret") == "true" {
			val = "(empty)"
			if !v.Field(i).IsZero() {
				val = "(set)"
			}
		}
		attrs = append(attrs, slog.Any(f.Tag.Get("envconfig"), val))
	}
	return slog.GroupValue(attrs...)
}
