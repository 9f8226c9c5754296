package app

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	redisstore "github.com/partnercoach/partnercoach/storage/redis"
)

// Where each token is found, so the error says how to fix it.
const (
	appTokenHelp = "it starts with xapp- (Basic Information → App-Level Tokens, scope connections:write)"
	botTokenHelp = "it starts with xoxb- (OAuth & Permissions page, Bot User OAuth Token)"
)

var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

// validate checks values and normalises SLACK_API_URL. Messages never quote
// a secret (tokens, REDIS_URL).
func (c *Config) validate(errs *ConfigError) {
	checkToken(errs, "SLACK_APP_TOKEN", c.AppToken, "xapp-", appTokenHelp)
	checkToken(errs, "SLACK_BOT_TOKEN", c.BotToken, "xoxb-", botTokenHelp)

	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs.add("SLACK_API_URL", fmt.Sprintf("%q is not an http(s) URL such as https://slack.com/api/", c.APIURL))
	} else if !strings.HasSuffix(c.APIURL, "/") {
		// slack-go appends method names to the base URL as is.
		c.APIURL += "/"
	}

	if c.RedisURL != "" {
		if _, err := redisstore.ParseURL(c.RedisURL); err != nil {
			// ParseURL's messages never repeat the URL, which may hold a password.
			errs.add("REDIS_URL", strings.TrimPrefix(err.Error(), "parse redis URL: "))
		}
		if _, err := redisstore.ParseReplicaAcks(c.RedisMinReplicasAck); err != nil {
			errs.add("REDIS_MIN_REPLICAS_ACK", err.Error())
		}
	} else if c.DataPath == "" {
		errs.add("DATA_PATH", "required when REDIS_URL is empty")
	}

	oneOf(errs, "LOG_LEVEL", c.LogLevel, "debug", "info", "warn", "error")
	oneOf(errs, "LOG_FORMAT", c.LogFormat, "json", "text")

	for _, u := range c.AdminUsers {
		if !slackUserID.MatchString(u) {
			errs.add("ADMIN_USERS", fmt.Sprintf("%q is not a Slack user ID such as U012AB3CD (profile → ⋮ → Copy member ID)", u))
		}
	}
	if _, err := time.LoadLocation(c.DefaultTZ); err != nil {
		errs.add("DEFAULT_TZ", fmt.Sprintf("%q is not an IANA time zone such as Europe/Paris or America/New_York", c.DefaultTZ))
	}

	switch {
	case c.BalancedWithin < 1:
		errs.add("BALANCE_BALANCED_WITHIN", fmt.Sprintf("%g must be at least 1", c.BalancedWithin))
	case c.LopsidedBeyond <= c.BalancedWithin:
		errs.add("BALANCE_LOPSIDED_BEYOND", fmt.Sprintf("%g must be more than BALANCE_BALANCED_WITHIN (%g)", c.LopsidedBeyond, c.BalancedWithin))
	}

	if c.HTTPAddr != "" {
		if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
			errs.add("HTTP_ADDR", fmt.Sprintf("%q is not host:port or :port (e.g. :8080); leave it empty to turn the server off", c.HTTPAddr))
		}
	}
	if c.Workers < 1 || c.Workers > 1024 {
		errs.add("WORKERS", fmt.Sprintf("%d must be between 1 and 1024", c.Workers))
	}
	if c.ReminderMinInterval < time.Minute {
		errs.add("REMINDER_MIN_INTERVAL", fmt.Sprintf("%v must be at least 1m (schedules have minute resolution)", c.ReminderMinInterval))
	}
	if c.SocketPingTimeout < time.Second {
		errs.add("SOCKET_PING_TIMEOUT", fmt.Sprintf("%v must be at least 1s", c.SocketPingTimeout))
	}
	if c.ShutdownTimeout <= 0 {
		errs.add("SHUTDOWN_TIMEOUT", fmt.Sprintf("%v must be positive", c.ShutdownTimeout))
	}
}

// checkToken validates a token by its prefix only, and never quotes it.
func checkToken(errs *ConfigError, key, tok, prefix, help string) {
	switch {
	case tok == "":
		errs.add(key, "required; "+help)
	case strings.TrimSpace(tok) != tok:
		errs.add(key, "has spaces or a line break around it; "+help)
	case strings.HasPrefix(tok, prefix):
	case strings.HasPrefix(tok, "xapp-"), strings.HasPrefix(tok, "xoxb-"):
		errs.add(key, "holds the other Slack token (the two are swapped?); "+help)
	case strings.HasPrefix(tok, "xoxp-"):
		errs.add(key, "holds a user token (xoxp-), not the app's; "+help)
	default:
		errs.add(key, "is not a Slack token of the right kind; "+help)
	}
}

func oneOf(errs *ConfigError, key, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	errs.add(key, fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", ")))
}

// Thresholds turns the two multiples into the coach's ratio thresholds:
// "balanced within 1.5×" is a smaller/larger ratio of at least 1/1.5.
func (c Config) Thresholds() coach.BalanceThresholds {
	return coach.BalanceThresholds{Balanced: 1 / c.BalancedWithin, Lopsided: 1 / c.LopsidedBeyond}
}
