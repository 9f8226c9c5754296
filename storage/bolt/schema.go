package bolt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/internal/ledgerline"
	bbolt "go.etcd.io/bbolt"
)

// Schema versions of the file. Schema 1 (release 1, no marker) kept each
// ledger line as JSON; schema 2 keeps it as a ledgerline without its ID
// (the key ends with it). Open migrates a schema-1 file in one transaction.
const SchemaVersion = 2

var (
	bMeta     = []byte("meta") // top level, beside the team buckets
	keySchema = []byte("schema")
)

// ErrSchemaNewer: the file was written by a newer release than this one.
var ErrSchemaNewer = errors.New("the data file was written by a newer Partner Coach release")

// encodeLine is a ledger line as stored under its key (date, then ID).
func encodeLine(c coach.Contribution) []byte {
	c.ID = ""
	return ledgerline.Encode(c)
}

// decodeLine reads a ledger value, in either schema; key gives the ID.
func decodeLine(key, v []byte, teamID, partnerID string) (coach.Contribution, error) {
	if len(v) > 0 && v[0] == '{' { // schema 1: JSON
		var c coach.Contribution
		if err := json.Unmarshal(v, &c); err != nil {
			return c, err
		}
		c.Date, c.CreatedAt = c.Date.UTC(), c.CreatedAt.UTC()
		return c, nil
	}
	c, err := ledgerline.Decode(v, teamID, partnerID)
	if err != nil {
		return c, err
	}
	if len(key) > 8 {
		c.ID = string(key[8:])
	}
	return c, nil
}

// sameLine says whether stored value v holds c.
func sameLine(key, v []byte, teamID, partnerID string, c coach.Contribution) bool {
	if v == nil {
		return false
	}
	cur, err := decodeLine(key, v, teamID, partnerID)
	if err != nil {
		return false
	}
	return bytes.Equal(ledgerline.Encode(cur), ledgerline.Encode(c))
}

// migrate brings the file to SchemaVersion in one transaction, returning
// how many ledger lines it rewrote. A file marked with a newer schema is
// refused, untouched.
func migrate(db *bbolt.DB) (int, error) {
	n := 0
	err := db.Update(func(tx *bbolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bMeta)
		if err != nil {
			return err
		}
		if v := meta.Get(keySchema); v != nil {
			have, err := strconv.Atoi(string(v))
			if err != nil {
				return fmt.Errorf("schema version %q: %w", v, err)
			}
			if have > SchemaVersion {
				return fmt.Errorf("%w: it holds schema %d, this release knows up to %d; run the newer release, or restore a copy of the file taken before it", ErrSchemaNewer, have, SchemaVersion)
			}
			if have == SchemaVersion {
				return nil
			}
		}
		err = tx.ForEach(func(name []byte, tb *bbolt.Bucket) error {
			team, ok := bytes.CutPrefix(name, []byte(teamPrefix))
			if !ok {
				return nil
			}
			led := tb.Bucket(bLedger)
			if led == nil {
				return nil
			}
			return led.ForEachBucket(func(partner []byte) error {
				pb := led.Bucket(partner)
				type kv struct{ k, v []byte }
				var todo []kv
				err := pb.ForEach(func(k, v []byte) error {
					if len(v) == 0 || v[0] != '{' {
						return nil
					}
					c, err := decodeLine(k, v, string(team), string(partner))
					if err != nil {
						return fmt.Errorf("ledger line %q of %s: %w", k[8:], partner, err)
					}
					todo = append(todo, kv{append([]byte(nil), k...), encodeLine(c)})
					return nil
				})
				if err != nil {
					return err
				}
				for _, e := range todo {
					if err := pb.Put(e.k, e.v); err != nil {
						return err
					}
				}
				n += len(todo)
				return nil
			})
		})
		if err != nil {
			return err
		}
		return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
	})
	return n, err
}
