package redis_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/redis"
)

// TestReservePost: two stores (two replicas) book one channel's slots one
// interval apart, in Redis's clock; other channels do not wait; a 429's
// push-back delays everyone's next post.
func TestReservePost(t *testing.T) {
	ctx := context.Background()
	url := redistestURL(t)
	a := flushed(t, url).(*redis.Store)
	defer a.Close()
	b, err := redis.Open(ctx, url, redis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	const interval = time.Second
	within := func(got, want time.Duration) bool { return got <= want && got > want-300*time.Millisecond }

	if d, err := a.ReservePost(ctx, "C0ONE", interval); err != nil || d != 0 {
		t.Fatalf("first post to a quiet channel waits %v (%v), want 0", d, err)
	}
	if d, err := b.ReservePost(ctx, "C0ONE", interval); err != nil || !within(d, interval) {
		t.Fatalf("the other replica's next post waits %v (%v), want about %v", d, err, interval)
	}
	if d, err := a.ReservePost(ctx, "C0ONE", interval); err != nil || !within(d, 2*interval) {
		t.Fatalf("the third post waits %v (%v), want about %v", d, err, 2*interval)
	}
	if d, err := b.ReservePost(ctx, "C0TWO", interval); err != nil || d != 0 {
		t.Fatalf("another channel waits %v (%v), want 0", d, err)
	}

	if err := b.PushBackPosts(ctx, "C0TWO", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if d, err := a.ReservePost(ctx, "C0TWO", interval); err != nil || !within(d, 5*time.Second) {
		t.Fatalf("after a 5 s push-back the next post waits %v (%v), want about 5s", d, err)
	}
	// A push-back shorter than what is booked changes nothing.
	if err := a.PushBackPosts(ctx, "C0ONE", time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if d, err := b.ReservePost(ctx, "C0ONE", interval); err != nil || !within(d, 3*interval) {
		t.Fatalf("after a short push-back the fourth post waits %v (%v), want about 3s", d, err)
	}

	// The keys expire once their slots have passed.
	ttl, err := a.Client().PTTL(ctx, "pc:pace:{C0ONE}").Result()
	if err != nil || ttl <= 0 || ttl > 5*time.Second {
		t.Fatalf("pace key TTL %v (%v), want it to expire a second after its last slot", ttl, err)
	}

	var ce *coach.Error
	if _, err := a.ReservePost(ctx, "C0{X}", interval); !errors.As(err, &ce) || ce.Code != coach.EINVALID {
		t.Fatalf("a channel ID with braces: %v, want EINVALID", err)
	}
}
