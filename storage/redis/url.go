package redis

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	goredis "github.com/redis/go-redis/v9"
)

// Config is a parsed Redis URL: exactly one of its fields is set.
type Config struct {
	Single   *goredis.Options
	Sentinel *goredis.FailoverOptions
	Cluster  *goredis.ClusterOptions
}

const urlForms = "redis://[:password@]host:6379[/db], rediss://… (TLS), " +
	"redis+sentinel://[:password@]host:26379[,host:26379…]/master-name[/db], " +
	"redis+cluster://[:password@]host:6379[,host:6379…]"

// ParseURL reads one of the URL forms in the package comment. Its errors
// name the expected forms and never repeat the URL, which may hold a password.
func ParseURL(raw string) (*Config, error) {
	u, hostList, err := parseWithHostList(raw)
	if err != nil || u.Scheme == "" || u.Opaque != "" {
		// url.Parse's own message quotes the whole URL, password included.
		return nil, fmt.Errorf("parse redis URL: not a URL; use one of: %s", urlForms)
	}
	password, _ := u.User.Password()
	base, kind, _ := strings.Cut(u.Scheme, "+")
	if base != "redis" && base != "rediss" {
		return nil, fmt.Errorf("parse redis URL: scheme %q is not supported; use one of: %s", u.Scheme, urlForms)
	}
	defaultPort := "6379"
	if kind == "sentinel" {
		defaultPort = "26379"
	}
	hosts, err := splitHosts(hostList, defaultPort)
	if err != nil {
		return nil, err
	}
	cfg := &Config{}
	switch kind {
	case "":
		if len(hosts) > 1 {
			return nil, fmt.Errorf("parse redis URL: %s:// takes one host; for several use redis+sentinel:// or redis+cluster://", u.Scheme)
		}
		cfg.Single, err = goredis.ParseURL(raw)
	case "sentinel":
		cfg.Sentinel, err = parseSentinel(u, base, hosts)
	case "cluster":
		cfg.Cluster, err = parseCluster(u, base, hosts)
	default:
		return nil, fmt.Errorf("parse redis URL: scheme %q is not supported; use one of: %s", u.Scheme, urlForms)
	}
	if err != nil {
		return nil, redact(err, password, u.Query().Get("sentinel_password"))
	}
	return cfg, nil
}

// parseWithHostList parses raw with its host list swapped for one
// placeholder host, and returns that list as written. url.Parse reads a host
// list as one host with a port, so "n1:7000,n2" (the last host on the
// default port) would be refused for its port "7000,n2".
func parseWithHostList(raw string) (*url.URL, string, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return nil, "", errors.New("no scheme")
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority := rest[:end]
	userinfo, hostList := "", authority
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		userinfo, hostList = authority[:at+1], authority[at+1:]
	}
	u, err := url.Parse(scheme + "://" + userinfo + "placeholder" + rest[end:])
	if err != nil {
		return nil, "", err
	}
	return u, hostList, nil
}

// splitHosts splits "h1:p1,h2,…" and adds the default port where missing.
func splitHosts(hostList, defaultPort string) ([]string, error) {
	var out []string
	for h := range strings.SplitSeq(hostList, ",") {
		if h == "" {
			return nil, fmt.Errorf("parse redis URL: empty host; use one of: %s", urlForms)
		}
		host, port, err := net.SplitHostPort(h)
		if err != nil { // no port
			host, port = strings.Trim(h, "[]"), defaultPort
		}
		if host == "" {
			return nil, fmt.Errorf("parse redis URL: empty host; use one of: %s", urlForms)
		}
		out = append(out, net.JoinHostPort(host, port))
	}
	return out, nil
}

// parseSentinel maps our form onto go-redis's failover URL, where the user
// info is the Sentinel's and the data nodes' credentials are query options.
func parseSentinel(u *url.URL, scheme string, sentinels []string) (*goredis.FailoverOptions, error) {
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) == 0 || len(segs) > 2 {
		return nil, fmt.Errorf("the path must be the master name and an optional database, e.g. redis+sentinel://host:26379/mymaster/0")
	}
	q := u.Query()
	if q.Has("master_name") || q.Has("addr") {
		return nil, errors.New("give the master name as the path and every Sentinel in the host list, not as master_name or addr options")
	}
	q.Set("master_name", segs[0])
	if len(segs) == 2 {
		if q.Has("db") {
			return nil, errors.New("give the database once, in the path or as db=, not both")
		}
		q.Set("db", segs[1])
	}
	if u.User != nil {
		q.Set("username", u.User.Username())
		if p, ok := u.User.Password(); ok {
			q.Set("password", p)
		}
	}
	var sentinelUser *url.Userinfo
	if user, pass := q.Get("sentinel_username"), q.Get("sentinel_password"); user != "" || pass != "" {
		sentinelUser = url.UserPassword(user, pass)
	}
	q.Del("sentinel_username")
	q.Del("sentinel_password")
	for _, h := range sentinels[1:] {
		q.Add("addr", h)
	}
	g := &url.URL{Scheme: scheme, User: sentinelUser, Host: sentinels[0], RawQuery: q.Encode()}
	return goredis.ParseFailoverURL(g.String())
}

// parseCluster maps our form onto go-redis's cluster URL (first node as the
// host, the others as addr options).
func parseCluster(u *url.URL, scheme string, nodes []string) (*goredis.ClusterOptions, error) {
	if p := strings.Trim(u.Path, "/"); p != "" && p != "0" {
		return nil, errors.New("a Redis Cluster has only database 0; drop the path")
	}
	q := u.Query()
	for _, h := range nodes[1:] {
		q.Add("addr", h)
	}
	g := &url.URL{Scheme: scheme, User: u.User, Host: nodes[0], RawQuery: q.Encode()}
	return goredis.ParseClusterURL(g.String())
}

// redact returns err's message without the secrets, and without wrapping
// err, whose own text could still hold them.
func redact(err error, secrets ...string) error {
	msg := err.Error()
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "xxxxx")
		}
	}
	return fmt.Errorf("parse redis URL: %s; use one of: %s", strings.TrimPrefix(msg, "redis: "), urlForms)
}
