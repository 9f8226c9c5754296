package redis

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// pc:{T}:clposts:<partner>:<template>  list  posted copies (JSON), most recent first

func (k keys) checklistPosts(p, tpl string) string { return k.prefix + "clposts:" + p + ":" + tpl }

// addPostScript drops an earlier record of the same copy, pushes the new
// one in front and keeps the most recent ARGV[4]: one atomic step.
var addPostScript = goredis.NewScript(`
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, v in ipairs(items) do
  local ok, p = pcall(cjson.decode, v)
  if ok and type(p) == 'table' and p['channel'] == ARGV[2] and p['ts'] == ARGV[3] then
    redis.call('LREM', KEYS[1], 0, v)
  end
end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[4]) - 1)
return 1
`)

// AddChecklistPost records a posted copy of a checklist.
func (s *Store) AddChecklistPost(ctx context.Context, teamID, partnerID, templateID string, post coach.ChecklistPost) error {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return err
	}
	if err := validKeyPart("template", templateID); err != nil {
		return err
	}
	if err := validField("channel", post.Channel); err != nil {
		return err
	}
	if err := validField("ts", post.TS); err != nil {
		return err
	}
	data, err := json.Marshal(post)
	if err != nil {
		return fmt.Errorf("add checklist post: %w", err)
	}
	err = addPostScript.Run(ctx, s.rdb, []string{k.checklistPosts(partnerID, templateID)}, data, post.Channel, post.TS, coach.MaxChecklistPosts).Err()
	if err != nil {
		return wrap("add checklist post", err)
	}
	return s.ack(ctx, "add checklist post", k.checklistPosts(partnerID, templateID))
}

// ChecklistPosts returns a checklist's posted copies, most recent first.
func (s *Store) ChecklistPosts(ctx context.Context, teamID, partnerID, templateID string) ([]coach.ChecklistPost, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	if err := validKeyPart("template", templateID); err != nil {
		return nil, err
	}
	raw, err := s.rdb.LRange(ctx, k.checklistPosts(partnerID, templateID), 0, -1).Result()
	if err != nil {
		return nil, wrap("checklist posts", err)
	}
	out := make([]coach.ChecklistPost, 0, len(raw))
	for _, v := range raw {
		var p coach.ChecklistPost
		if err := json.Unmarshal([]byte(v), &p); err != nil {
			return nil, fmt.Errorf("checklist post: %w", err)
		}
		out = append(out, p)
	}
	return out, nil
}
