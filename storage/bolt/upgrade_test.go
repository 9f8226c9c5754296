package bolt_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/storage/bolt"
	"github.com/partnercoach/partnercoach/storage/internal/v1fixture"
	bbolt "go.etcd.io/bbolt"
)

// copyV1 copies the file release 1 wrote (storage/testdata/v1/bolt.db) to
// a temporary path: opening migrates it, and the fixture must stay as is.
func copyV1(t *testing.T) string {
	t.Helper()
	src, err := os.Open("../testdata/v1/bolt.db")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "pc.db")
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func checkV1Snapshot(t *testing.T, s *bolt.Store) {
	t.Helper()
	got, err := v1fixture.Read(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/v1/expected-bolt.json")
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	gotJSON, _ := json.Marshal(got)
	_ = json.Unmarshal(gotJSON, &a)
	_ = json.Unmarshal(data, &b)
	if d := cmp.Diff(b, a); d != "" {
		t.Fatalf("data written by release 1 reads differently (-release 1 +now):\n%s", d)
	}
	if n := len(got.Ledger["T0FIXB"]["fixture-partner-12"]); n != 44 {
		t.Fatalf("partner 12 has %d lines, want 44 (45 logged, one deleted)", n)
	}
}

// TestUpgrade_BoltMigratesOnOpen: opening release 1's file rewrites every
// ledger line compact, in one transaction, and everything reads as release
// 1 read it; opening it again rewrites nothing.
func TestUpgrade_BoltMigratesOnOpen(t *testing.T) {
	path := copyV1(t)
	s := mustOpen(t, path)
	if n := s.Migrated(); n != 2*(25+35+45)-6 { // two teams of three partners, one line deleted each
		t.Errorf("migrated %d lines, want %d", n, 2*(25+35+45)-6)
	}
	checkV1Snapshot(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	if n := s.Migrated(); n != 0 {
		t.Errorf("second open migrated %d lines, want 0", n)
	}
	checkV1Snapshot(t, s)
}

// TestUpgrade_BoltRefusesNewerSchema: a file marked by a newer release is
// refused with ErrSchemaNewer and left untouched.
func TestUpgrade_BoltRefusesNewerSchema(t *testing.T) {
	path := copyV1(t)
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("meta"))
		if err != nil {
			return err
		}
		return b.Put([]byte("schema"), []byte("3"))
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = bolt.Open(path)
	if !errors.Is(err, bolt.ErrSchemaNewer) {
		t.Fatalf("Open on schema 3: %v, want ErrSchemaNewer", err)
	}
	// The file still holds release 1's JSON lines.
	db, err = bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bbolt.Tx) error {
		v := tx.Bucket([]byte("team:T0FIXA")).Bucket([]byte("ledger")).Bucket([]byte("fixture-partner-00"))
		_, first := v.Cursor().First()
		if len(first) == 0 || first[0] != '{' {
			return errors.New("a refused open rewrote the ledger")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
