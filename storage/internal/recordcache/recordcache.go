// Package recordcache remembers decoded records by their stored bytes, so a
// record read again unchanged is not decoded again.
//
// Every command that names a partner reads all of the team's partners (to
// resolve a prefix or suggest the closest name), and decoding their JSON was
// a quarter of a /partner command's CPU. Keyed by the exact bytes, the cache
// can never serve a stale record: a changed record is a different key.
package recordcache

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"time"
)

// Cache maps stored JSON to its decoded value. It is safe for concurrent use.
type Cache[T any] struct {
	mu  sync.Mutex
	max int
	m   map[string]T
}

// New returns a cache of at most max records. T must be a plain value
// (strings, numbers, booleans, time.Time and structs of these): callers get
// copies, and a slice, map or pointer inside would be shared between them.
// New panics otherwise, a programming error every test catches.
func New[T any](max int) *Cache[T] {
	var zero T
	if err := valueOnly(reflect.TypeOf(zero), ""); err != nil {
		panic(fmt.Sprintf("recordcache: %v", err))
	}
	return &Cache[T]{max: max, m: make(map[string]T)}
}

// Decode returns the value stored as raw, decoding it only when these exact
// bytes are not in the cache. Errors are not cached.
func (c *Cache[T]) Decode(raw []byte) (T, error) {
	c.mu.Lock()
	v, ok := c.m[string(raw)] // no allocation for the lookup
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, err
	}
	c.add(string(raw), v)
	return v, nil
}

// DecodeString is Decode for a record held as a string (as go-redis returns
// hash values), without copying it on a hit.
func (c *Cache[T]) DecodeString(raw string) (T, error) {
	c.mu.Lock()
	v, ok := c.m[raw]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return v, err
	}
	c.add(raw, v)
	return v, nil
}

func (c *Cache[T]) add(raw string, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		// Start over rather than track recency: a full reset costs one
		// decode per record read afterwards, and keeps this cache simple.
		clear(c.m)
	}
	c.m[raw] = v
}

// Len is how many records the cache holds.
func (c *Cache[T]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

var timeType = reflect.TypeFor[time.Time]()

func valueOnly(t reflect.Type, path string) error {
	if t == timeType {
		return nil // its *Location is never modified
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return nil
	case reflect.Array:
		return valueOnly(t.Elem(), path+"[]")
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if err := valueOnly(f.Type, path+"."+f.Name); err != nil {
				return err
			}
		}
		return nil
	default:
		return fmt.Errorf("field %q is a %s (%s): copies of a cached value would share it", path, t.Kind(), t)
	}
}
