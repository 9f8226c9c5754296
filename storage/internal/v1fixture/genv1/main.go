// Command genv1 wrote storage/testdata/v1 with the release-1 stores: a
// Redis dump (redis.json), a bbolt file (bolt.db) and what each reads back
// (expected-*.json). It is kept to show how the fixture was made; running it
// with later code would write later encodings, which is not the point.
//
//	go run ./storage/internal/v1fixture/genv1 -out storage/testdata/v1
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/bolt"
	"github.com/partnercoach/partnercoach/storage/internal/v1fixture"
	"github.com/partnercoach/partnercoach/storage/redis"
)

func main() {
	out := flag.String("out", "storage/testdata/v1", "directory to write the fixture in")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genv1:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "genv1")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	srv, err := redistest.StartServer(dir)
	if err != nil {
		return err
	}
	defer srv.Kill()
	rs, err := redis.Open(ctx, srv.URL(), redis.Options{})
	if err != nil {
		return err
	}
	defer rs.Close()
	if err := v1fixture.Fill(ctx, rs); err != nil {
		return fmt.Errorf("fill redis: %w", err)
	}
	dump, err := v1fixture.DumpRedis(ctx, rs.Client())
	if err != nil {
		return err
	}
	if err := v1fixture.WriteJSON(filepath.Join(out, "redis.json"), dump); err != nil {
		return err
	}
	snap, err := v1fixture.Read(ctx, rs)
	if err != nil {
		return fmt.Errorf("read redis: %w", err)
	}
	if err := v1fixture.WriteJSON(filepath.Join(out, "expected-redis.json"), snap); err != nil {
		return err
	}

	dbPath := filepath.Join(out, "bolt.db")
	if err := os.Remove(dbPath); err != nil && !os.IsNotExist(err) {
		return err
	}
	bs, err := bolt.Open(dbPath)
	if err != nil {
		return err
	}
	if err := v1fixture.Fill(ctx, bs); err != nil {
		return fmt.Errorf("fill bolt: %w", err)
	}
	bsnap, err := v1fixture.Read(ctx, bs)
	if err != nil {
		return fmt.Errorf("read bolt: %w", err)
	}
	if err := bs.Close(); err != nil {
		return err
	}
	return v1fixture.WriteJSON(filepath.Join(out, "expected-bolt.json"), bsnap)
}
