package coach

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// Reading the spreadsheets people really have: Excel's UTF-8 with a byte
// order mark, French files with ';' between cells and commas in amounts,
// Windows-1252 (Latin-1) from older exports, cells with line breaks in
// quotes, and blank rows at the end. A file that is none of these (too big,
// binary, UTF-16) is refused with a code the bot explains.

// MaxImportBytes bounds an imported file: 10 MB.
const MaxImportBytes = 10 << 20

// MaxImportRows bounds the data rows of one import.
const MaxImportRows = 100_000

// CSVRow is one data row and the line of the file it starts on (1 is the
// header's line), so that an error names the line a spreadsheet shows.
type CSVRow struct {
	Line   int
	Fields []string
}

// CSVTable is a read file: its header, its rows, and how it was written.
type CSVTable struct {
	Header []string
	Rows   []CSVRow
	// Sep is the separator found: ',', ';' or '\t'.
	Sep rune
	// Latin1 says the file was Windows-1252 / Latin-1 and was converted.
	Latin1 bool
}

// ReadCSV reads an uploaded spreadsheet. Its errors are *Error with the keys
// import.file.empty, import.file.too_large, import.file.binary,
// import.file.encoding, import.file.too_many_rows and import.file.malformed
// (with the line).
func ReadCSV(data []byte) (CSVTable, error) {
	if len(data) > MaxImportBytes {
		return CSVTable{}, FieldError("file", "import.file.too_large", (len(data)+(1<<20)-1)>>20, MaxImportBytes>>20)
	}
	text, latin1, err := decodeText(data)
	if err != nil {
		return CSVTable{}, err
	}
	if strings.TrimSpace(text) == "" {
		return CSVTable{}, FieldError("file", "import.file.empty")
	}
	sep := detectSeparator(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := CSVTable{Sep: sep, Latin1: latin1}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return CSVTable{}, &Error{Code: EINVALID, Field: "file", Key: "import.file.malformed", Args: []any{line}, Err: err}
		}
		line, _ := r.FieldPos(0)
		if blankRecord(rec) {
			continue // empty rows, ";;;" rows: spreadsheets leave them at the end
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		if len(t.Rows) >= MaxImportRows {
			return CSVTable{}, FieldError("file", "import.file.too_many_rows", MaxImportRows)
		}
		t.Rows = append(t.Rows, CSVRow{Line: line, Fields: rec})
	}
	if t.Header == nil {
		return CSVTable{}, FieldError("file", "import.file.empty")
	}
	return t, nil
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// decodeText returns data as UTF-8 text without a byte order mark. Text that
// is not valid UTF-8 is read as Windows-1252 (a superset of Latin-1's
// printable characters) when every byte maps to a character; a file with NUL
// bytes or many control characters is binary; UTF-16 is refused by name.
func decodeText(data []byte) (string, bool, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return "", false, FieldError("file", "import.file.encoding")
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if bytes.IndexByte(data, 0) >= 0 {
		return "", false, FieldError("file", "import.file.binary")
	}
	controls := 0
	for _, b := range data {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' {
			controls++
		}
	}
	if controls > 0 && controls*100 > len(data) {
		return "", false, FieldError("file", "import.file.binary")
	}
	if utf8.Valid(data) {
		return string(data), false, nil
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80 || c >= 0xA0:
			b.WriteRune(rune(c))
		case cp1252[c-0x80] != 0:
			b.WriteRune(cp1252[c-0x80])
		default:
			// A byte Windows-1252 leaves undefined: not a text we can read.
			return "", false, FieldError("file", "import.file.encoding")
		}
	}
	return b.String(), true, nil
}

// cp1252 maps Windows-1252's bytes 0x80–0x9F (where Latin-1 has control
// codes) to their characters; 0 marks an undefined byte.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// detectSeparator picks ';', ',' or tab: the one found most often outside
// quotes on the first line (the header), ',' when none is.
func detectSeparator(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' {
			if counts[';']+counts[',']+counts['\t'] > 0 {
				break
			}
			continue
		}
		if r == ';' || r == ',' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}
