package ops_test

import (
	"context"

	"github.com/partnercoach/partnercoach/coach"
)

func (f *fakeStore) AddChecklistPost(context.Context, string, string, string, coach.ChecklistPost) error {
	return f.hit("AddChecklistPost")
}
func (f *fakeStore) ChecklistPosts(context.Context, string, string, string) ([]coach.ChecklistPost, error) {
	return nil, f.hit("ChecklistPosts")
}
