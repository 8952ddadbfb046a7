package history

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// record is e as a line of the file.
func (e Entry) record() record {
	switch e.Type {
	case TypeBreak:
		b := e.Break
		r := record{T: TypeBreak, At: ms(b.At), Kind: string(b.Kind), Card: b.CardID, Outcome: string(b.Outcome),
			MS: b.Duration.Milliseconds(), Debt: b.Debt.Milliseconds(), Paid: b.Paid.Milliseconds(), Spent: b.Spent}
		if !b.Due.IsZero() {
			r.Due = ms(b.Due)
		}
		return r
	case TypeSitting:
		return record{T: TypeSitting, At: ms(e.At), End: ms(e.End), AH: e.AfterHours}
	case TypePause:
		return record{T: TypePause, At: ms(e.At), End: ms(e.End)}
	case TypeGlass:
		return record{T: TypeGlass, At: ms(e.At), Src: string(e.Source)}
	default: // TypeLimit
		return record{T: TypeLimitWarning, At: ms(e.At), MS: e.Sitting.Milliseconds()}
	}
}

// ReadEntries reads a file of Entry lines (the journal's fallback file,
// path.pending) and returns the entries it holds; lines that do not parse
// (a torn last append) or that no store would take are left out and
// counted in bad.
func ReadEntries(path string) (entries []Entry, bad int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.check() != nil {
			bad++
			continue
		}
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return entries, bad, fmt.Errorf("reading %s: %w", path, err)
	}
	return entries, bad, nil
}

// ErrAlreadyImported is MergeImport's answer for a source the history at
// dst says it has taken in already.
var ErrAlreadyImported = errors.New("this old history was imported already")

// MergeImport writes entries (an old history, read from src) into the
// history file at dst, before the events dst holds already (a daemon may
// have recorded some before the import ran): the old ones sorted by time,
// then a line saying src was imported (so a second import of it is
// refused with ErrAlreadyImported), then dst's lines as they were. goals,
// when not nil, are the old file's goals; goals dst stored later win. The
// new file is written beside dst, synced and renamed over it, so a crash
// leaves dst as it was or whole. Nothing may write dst meanwhile (the
// daemon runs the import with its file closed, see Journal.Reload).
// It returns how many entries it wrote; entries no store would take are
// left out and counted in bad.
func MergeImport(dst, src string, entries []Entry, goals *Goals) (n, bad int, err error) {
	var old []byte // dst's lines after its header
	switch data, err := os.ReadFile(dst); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return 0, 0, fmt.Errorf("reading %s: %w", dst, err)
	case len(data) > 0:
		br := bufio.NewReader(bytes.NewReader(data))
		v, complete, _ := readHeader(br)
		switch {
		case complete && v < 0:
			return 0, 0, fmt.Errorf("%s is not a Limber history file: nothing was imported into it", dst)
		case v > FormatVersion:
			return 0, 0, fmt.Errorf("%s was written by a newer Limber (format %d): nothing was imported into it", dst, v)
		case complete:
			rest, _ := io.ReadAll(br)
			// only whole lines: a torn last one was never acknowledged
			if i := bytes.LastIndexByte(rest, '\n'); i >= 0 {
				old = rest[:i+1]
			}
		}
	}
	abs, _ := filepath.Abs(src)
	if abs == "" {
		abs = src
	}
	alreadyErr := false
	scan(bytes.NewReader(old), func(r *record) { alreadyErr = alreadyErr || r.T == lineImport && r.Src == abs }, lineImport)
	if alreadyErr {
		return 0, 0, fmt.Errorf("%s into %s: %w", src, dst, ErrAlreadyImported)
	}

	recs := make([]record, 0, len(entries))
	for _, e := range entries {
		if e.check() != nil {
			bad++
			continue
		}
		recs = append(recs, e.record())
	}
	slices.SortStableFunc(recs, func(a, b record) int { return cmp.Compare(a.At, b.At) })
	n = len(recs)
	if goals != nil {
		recs = append(recs, record{T: lineGoals, Goals: goals})
	}
	recs = append(recs, record{T: lineImport, At: ms(time.Now()), Src: abs})

	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return 0, bad, fmt.Errorf("creating the folder for %s: %w", dst, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".tmp*")
	if err != nil {
		return 0, bad, fmt.Errorf("importing into %s: %w", dst, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; else a leftover
	w := bufio.NewWriter(tmp)
	w.Write(headerLine())
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			tmp.Close()
			return 0, bad, fmt.Errorf("importing into %s: %w", dst, err)
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	w.Write(old)
	err = w.Flush()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		return 0, bad, fmt.Errorf("importing into %s: %w", dst, err)
	}
	syncDir(filepath.Dir(dst))
	return n, bad, nil
}
