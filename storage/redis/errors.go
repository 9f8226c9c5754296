package redis

import (
	"errors"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// wrap maps a driver error to the domain's. Errors that mean "Redis cannot
// serve this right now" — no connection, a timeout, a server loading its
// data, a cluster or Sentinel mid-failover, a full memory — become
// EUNAVAILABLE, which the user may retry. Any other reply error is a bug on
// our side (a wrong type, a script error) and stays an internal error.
// redis.Nil never reaches here: callers turn it into ENOTFOUND themselves,
// since only they know what was missing.
func wrap(op string, err error) error {
	var ce *coach.Error
	var re goredis.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	case errors.As(err, &re) && !transient(err):
		return fmt.Errorf("%s: %w", op, err)
	}
	return coach.Unavailable(op, err)
}

// transient reports reply errors that say Redis cannot serve yet.
func transient(err error) bool {
	return goredis.IsLoadingError(err) || goredis.IsClusterDownError(err) || goredis.IsTryAgainError(err) ||
		goredis.IsMasterDownError(err) || goredis.IsReadOnlyError(err) || goredis.IsMaxClientsError(err) ||
		goredis.IsNoReplicasError(err) || goredis.IsOOMError(err) || goredis.HasErrorPrefix(err, "BUSY")
}
