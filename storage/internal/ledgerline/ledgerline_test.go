package ledgerline

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func sample() coach.Contribution {
	return coach.Contribution{TeamID: "T1", PartnerID: "acme", ID: "cmd-trig.000001.123", Direction: coach.Got, Kind: coach.ContribLead,
		Amount: coach.Money{Currency: "EUR", Amount: 100137}, Date: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC),
		Note: "Lead 1 from the joint webinar, follow-up by the account team", Author: "U0ALICE",
		CreatedAt: time.Date(2026, 11, 26, 10, 0, 3, 123456789, time.UTC)}
}

func TestRoundTrip(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	cases := map[string]coach.Contribution{
		"typical": sample(),
		"unknown words": {ID: "x", Direction: "sideways", Kind: "barter", Amount: coach.Money{Currency: "XAF", Amount: -5},
			Date: time.Date(1999, 1, 2, 3, 4, 5, 6, time.UTC), CreatedAt: time.Date(1998, 1, 1, 0, 0, 0, 0, time.UTC)},
		"zero":       {ID: "z"},
		"other zone": {ID: "tz", Direction: coach.Gave, Date: time.Date(2026, 3, 1, 0, 30, 0, 0, paris), CreatedAt: time.Date(2026, 3, 1, 0, 30, 0, 0, paris)},
		"text":       {ID: "é 🚀", Note: "two\nlines \"quoted\" \x00 {json}", Author: "U0É"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			c.TeamID, c.PartnerID = "T9", "p9"
			b := Encode(c)
			got, err := Decode(b, "T9", "p9")
			if err != nil {
				t.Fatal(err)
			}
			want := c
			want.Date, want.CreatedAt = want.Date.UTC(), want.CreatedAt.UTC()
			if !got.Date.Equal(c.Date) || !got.CreatedAt.Equal(c.CreatedAt) {
				t.Fatalf("times moved: %v %v, want %v %v", got.Date, got.CreatedAt, c.Date, c.CreatedAt)
			}
			if name != "zero" && got != want {
				t.Fatalf("decoded %+v\nwant    %+v", got, want)
			}
			if !bytes.Equal(Encode(got), b) {
				t.Fatal("encoding what was decoded gives other bytes: a revision's before would never match")
			}
			id, err := ID(b)
			if err != nil || id != c.ID {
				t.Fatalf("ID = %q, %v; want %q", id, err, c.ID)
			}
		})
	}
}

// TestSize keeps a typical line well under its JSON.
func TestSize(t *testing.T) {
	c := sample()
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	b := Encode(c)
	t.Logf("JSON %d bytes, compact %d bytes", len(js), len(b))
	if fixed := len(b) - len(c.ID) - len(c.Note) - len(c.Author); fixed > 24 {
		t.Errorf("a line costs %d bytes besides its texts, want at most 24", fixed)
	}
}

func TestFramed(t *testing.T) {
	var run []byte
	var want []coach.Contribution
	for i := range 3 {
		c := sample()
		c.ID += string(rune('a' + i))
		want = append(want, c)
		run = AppendFramed(run, c)
	}
	lines, err := Split(run)
	if err != nil || len(lines) != 3 {
		t.Fatalf("split: %d lines, %v", len(lines), err)
	}
	for i, l := range lines {
		got, err := Decode(l, "T1", "acme")
		if err != nil || got != want[i] {
			t.Fatalf("line %d: %+v, %v", i, got, err)
		}
	}
	if _, err := Split(run[:len(run)-1]); err == nil {
		t.Fatal("a truncated run splits without error")
	}
}

func TestDecodeRefuses(t *testing.T) {
	good := Encode(sample())
	for name, b := range map[string][]byte{
		"empty": nil, "json": []byte(`{"id":"x"}`), "truncated": good[:len(good)-1], "trailing": append(append([]byte{}, good...), 0),
		"bad code": {Version, 1, 'x', 99},
	} {
		if _, err := Decode(b, "T", "p"); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

// FuzzLedgerLine: any bytes decode without panic, and what decodes
// re-encodes to the same bytes or to a line that decodes equal.
func FuzzLedgerLine(f *testing.F) {
	f.Add(Encode(sample()))
	f.Add(Encode(coach.Contribution{ID: "x", Kind: "barter", Amount: coach.Money{Currency: "XAF", Amount: -1}}))
	f.Add([]byte{Version})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Decode(b, "T", "p")
		if err != nil {
			return
		}
		again, err := Decode(Encode(c), "T", "p")
		if err != nil {
			t.Fatalf("re-encoded line does not decode: %v", err)
		}
		if again != c {
			t.Fatalf("round trip changed the line: %+v != %+v", again, c)
		}
	})
}
