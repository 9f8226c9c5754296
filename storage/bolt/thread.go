package bolt

import (
	"context"
	"encoding/json"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

var bThreads = []byte("threads")

func threadID(channel, partnerID, month string) (string, error) {
	for _, p := range [][2]string{{"channel", channel}, {"partner", partnerID}, {"month", month}} {
		if err := checkID(p[0], p[1]); err != nil {
			return "", err
		}
	}
	return channel + "|" + partnerID + "|" + month, nil
}

// Thread returns a partner's thread of a month in a channel.
func (s *Store) Thread(ctx context.Context, teamID, channel, partnerID, month string) (coach.Thread, error) {
	id, err := threadID(channel, partnerID, month)
	if err != nil {
		return coach.Thread{}, err
	}
	var t coach.Thread
	err = s.view(ctx, "read thread", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bThreads)
		if b == nil || b.Get([]byte(id)) == nil {
			return coach.NewError(coach.ENOTFOUND, "thread.not_found")
		}
		return json.Unmarshal(b.Get([]byte(id)), &t)
	})
	return t, err
}

// SaveThread stores a thread in one transaction: with create, only if none
// is stored, returning the stored one either way.
func (s *Store) SaveThread(ctx context.Context, t coach.Thread, create bool) (coach.Thread, error) {
	id, err := threadID(t.Channel, t.PartnerID, t.Month)
	if err != nil {
		return coach.Thread{}, err
	}
	out := t
	err = s.update(ctx, "save thread", t.TeamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bThreads)
		if err != nil {
			return err
		}
		if old := b.Get([]byte(id)); create && old != nil {
			return json.Unmarshal(old, &out)
		}
		return put(b, id, t)
	})
	return out, err
}
