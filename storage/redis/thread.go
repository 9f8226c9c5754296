package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// threadTTL keeps a month's thread a little past the month: nothing posts
// in it afterwards.
const threadTTL = 70 * 24 * time.Hour

func threadKey(teamID, channel, partnerID, month string) (string, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return "", err
	}
	for _, p := range [][2]string{{"channel", channel}, {"partner", partnerID}, {"month", month}} {
		if err := validKeyPart(p[0], p[1]); err != nil {
			return "", err
		}
	}
	return k.prefix + "thread:" + channel + ":" + partnerID + ":" + month, nil
}

// Thread returns a partner's thread of a month in a channel (one GET).
func (s *Store) Thread(ctx context.Context, teamID, channel, partnerID, month string) (coach.Thread, error) {
	key, err := threadKey(teamID, channel, partnerID, month)
	if err != nil {
		return coach.Thread{}, err
	}
	data, err := s.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, goredis.Nil) {
		return coach.Thread{}, coach.NewError(coach.ENOTFOUND, "thread.not_found")
	}
	if err != nil {
		return coach.Thread{}, wrap("read thread", err)
	}
	var t coach.Thread
	if err := json.Unmarshal(data, &t); err != nil {
		return coach.Thread{}, fmt.Errorf("read thread: %w", err)
	}
	return t, nil
}

// SaveThread stores a thread: with create, only if none is stored (SET NX,
// then GET of the one that won); otherwise it replaces it (SET).
func (s *Store) SaveThread(ctx context.Context, t coach.Thread, create bool) (coach.Thread, error) {
	key, err := threadKey(t.TeamID, t.Channel, t.PartnerID, t.Month)
	if err != nil {
		return coach.Thread{}, err
	}
	data, err := json.Marshal(t)
	if err != nil {
		return coach.Thread{}, fmt.Errorf("save thread: %w", err)
	}
	if !create {
		return t, wrap("save thread", s.rdb.Set(ctx, key, data, threadTTL).Err())
	}
	ok, err := s.rdb.SetNX(ctx, key, data, threadTTL).Result()
	if err != nil {
		return coach.Thread{}, wrap("open thread", err)
	}
	if ok {
		return t, nil
	}
	return s.Thread(ctx, t.TeamID, t.Channel, t.PartnerID, t.Month)
}
