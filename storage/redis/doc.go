// Package redis is Partner Coach's store on Redis (go-redis v9): the store for
// more than one replica of the bot, which then share state.
//
// # URLs
//
// Open takes one URL, in one of these forms:
//
//	redis://[[user]:password@]host[:6379][/db][?option=value…]          one server
//	rediss://…                                                          the same over TLS
//	redis+sentinel://[[user]:password@]host[:26379][,host[:26379]…]/master[/db][?…]
//	rediss+sentinel://…                                                 Sentinel, TLS to every node
//	redis+cluster://[[user]:password@]host[:6379][,host[:6379]…][?…]     Redis Cluster
//	rediss+cluster://…                                                  Cluster over TLS
//
// The user and password are those of the Redis servers that hold the data;
// Sentinels that require their own are given sentinel_username and
// sentinel_password query options. Other query options are go-redis's own
// (dial_timeout, read_timeout, pool_size, protocol, client_name,
// max_retries…; see redis.ParseURL), and win over Open's Options. A Cluster has
// only database 0. Error messages never repeat a password.
//
// # Keys
//
// Every key of a team starts with pc:{<team ID>}: — the braces are a Cluster
// hash tag, so all of a team's keys live in one slot and a team's multi-key
// operations (MULTI/EXEC, Lua scripts) work on a Cluster. keys.go lists the
// schema. Team, partner and template IDs may not contain '{', '}', ':' or
// '@' (EINVALID), so one ID can never be read as a key of another.
//
// # Errors
//
// A missing record (redis.Nil) is coach ENOTFOUND, a lost optimistic race
// ECONFLICT, and anything that says Redis cannot answer right now — refused,
// timed out, loading, failing over, out of memory — coach EUNAVAILABLE.
// Timeouts are short (see Options), so an unreachable Redis gives
// EUNAVAILABLE in about two seconds rather than a hang.
//
// # Replicas
//
// When the primary has a replica, a write reported as done has first been
// acknowledged by one (WAIT), so a failover keeps it; WithReplicaAcks
// chooses how many, and ack.go says exactly what is and is not kept.
package redis
