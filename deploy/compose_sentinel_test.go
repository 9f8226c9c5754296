package deploy

import (
	"fmt"
	"strings"
	"testing"

	redisstore "github.com/partnercoach/partnercoach/storage/redis"
)

// TestCompose_Sentinel checks the "sentinel" profile: one primary, one
// replica of it, three Sentinels watching it with a quorum of two, and a
// bot whose REDIS_URL names the three Sentinels and the watched master.
func TestCompose_Sentinel(t *testing.T) {
	doc := yamlDocs(t, "docker-compose.yml")[0]
	services := dig(doc, "services").(map[string]any)
	inProfile := func(name string) bool { return fmt.Sprint(dig(services, name, "profiles")) == "[sentinel]" }
	for _, name := range []string{"redis-primary", "redis-replica", "sentinel-1", "sentinel-2", "sentinel-3", "bot-sentinel"} {
		if services[name] == nil {
			t.Fatalf("no service %s", name)
		}
		if !inProfile(name) {
			t.Errorf("%s is not in the sentinel profile (so a plain up would start it)", name)
		}
	}
	for _, name := range []string{"redis", "bot"} {
		if dig(services, name, "profiles") != nil {
			t.Errorf("%s has a profile: a plain up must still start the single-Redis setup", name)
		}
	}
	if cmd := fmt.Sprint(dig(services, "redis-replica", "command")); !contains(cmd, "--replicaof redis-primary 6379") {
		t.Errorf("redis-replica command %s does not replicate redis-primary", cmd)
	}
	for _, name := range []string{"redis-primary", "redis-replica"} {
		if cmd := fmt.Sprint(dig(services, name, "command")); !contains(cmd, "--appendonly yes") {
			t.Errorf("%s has no AOF: a restarted node would come back empty", name)
		}
	}
	var sentinels []string
	for _, name := range []string{"sentinel-1", "sentinel-2", "sentinel-3"} {
		cmd := fmt.Sprint(dig(services, name, "command"))
		if !contains(cmd, "sentinel monitor mymaster redis-primary 6379 2") || !contains(cmd, "--sentinel") {
			t.Errorf("%s does not watch redis-primary as mymaster with quorum 2: %s", name, cmd)
		}
		if h := dig(services, name, "hostname"); h != name {
			t.Errorf("%s hostname %v: each Sentinel must announce its own name", name, h)
		}
		sentinels = append(sentinels, name+":26379")
	}
	url, _ := dig(services, "bot-sentinel", "environment", "REDIS_URL").(string)
	if want := "redis+sentinel://" + strings.Join(sentinels, ",") + "/mymaster/0"; url != want {
		t.Errorf("bot-sentinel REDIS_URL %q, want %q", url, want)
	}
	cfg, err := redisstore.ParseURL(url)
	if err != nil || cfg.Sentinel == nil || len(cfg.Sentinel.SentinelAddrs) != 3 || cfg.Sentinel.MasterName != "mymaster" {
		t.Errorf("bot-sentinel REDIS_URL does not parse as three Sentinels watching mymaster: %v", err)
	}
	if _, err := redisstore.ParseReplicaAcks(fmt.Sprint(dig(services, "bot-sentinel", "environment", "REDIS_MIN_REPLICAS_ACK"))); err != nil {
		t.Errorf("bot-sentinel REDIS_MIN_REPLICAS_ACK: %v", err)
	}
	vars := configVars()
	for k := range dig(services, "bot-sentinel", "environment").(map[string]any) {
		if !vars[k] {
			t.Errorf("bot-sentinel sets %s, which is not a Partner Coach variable", k)
		}
	}
	for _, k := range []string{"healthcheck", "read_only", "stop_grace_period", "env_file"} {
		if fmt.Sprint(dig(services, "bot-sentinel", k)) != fmt.Sprint(dig(services, "bot", k)) {
			t.Errorf("bot-sentinel %s differs from bot's", k)
		}
	}
}
