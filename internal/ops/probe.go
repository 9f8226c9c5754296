package ops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Probe GETs /healthz on this machine's ops server at addr (HTTP_ADDR's
// value) and returns nil on 200. It backs `partnercoach healthcheck`, the
// Docker HEALTHCHECK: distroless images have no curl or wget.
func Probe(ctx context.Context, addr string) error {
	target, err := localTarget(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+target+PathHealth, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", PathHealth, resp.Status)
	}
	return nil
}

// localTarget turns a listen address into one to dial: a wildcard or empty
// host (":8080", "0.0.0.0:8080", "[::]:8080") becomes the loopback.
func localTarget(addr string) (string, error) {
	if addr == "" {
		return "", errors.New("HTTP_ADDR is empty: the health server is off")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("HTTP_ADDR %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}
