// Package ledgerline encodes a ledger line (coach.Contribution) compactly
// for the stores: no field names, numbers as varints, known words as one
// byte, and neither the team nor the partner (the key they are stored under
// says which). A 10,000-partner team keeps millions of lines, so this is
// most of a store's size.
//
// Layout of version 1 (all integers varints, strings length-prefixed):
//
//	0x01                       version
//	len id                     the line's ID
//	dir                        0 then len text, or 1 "gave", 2 "got"
//	kind                       0 then len text, or 1.. a kind of kindCodes
//	cur                        0 then len text, or 1.. a currency of curCodes
//	amount                     zigzag varint, minor units
//	date                       zigzag varint unix seconds, then uvarint nanoseconds
//	created                    zigzag varint seconds after date, then uvarint nanoseconds
//	len note
//	len author
//
// The tables below are part of the format: append to them, never reorder.
// A new field or table order means a new version byte.
package ledgerline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Version is the first byte of a line in this encoding. JSON lines start
// with '{', so the two can be told apart.
const Version = 0x01

var dirCodes = []string{"", string(coach.Gave), string(coach.Got)}

var kindCodes = []string{"", "lead", "deal", "revenue", "resale", "co-marketing", "introduction"}

var curCodes = []string{"", "EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CNY", "INR", "BRL", "SGD"}

// ErrCorrupt says a line is not a version-1 line.
var ErrCorrupt = errors.New("ledgerline: corrupt line")

// Append appends c's encoding to dst. TeamID and PartnerID are not kept.
func Append(dst []byte, c coach.Contribution) []byte {
	dst = append(dst, Version)
	dst = appendString(dst, c.ID)
	dst = appendCoded(dst, dirCodes, string(c.Direction))
	dst = appendCoded(dst, kindCodes, string(c.Kind))
	dst = appendCoded(dst, curCodes, c.Amount.Currency)
	dst = binary.AppendVarint(dst, c.Amount.Amount)
	sec, nsec := c.Date.Unix(), c.Date.Nanosecond()
	dst = binary.AppendVarint(dst, sec)
	dst = binary.AppendUvarint(dst, uint64(nsec))
	dst = binary.AppendVarint(dst, c.CreatedAt.Unix()-sec)
	dst = binary.AppendUvarint(dst, uint64(c.CreatedAt.Nanosecond()))
	dst = appendString(dst, c.Note)
	dst = appendString(dst, c.Author)
	return dst
}

// Encode returns c's encoding.
func Encode(c coach.Contribution) []byte { return Append(nil, c) }

// Decode reads one line; teamID and partnerID fill the fields the line does
// not keep. Times come back in UTC.
func Decode(b []byte, teamID, partnerID string) (coach.Contribution, error) {
	d := decoder{b: b}
	if len(b) == 0 || b[0] != Version {
		return coach.Contribution{}, ErrCorrupt
	}
	d.b = d.b[1:]
	c := coach.Contribution{TeamID: teamID, PartnerID: partnerID}
	c.ID = d.string()
	c.Direction = coach.Direction(d.coded(dirCodes))
	c.Kind = coach.ContributionKind(d.coded(kindCodes))
	c.Amount.Currency = d.coded(curCodes)
	c.Amount.Amount = d.varint()
	sec := d.varint()
	nsec := d.uvarint()
	created := d.varint()
	cnsec := d.uvarint()
	c.Note = d.string()
	c.Author = d.string()
	if d.err != nil || len(d.b) != 0 || nsec >= 1e9 || cnsec >= 1e9 {
		return coach.Contribution{}, ErrCorrupt
	}
	c.Date = time.Unix(sec, int64(nsec)).UTC()
	c.CreatedAt = time.Unix(sec+created, int64(cnsec)).UTC()
	return c, nil
}

// ID returns a line's ID without decoding the rest.
func ID(b []byte) (string, error) {
	if len(b) == 0 || b[0] != Version {
		return "", ErrCorrupt
	}
	d := decoder{b: b[1:]}
	id := d.string()
	if d.err != nil {
		return "", ErrCorrupt
	}
	return id, nil
}

// AppendFramed appends a line prefixed with its length (uvarint), the way a
// run of lines is kept in one value.
func AppendFramed(dst []byte, c coach.Contribution) []byte {
	line := Encode(c)
	dst = binary.AppendUvarint(dst, uint64(len(line)))
	return append(dst, line...)
}

// Split returns the lines of a run written by AppendFramed.
func Split(run []byte) ([][]byte, error) {
	var out [][]byte
	for len(run) > 0 {
		n, k := binary.Uvarint(run)
		if k <= 0 || n > uint64(len(run)-k) {
			return nil, fmt.Errorf("%w: bad frame", ErrCorrupt)
		}
		out = append(out, run[k:k+int(n)])
		run = run[k+int(n):]
	}
	return out, nil
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendCoded(dst []byte, table []string, s string) []byte {
	for i := 1; i < len(table); i++ {
		if table[i] == s {
			return binary.AppendUvarint(dst, uint64(i))
		}
	}
	dst = append(dst, 0)
	return appendString(dst, s)
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = ErrCorrupt
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = ErrCorrupt
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = ErrCorrupt
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) coded(table []string) string {
	i := d.uvarint()
	if d.err != nil {
		return ""
	}
	if i == 0 {
		return d.string()
	}
	if i >= uint64(len(table)) {
		d.err = ErrCorrupt
		return ""
	}
	return table[i]
}
