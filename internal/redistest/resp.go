package redistest

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The helper speaks just enough RESP to ping, select and flush. It does not
// use go-redis so that it starts no background goroutines (tests check for
// leaked goroutines) and cannot mask a bug in how the store uses the driver.

// endpoint is where and how to connect.
type endpoint struct {
	addr           string
	user, password string
	db             int
	tls            bool
}

// parseURL reads a redis:// or rediss:// URL. Errors never repeat the URL,
// which may hold a password.
func parseURL(raw string) (endpoint, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
		return endpoint{}, fmt.Errorf("redistest: %s must look like redis://[:password@]host:port/db", EnvURL)
	}
	ep := endpoint{addr: u.Host, tls: u.Scheme == "rediss"}
	if u.Port() == "" {
		ep.addr = net.JoinHostPort(u.Hostname(), "6379")
	}
	if u.User != nil {
		ep.user = u.User.Username()
		ep.password, _ = u.User.Password()
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		if ep.db, err = strconv.Atoi(p); err != nil {
			return endpoint{}, fmt.Errorf("redistest: %s: the path must be a database number", EnvURL)
		}
	}
	return ep, nil
}

// do runs one command on a fresh connection (after AUTH and SELECT when the
// endpoint needs them) and returns its reply as text.
func do(ep endpoint, args ...string) (string, error) {
	d := &net.Dialer{Timeout: time.Second}
	var c net.Conn
	var err error
	if ep.tls {
		host, _, _ := net.SplitHostPort(ep.addr)
		c, err = tls.DialWithDialer(d, "tcp", ep.addr, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
	} else {
		c, err = d.Dial("tcp", ep.addr)
	}
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	var cmds [][]string
	if ep.password != "" {
		auth := []string{"AUTH", ep.password}
		if ep.user != "" {
			auth = []string{"AUTH", ep.user, ep.password}
		}
		cmds = append(cmds, auth)
	}
	if ep.db != 0 {
		cmds = append(cmds, []string{"SELECT", strconv.Itoa(ep.db)})
	}
	cmds = append(cmds, args)
	var reply string
	for _, cmd := range cmds {
		if err := writeCommand(c, cmd); err != nil {
			return "", err
		}
		if reply, err = readReply(r); err != nil {
			return "", fmt.Errorf("%s: %w", cmd[0], err)
		}
	}
	return reply, nil
}

func writeCommand(w io.Writer, args []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// readReply reads a simple string, error, integer or bulk string reply.
func readReply(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("empty reply")
	}
	switch line[0] {
	case '+', ':':
		return line[1:], nil
	case '-':
		return "", fmt.Errorf("redis: %s", line[1:])
	case '*':
		// Arrays (a Sentinel's or ROLE's answers) are read as their
		// elements' text, one per line; nested arrays are flattened.
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return "", err
		}
		parts := make([]string, 0, n)
		for range n {
			p, err := readReply(r)
			if err != nil {
				return "", err
			}
			parts = append(parts, p)
		}
		return strings.Join(parts, "\n"), nil
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return "", err
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", err
		}
		return string(buf[:n]), nil
	}
	return "", fmt.Errorf("unexpected reply %q", line)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
