package coach_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestReadCSV(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		tab, err := coach.ReadCSV([]byte("\xEF\xBB\xBFName,Notes\nAcme,\"two\nlines\"\nBeta,x\n,\n\n"))
		if err != nil {
			t.Fatal(err)
		}
		if tab.Sep != ',' || tab.Latin1 || len(tab.Header) != 2 || tab.Header[0] != "Name" {
			t.Fatalf("got %+v", tab)
		}
		if len(tab.Rows) != 2 || tab.Rows[0].Fields[1] != "two\nlines" || tab.Rows[1].Line != 4 {
			t.Fatalf("got rows %+v", tab.Rows)
		}
	})
	t.Run("FrenchLatin1", func(t *testing.T) {
		data := []byte("Soci\xe9t\xe9;Montant;Devise\r\nCaf\xe9 Cr\xe8me;1\xa0234,50;EUR\r\n;;\r\n")
		tab, err := coach.ReadCSV(data)
		if err != nil {
			t.Fatal(err)
		}
		if tab.Sep != ';' || !tab.Latin1 || tab.Header[0] != "Société" || tab.Rows[0].Fields[0] != "Café Crème" || len(tab.Rows) != 1 {
			t.Fatalf("got %+v", tab)
		}
		m, err := coach.ParseAmount(tab.Rows[0].Fields[1], tab.Rows[0].Fields[2])
		if err != nil || m.Amount != 123450 {
			t.Fatalf("amount %v %v", m, err)
		}
	})
	for name, c := range map[string]struct {
		data []byte
		key  string
	}{
		"ErrBinary":   {[]byte("PK\x03\x04\x00\x00binary"), "import.file.binary"},
		"ErrUTF16":    {[]byte("\xFF\xFEN\x00a\x00"), "import.file.encoding"},
		"ErrEncoding": {[]byte("Name\nA\x81b\n"), "import.file.encoding"},
		"ErrEmpty":    {[]byte("\xEF\xBB\xBF \n\n"), "import.file.empty"},
		"ErrTooLarge": {bytes.Repeat([]byte("a,b\n"), coach.MaxImportBytes/4+1), "import.file.too_large"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := coach.ReadCSV(c.data)
			var e *coach.Error
			if !asError(err, &e) || e.Key != c.key {
				t.Fatalf("got %v, want key %s", err, c.key)
			}
		})
	}
}

func TestMapColumns(t *testing.T) {
	l, err := coach.MapColumns([]string{"Company Name", "Company URL", "Type de partenaire", "Étape", "Account Owner Email", "Channel", "Whatever"})
	if err != nil {
		t.Fatal(err)
	}
	row := []string{"Acme", "https://acme.test", "Intégrateur", "Évaluation", "a@b.c", "C1", "x"}
	if l.Ledger || l.Cell(row, coach.ColName) != "Acme" || l.Cell(row, coach.ColWebsite) != "https://acme.test" ||
		l.Cell(row, coach.ColOwner) != "a@b.c" || len(l.Ignored) != 1 {
		t.Fatalf("got %+v", l)
	}
	if k, err := coach.ParseKind(l.Cell(row, coach.ColKind)); err != nil || k != coach.KindIntegrator {
		t.Fatalf("kind %v %v", k, err)
	}
	if s, err := coach.ParseStage(l.Cell(row, coach.ColStage)); err != nil || s != coach.StageEvaluating {
		t.Fatalf("stage %v %v", s, err)
	}
	led, err := coach.MapColumns([]string{"Référence", "Partenaire", "Sens", "Type", "Montant", "Devise", "Date", "Commentaire"})
	if err != nil || !led.Ledger {
		t.Fatalf("ledger %+v %v", led, err)
	}
	if _, err := coach.MapColumns([]string{"Montant", "Devise"}); err == nil {
		t.Fatal("a ledger file without partner was accepted")
	}
	if _, err := coach.MapColumns([]string{"Name", "Company"}); err == nil {
		t.Fatal("two name columns were accepted")
	}
}

func TestParseImportDate(t *testing.T) {
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{"2026-03-15": "2026-03-15", "15/03/2026": "2026-03-15", "5.3.2026": "2026-03-05", "2026-03-15T10:00:00Z": "2026-03-15"} {
		d, err := coach.ParseImportDate(in, now)
		if err != nil || d.Format(time.DateOnly) != want {
			t.Errorf("%q: got %v %v, want %s", in, d, err, want)
		}
	}
	if _, err := coach.ParseImportDate("03/15/2026", now); err == nil {
		t.Error("month 15 accepted")
	}
}

func FuzzCSVRead(f *testing.F) {
	for _, s := range []string{"Name,Kind\nAcme,isv\n", "\xEF\xBB\xBFa;b\n\"x\ny\";2,5\n", "Soci\xe9t\xe9;x\n", "\"unterminated\n", "a\x00b", "\xFF\xFE"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := coach.ReadCSV(data)
		if err != nil {
			if coach.ErrorCode(err) != coach.EINVALID {
				t.Fatalf("error code %s: %v", coach.ErrorCode(err), err)
			}
			return
		}
		if tab.Header == nil {
			t.Fatal("no header and no error")
		}
		l, err := coach.MapColumns(tab.Header)
		if err != nil {
			return
		}
		for _, r := range tab.Rows {
			if r.Line < 2 {
				t.Fatalf("row line %d", r.Line)
			}
			_ = strings.Join(r.Fields, "") + l.Cell(r.Fields, coach.ColName)
		}
	})
}
