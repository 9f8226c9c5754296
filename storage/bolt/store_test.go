package bolt_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/bolt"
	"github.com/partnercoach/partnercoach/storage/storetest"
)

func mustOpen(t testing.TB, path string) *bolt.Store {
	t.Helper()
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		New: func(t testing.TB) coach.Store { return mustOpen(t, filepath.Join(t.TempDir(), "pc.db")) },
		Reopen: func(t testing.TB, s coach.Store) coach.Store {
			path := s.(*bolt.Store).Path()
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return mustOpen(t, path)
		},
	})
}

func TestOpen_ErrSecondProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pc.db")
	s := mustOpen(t, path)
	defer s.Close()
	_, err := bolt.Open(path)
	if err == nil || !strings.Contains(err.Error(), "in use by another Partner Coach process") || !strings.Contains(err.Error(), "DATA_PATH") {
		t.Fatalf("got %v, want a clear 'in use' error naming DATA_PATH", err)
	}
}

func TestOpen_CreatesPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dir", "pc.db")
	s := mustOpen(t, path)
	defer s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Fatalf("file mode %v, want 0600 (it holds business figures)", perm)
	}
}

func TestClosed_Unavailable(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "pc.db"))
	_ = s.Close()
	_, err := s.Partners(t.Context(), "T1")
	if coach.ErrorCode(err) != coach.EUNAVAILABLE {
		t.Fatalf("got %v, want EUNAVAILABLE", err)
	}
}
