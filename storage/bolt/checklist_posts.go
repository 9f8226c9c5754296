package bolt

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

var bChecklistPosts = []byte("checklist-posts")

// AddChecklistPost records a posted copy of a checklist, keeping the most
// recent coach.MaxChecklistPosts, in one transaction.
func (s *Store) AddChecklistPost(ctx context.Context, teamID, partnerID, templateID string, post coach.ChecklistPost) error {
	if err := checkID("channel", post.Channel); err != nil {
		return err
	}
	if err := checkID("ts", post.TS); err != nil {
		return err
	}
	return s.update(ctx, "add checklist post", teamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bChecklistPosts, []byte(partnerID), []byte(templateID))
		if err != nil {
			return err
		}
		if err := put(b, post.Channel+"/"+post.TS, post); err != nil {
			return err
		}
		all, err := readPosts(b)
		if err != nil {
			return err
		}
		for _, old := range all[min(len(all), coach.MaxChecklistPosts):] {
			if err := b.Delete([]byte(old.Channel + "/" + old.TS)); err != nil {
				return err
			}
		}
		return nil
	})
}

// ChecklistPosts returns a checklist's posted copies, most recent first.
func (s *Store) ChecklistPosts(ctx context.Context, teamID, partnerID, templateID string) ([]coach.ChecklistPost, error) {
	var out []coach.ChecklistPost
	err := s.view(ctx, "checklist posts", teamID, func(tb *bbolt.Bucket) error {
		var err error
		out, err = readPosts(sub(tb, bChecklistPosts, []byte(partnerID), []byte(templateID)))
		return err
	})
	return out, err
}

func readPosts(b *bbolt.Bucket) ([]coach.ChecklistPost, error) {
	var out []coach.ChecklistPost
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(_, v []byte) error {
		var p coach.ChecklistPost
		if err := json.Unmarshal(v, &p); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	slices.SortStableFunc(out, func(a, b coach.ChecklistPost) int { return b.At.Compare(a.At) })
	return out, err
}
