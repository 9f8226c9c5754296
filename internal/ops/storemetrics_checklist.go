package ops

import (
	"context"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func (i *instrumentedStore) AddChecklistPost(ctx context.Context, teamID, partnerID, templateID string, post coach.ChecklistPost) (err error) {
	defer observe(i.m, "AddChecklistPost", time.Now(), &err)
	return i.s.AddChecklistPost(ctx, teamID, partnerID, templateID, post)
}

func (i *instrumentedStore) ChecklistPosts(ctx context.Context, teamID, partnerID, templateID string) (_ []coach.ChecklistPost, err error) {
	defer observe(i.m, "ChecklistPosts", time.Now(), &err)
	return i.s.ChecklistPosts(ctx, teamID, partnerID, templateID)
}
