package coach_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/bolt"
)

func readCSV(t testing.TB, raw []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("the export is not valid CSV: %v\n%s", err, raw)
	}
	return rows
}

func exportKind(t *testing.T, s *coach.Service, name, actor, partnerID string) [][]string {
	t.Helper()
	kinds, err := coach.ParseExportKinds(name)
	if err != nil || len(kinds) != 1 {
		t.Fatalf("ParseExportKinds(%q) = %v, %v", name, kinds, err)
	}
	ps, err := s.ExportScope(context.Background(), "T1", actor, partnerID)
	if err != nil {
		t.Fatalf("ExportScope: %v", err)
	}
	var buf bytes.Buffer
	n, err := s.Export(context.Background(), kinds[0], ps, &buf)
	if err != nil {
		t.Fatalf("Export %s: %v", name, err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("\r\n")) {
		t.Errorf("%s: lines do not end with CRLF (RFC 4180)", name)
	}
	rows := readCSV(t, buf.Bytes())
	if len(rows)-1 != n {
		t.Errorf("%s: Export counted %d rows, the file has %d", name, n, len(rows)-1)
	}
	return rows
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	acme := mustAdd(t, s, "Acme", coach.KindIntegrator)
	if _, err := s.UpdateProfile(ctx, "T1", "UOWNER", acme.ID, coach.Profile{Notes: "=HYPERLINK(\"http://evil\",\"x\")", Region: "Île-de-France"}); err != nil {
		t.Fatal(err)
	}
	mine, err := s.AddPartner(ctx, "T1", "UOTHER", coach.NewPartner{Name: "Zeta", Channel: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range []coach.NewContribution{
		{ID: "l1", PartnerID: acme.ID, Direction: coach.Got, Kind: coach.ContribDeal, Amount: coach.Money{Amount: 1234567, Currency: "EUR"}, Date: now.AddDate(0, 0, -3), Note: "+33 1 23 45 67 89"},
		{ID: "l2", PartnerID: acme.ID, Direction: coach.Gave, Kind: coach.ContribRevenue, Amount: coach.Money{Amount: 5, Currency: "JPY"}, Date: now.AddDate(0, 0, -2), Note: "@channel, \"quoted\"\nsecond line"},
		{ID: "z1", PartnerID: mine.ID, Direction: coach.Got, Kind: coach.ContribLead, Amount: coach.Money{Currency: "USD"}, Date: now.AddDate(0, 0, -1)},
	} {
		actor := "UOWNER"
		if in.PartnerID == mine.ID {
			actor = "UOTHER"
		}
		if _, err := s.LogContribution(ctx, "T1", actor, in); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
	}

	t.Run("Ledger", func(t *testing.T) {
		rows := exportKind(t, s, "ledger", "UADMIN", "")
		want := []string{"partner_id", "id", "date", "direction", "kind", "amount", "currency", "note", "author", "created_at"}
		if strings.Join(rows[0], ",") != strings.Join(want, ",") {
			t.Fatalf("header %q", rows[0])
		}
		if len(rows) != 4 {
			t.Fatalf("%d rows, want the header and 3 lines: %q", len(rows), rows)
		}
		l1, l2 := rows[1], rows[2]
		if l1[0] != acme.ID || l1[1] != "l1" || l1[2] != now.AddDate(0, 0, -3).Format("2006-01-02") || l1[5] != "12345.67" || l1[6] != "EUR" {
			t.Errorf("l1 = %q", l1)
		}
		if l1[7] != "'+33 1 23 45 67 89" {
			t.Errorf("a cell starting with + was not neutralised: %q", l1[7])
		}
		if l2[5] != "5" || l2[6] != "JPY" || l2[7] != "'@channel, \"quoted\"\nsecond line" {
			t.Errorf("l2 = %q", l2)
		}
		if z := rows[3]; z[0] != mine.ID || z[5] != "0.00" || z[6] != "USD" {
			t.Errorf("a lead without amount: %q", z)
		}
	})
	t.Run("PartnersNeutralisedAndUTF8", func(t *testing.T) {
		rows := exportKind(t, s, "partenaires", "UADMIN", "")
		if len(rows) != 3 || rows[0][0] != "partner_id" {
			t.Fatalf("rows %q", rows)
		}
		var acmeRow []string
		for _, r := range rows[1:] {
			if r[0] == acme.ID {
				acmeRow = r
			}
		}
		col := func(name string) int {
			for i, h := range rows[0] {
				if h == name {
					return i
				}
			}
			t.Fatalf("no column %s", name)
			return -1
		}
		if got := acmeRow[col("notes")]; !strings.HasPrefix(got, "'=") {
			t.Errorf("a formula was not neutralised: %q", got)
		}
		if got := acmeRow[col("region")]; got != "Île-de-France" {
			t.Errorf("region %q", got)
		}
	})
	t.Run("NonAdminGetsOwnPartnersOnly", func(t *testing.T) {
		rows := exportKind(t, s, "ledger", "UOTHER", "")
		if len(rows) != 2 || rows[1][0] != mine.ID {
			t.Fatalf("UOTHER's ledger export: %q", rows)
		}
		if _, err := s.ExportScope(ctx, "T1", "UOTHER", acme.ID); coach.ErrorCode(err) != coach.EFORBIDDEN {
			t.Fatalf("someone else's partner: %v, want EFORBIDDEN", err)
		}
		if _, err := s.ExportScope(ctx, "T1", "UNOBODY", ""); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("nothing to export: %v, want ENOTFOUND", err)
		}
		if rows := exportKind(t, s, "ledger", "UADMIN", mine.ID); len(rows) != 2 {
			t.Fatalf("an admin exporting one partner: %q", rows)
		}
	})
	t.Run("Events", func(t *testing.T) {
		if _, err := s.BookEvent(ctx, "T1", "UOWNER", coach.NewEvent{PartnerID: acme.ID, Title: "-1 webinar", Start: now.Add(48 * time.Hour), TimeZone: "Europe/Paris"}); err != nil {
			t.Fatal(err)
		}
		rows := exportKind(t, s, "events", "UOWNER", "")
		if len(rows) != 2 || rows[1][0] != acme.ID || rows[1][2] != "'-1 webinar" || !strings.HasSuffix(rows[1][3], "+01:00") {
			t.Fatalf("events %q", rows)
		}
	})
	t.Run("Commitments", func(t *testing.T) {
		due := now.AddDate(0, 0, 10)
		if _, err := s.AddCommitment(ctx, "T1", "UOWNER", coach.NewCommitment{PartnerID: acme.ID, Side: coach.CommitPartner, Title: "@train two sellers", Due: due, PersonName: "Marie"}); err != nil {
			t.Fatal(err)
		}
		rows := exportKind(t, s, "engagements", "UOWNER", acme.ID)
		if len(rows) != 2 {
			t.Fatalf("commitments %q", rows)
		}
		got := rows[1]
		if got[0] != acme.ID || got[2] != "partner" || got[3] != "'@train two sellers" || got[5] != "open" || got[7] != "Marie" {
			t.Fatalf("commitment row %q", got)
		}
		if _, err := time.Parse(time.DateOnly, got[4]); err != nil {
			t.Fatalf("due %q is not an ISO date: %v", got[4], err)
		}
	})
}

func TestParseExportKinds(t *testing.T) {
	for word, want := range map[string]int{"": 4, "all": 4, "TOUT": 4, "ledger": 1, "registre": 1, "événements": 1, "commitments": 1} {
		if ks, err := coach.ParseExportKinds(word); err != nil || len(ks) != want {
			t.Errorf("%q: %d kinds, %v; want %d", word, len(ks), err, want)
		}
	}
	if _, err := coach.ParseExportKinds("ledgr"); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("an unknown kind: %v, want EINVALID", err)
	}
}

func TestMajorUnitsAndNeutralise(t *testing.T) {
	for m, want := range map[coach.Money]string{
		{Amount: 0, Currency: "EUR"}: "0.00", {Amount: 7, Currency: "EUR"}: "0.07", {Amount: 123456, Currency: "USD"}: "1234.56",
		{Amount: 1500, Currency: "JPY"}: "1500", {Amount: 1, Currency: "KWD"}: "0.001",
	} {
		if got := coach.MajorUnits(m); got != want {
			t.Errorf("MajorUnits(%v) = %q, want %q", m, got, want)
		}
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx", "Acme": "Acme", "": "", "a=b": "a=b"} {
		if got := coach.Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkExportLedger writes one partner's ledger of 100,000 lines as CSV
// (the issue asks for at most 5 s and bounded memory). peak-heap-B is the
// largest heap in use seen while exporting, sampled every millisecond.
//
//	go test -run '^$' -bench BenchmarkExportLedger -benchtime 3x ./coach/
func BenchmarkExportLedger(b *testing.B) {
	const lines = 100_000
	// The ledger is written once, on tmpfs when there is one: writing it is
	// not what this measures.
	dir := b.TempDir()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "pc-bench-"); err == nil {
			dir = d
			b.Cleanup(func() { _ = os.RemoveAll(d) })
		}
	}
	store, err := bolt.Open(filepath.Join(dir, "pc.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = store.Close() })
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		b.Fatal(err)
	}
	s := coach.NewService(store, tpl, []string{"UADMIN"})
	ctx := context.Background()
	p, err := s.AddPartner(ctx, "T1", "UADMIN", coach.NewPartner{Name: "Acme", Channel: "C1"})
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < lines; i += 8 {
				c := coach.Contribution{TeamID: "T1", PartnerID: p.ID, ID: fmt.Sprintf("c%06d", i), Direction: coach.Got, Kind: coach.ContribDeal,
					Amount: coach.Money{Amount: int64(i) * 101, Currency: "EUR"}, Date: now.Add(-time.Duration(i) * time.Minute),
					Note: "joint deal with a customer, second phase", Author: "UADMIN", CreatedAt: now}
				if err := store.AddContribution(ctx, c); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	kinds, _ := coach.ParseExportKinds("ledger")
	ps, err := s.ExportScope(ctx, "T1", "UADMIN", "")
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	peak := samplePeakHeap(b)
	b.ResetTimer()
	for b.Loop() {
		n, err := s.Export(ctx, kinds[0], ps, io.Discard)
		if err != nil || n != lines {
			b.Fatalf("exported %d lines, %v; want %d", n, err, lines)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak()), "peak-heap-B")
}

// samplePeakHeap samples the bytes held by heap objects until the returned
// func is called, which gives the largest value seen.
func samplePeakHeap(b *testing.B) func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	var once sync.Once
	stop := func() uint64 {
		once.Do(func() { close(done); <-stopped })
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
	b.Cleanup(func() { stop() })
	return stop
}
