package recordcache

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

type record struct {
	ID    string    `json:"id"`
	Count int       `json:"count"`
	At    time.Time `json:"at"`
	Inner struct {
		Note string `json:"note"`
	} `json:"inner"`
}

func TestDecode_SameBytesSameValue(t *testing.T) {
	c := New[record](10)
	raw := []byte(`{"id":"acme","count":3,"at":"2026-11-26T10:00:00Z","inner":{"note":"hi"}}`)
	first, err := c.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != "acme" || first.Count != 3 || first.Inner.Note != "hi" || !first.At.Equal(time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("decoded %+v", first)
	}
	// A caller changing its copy changes nothing for the next one.
	first.Inner.Note = "changed"
	again, err := c.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	if again.Inner.Note != "hi" {
		t.Fatalf("second decode saw the first caller's change: %+v", again)
	}
	fromString, err := c.DecodeString(string(raw))
	if err != nil || fromString != again {
		t.Fatalf("DecodeString of the same bytes: %+v, %v; Decode gave %+v", fromString, err, again)
	}
	if c.Len() != 1 {
		t.Fatalf("Len = %d after one record read three times", c.Len())
	}
	// Changed bytes are a different record: never the stale value.
	changed, err := c.Decode([]byte(`{"id":"acme","count":4}`))
	if err != nil {
		t.Fatal(err)
	}
	if changed.Count != 4 {
		t.Fatalf("changed record decoded as %+v", changed)
	}
}

func TestDecode_ErrorsAreNotCached(t *testing.T) {
	c := New[record](10)
	if _, err := c.Decode([]byte(`{"id":`)); err == nil {
		t.Fatal("truncated JSON decoded without error")
	}
	if _, err := c.DecodeString(`{"count":"three"}`); err == nil {
		t.Fatal("a string for an int decoded without error")
	}
	if c.Len() != 0 {
		t.Fatalf("Len = %d after two failed decodes", c.Len())
	}
}

func TestDecode_Bounded(t *testing.T) {
	c := New[record](100)
	for i := range 1000 {
		if _, err := c.Decode(fmt.Appendf(nil, `{"id":"p%d"}`, i)); err != nil {
			t.Fatal(err)
		}
		if c.Len() > 100 {
			t.Fatalf("Len = %d after %d records, want at most 100", c.Len(), i+1)
		}
	}
}

func TestDecode_Concurrent(t *testing.T) {
	c := New[record](50)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				id := fmt.Sprintf("p%d", (i+g)%80)
				r, err := c.Decode(fmt.Appendf(nil, `{"id":%q,"count":%d}`, id, i%3))
				if err != nil || r.ID != id || r.Count != i%3 {
					t.Errorf("decode %s: %+v, %v", id, r, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestNew_RefusesSharedParts(t *testing.T) {
	type withSlice struct {
		Tags []string
	}
	type nested struct {
		Inner struct{ M map[string]int }
	}
	for name, f := range map[string]func(){
		"slice":   func() { New[withSlice](1) },
		"map":     func() { New[nested](1) },
		"pointer": func() { New[*record](1) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(fmt.Sprint(r), "share") {
					t.Fatalf("New accepted a type with a %s: recovered %v", name, r)
				}
			}()
			f()
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	raw := []byte(`{"team_id":"T0001","id":"acme-cloud","name":"Acme Cloud","kind":"cloud","stage":"active","owner":"U0ALICE","channel":"C0PARTNERS","profile":{"region":"EMEA"},"created_at":"2026-11-26T10:00:00Z","updated_at":"2026-11-26T10:00:00Z","stage_changed_at":"2026-11-26T10:00:00Z"}`)
	b.Run("json.Unmarshal", func(b *testing.B) {
		for b.Loop() {
			var r record
			if err := json.Unmarshal(raw, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		c := New[record](10)
		for b.Loop() {
			if _, err := c.Decode(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}
