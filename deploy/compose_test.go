package deploy

import (
	"fmt"
	"strings"
	"testing"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestCompose(t *testing.T) {
	doc := yamlDocs(t, "docker-compose.yml")[0]
	redis := dig(doc, "services", "redis")
	bot := dig(doc, "services", "bot")
	if redis == nil || bot == nil {
		t.Fatal("compose needs services redis and bot")
	}
	if cmd := fmt.Sprint(dig(redis, "command")); !contains(cmd, "--appendonly yes --appendfsync everysec") {
		t.Errorf("redis command %s lacks AOF everysec", cmd)
	}
	if dig(redis, "volumes", 0) == nil {
		t.Error("redis has no volume")
	}
	if r := dig(bot, "deploy", "replicas"); r != 2 {
		t.Errorf("bot replicas: got %v, want 2", r)
	}
	if hc := fmt.Sprint(dig(bot, "healthcheck", "test")); hc != "[CMD /partnercoach healthcheck]" {
		t.Errorf("bot healthcheck %s; want the binary's own healthcheck (distroless has no curl)", hc)
	}
	if u := dig(bot, "environment", "REDIS_URL"); u != "redis://redis:6379/0" {
		t.Errorf("REDIS_URL: got %v, want the redis service", u)
	}

	vars := configVars()
	for k := range dig(bot, "environment").(map[string]any) {
		if !vars[k] {
			t.Errorf("compose sets %s, which is not a Partner Coach variable", k)
		}
	}
	example := envFile(t, ".env.example")
	for k := range example {
		if !vars[k] {
			t.Errorf(".env.example sets %s, which is not a Partner Coach variable", k)
		}
	}
	for _, k := range []string{"SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"} {
		if _, ok := example[k]; !ok {
			t.Errorf(".env.example lacks %s", k)
		}
	}
	if ef := fmt.Sprint(dig(bot, "env_file")); ef != "[.env]" {
		t.Errorf("bot env_file: got %s, want [.env] (tokens from deploy/.env)", ef)
	}
}
