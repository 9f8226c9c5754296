package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/bolt"
	redisstore "github.com/partnercoach/partnercoach/storage/redis"
)

// openStore opens Redis when REDIS_URL is set, else the embedded file.
func openStore(ctx context.Context, c Config, logger *slog.Logger) (coach.Store, error) {
	if c.RedisURL == "" {
		s, err := bolt.Open(c.DataPath)
		if err != nil {
			if errors.Is(err, bolt.ErrSchemaNewer) {
				logger.Error("store refused", "store", "embedded", "err", err)
			}
			return nil, fmt.Errorf("DATA_PATH: %w", err)
		}
		logger.Info("store open", "store", "embedded", "path", c.DataPath, "ledger_lines_migrated", s.Migrated())
		return s, nil
	}
	redisstore.SetLogger(logger)
	acks, err := redisstore.ParseReplicaAcks(c.RedisMinReplicasAck)
	if err != nil {
		return nil, fmt.Errorf("REDIS_MIN_REPLICAS_ACK: %w", err)
	}
	s, err := redisstore.Open(ctx, c.RedisURL, redisstore.Options{PoolSize: c.Workers * 2}, redisstore.WithReplicaAcks(acks))
	if err != nil {
		// The Redis store's errors never repeat the URL (it may hold a password).
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	logger.Info("store open", "store", "redis")
	// Schema upgrade (storage/redis/migrate.go): refuse a database written
	// by a newer release, move release-1 ledger lines to schema 2.
	rep, err := s.Migrate(ctx)
	if err != nil {
		_ = s.Close()
		logger.Error("store refused", "store", "redis", "err", err)
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	logger.Info("store schema", "store", "redis", "from", rep.From, "to", rep.To, "partners_migrated", rep.Partners, "another_replica_migrating", rep.Skipped)
	return s, nil
}
