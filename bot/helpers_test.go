package bot_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/redis"
)

// freshStore opens the Redis at url, empties its database and loads the
// built-in checklist templates.
func freshStore(t testing.TB, url string) (*redis.Store, *coach.Templates) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	store, err := redis.Open(ctx, url, redis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Client().FlushDB(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	return store, tpl
}

func homeBlocks(t *testing.T, view json.RawMessage) json.RawMessage {
	t.Helper()
	var v struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		t.Fatal(err)
	}
	return v.Blocks
}
