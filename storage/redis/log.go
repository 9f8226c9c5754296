package redis

import (
	"context"
	"fmt"
	"log/slog"

	goredis "github.com/redis/go-redis/v9"
)

// SetLogger sends go-redis's own messages (a failed dial in the pool, a
// Sentinel switching masters) to l at debug level instead of stderr. They
// repeat for every attempt while Redis is down, and each failure that
// matters already reaches the logs with its context as a store error.
// go-redis has one logger per process, hence a package function.
func SetLogger(l *slog.Logger) { goredis.SetLogger(slogPrintf{l}) }

type slogPrintf struct{ l *slog.Logger }

func (p slogPrintf) Printf(ctx context.Context, format string, v ...any) {
	p.l.DebugContext(ctx, fmt.Sprintf(format, v...), slog.String("component", "go-redis"))
}
