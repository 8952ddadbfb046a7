// Package historydb reads the SQLite history file (history.db) that Limber
// kept before its history became an append-only file of JSON lines
// (internal/history), and imports it into that file once.
//
// It is linked only by limber-window (`limber-window import-history SRC
// DST`), which the daemon runs at start while an old history.db is there:
// SQLite (modernc.org/sqlite and its libc) costs about 4 MB of resident
// code, which the all-day daemon no longer carries. The schema of every
// version ever written is kept here (schema.go), so a file of any of them
// is read.
package historydb

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
	_ "modernc.org/sqlite" // the "sqlite" driver
)

// ErrNewerSchema means the file was written by a newer Limber; it is left
// untouched.
var ErrNewerSchema = errors.New("the history file was written by a newer version of Limber")

// ImportedSuffix is added to the old file's name once it is imported; it
// is kept, never deleted.
const ImportedSuffix = ".imported"

// Result says what Import did.
type Result struct {
	// Entries were written into the new file; Bad rows and lines could
	// not be read as events and were left out (they stay in the old file).
	Entries, Bad int
	// Already: the new file said src was imported before; nothing was
	// written again.
	Already bool
	// Kept is where the old file is now.
	Kept string
}

// Import reads every event of the SQLite history at src (of any schema
// version, 1 to SchemaVersion) and of its fallback file src.pending, writes
// them into the history file at dst before what dst holds (see
// history.MergeImport), and then renames src (and src.pending) to
// src.imported, where it is kept. Nothing may write dst meanwhile.
func Import(src, dst string) (Result, error) {
	var res Result
	fi, err := os.Lstat(src)
	if err != nil {
		return res, fmt.Errorf("reading the old history: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return res, fmt.Errorf("the old history %s is not a regular file: move it away, or replace it by the file itself", src)
	}
	entries, goals, bad, err := Read(src)
	if err != nil {
		return res, err
	}
	pending := src + ".pending"
	pend, pbad, err := history.ReadEntries(pending)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return res, err
	default:
		entries = append(entries, pend...)
		bad += pbad
	}
	n, mbad, err := history.MergeImport(dst, src, entries, goals)
	switch {
	case errors.Is(err, history.ErrAlreadyImported):
		res.Already = true
	case err != nil:
		return res, err
	}
	res.Entries, res.Bad = n, bad+mbad
	if res.Kept, err = keep(src); err != nil {
		return res, err
	}
	if _, err := os.Lstat(pending); err == nil {
		if _, err := keep(pending); err != nil {
			return res, err
		}
	}
	return res, nil
}

// keep renames path (with SQLite's -wal and -shm, if a crash left them)
// to path.imported, or path.imported-2 ... when that is taken.
func keep(path string) (string, error) {
	dst := path + ImportedSuffix
	for i := 2; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s%s-%d", path, ImportedSuffix, i)
	}
	if err := os.Rename(path, dst); err != nil {
		return "", fmt.Errorf("the history was imported, but renaming %s failed: %w", path, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+suffix, dst+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return dst, fmt.Errorf("renaming %s: %w", path+suffix, err)
		}
	}
	return dst, nil
}

// Read returns every event in the SQLite history at path, the goals it
// stored (nil when none), and how many rows could not be read as events.
// The file is opened for writing only so that SQLite can roll back what a
// writer killed mid-write left, as any SQLite writer would; nothing in it
// is changed.
func Read(path string) (entries []history.Entry, goals *history.Goals, bad int, err error) {
	db, err := sql.Open("sqlite", dsn(path, "_busy_timeout=5000&_query_only=1"))
	if err != nil {
		return nil, nil, 0, fmt.Errorf("opening %s: %w", path, err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return nil, nil, 0, fmt.Errorf("reading %s (is it a Limber history?): %w", path, err)
	}
	switch {
	case v > SchemaVersion():
		return nil, nil, 0, fmt.Errorf("%s: %w (schema %d, this one knows up to %d)", path, ErrNewerSchema, v, SchemaVersion())
	case v == 0:
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
			return nil, nil, 0, fmt.Errorf("reading %s: %w", path, err)
		}
		if n > 0 {
			return nil, nil, 0, fmt.Errorf("%s holds another program's database: it was left untouched", path)
		}
		return nil, nil, 0, nil // empty
	}
	r := reader{db: db, path: path}
	debt := "0, 0, 0"
	if v >= 3 {
		debt = "debt_ms, paid_ms, spent"
	}
	r.rows(`SELECT at, kind, card, due, outcome, dur_ms, `+debt+` FROM breaks ORDER BY id`, func(sc func(...any) error) (history.Entry, error) {
		var at, dur, debt, paid int64
		var due sql.NullInt64
		var kind, card, outcome string
		var spent int
		if err := sc(&at, &kind, &card, &due, &outcome, &dur, &debt, &paid, &spent); err != nil {
			return history.Entry{}, err
		}
		b := history.BreakRecord{At: fromMS(at), Kind: schedule.Kind(kind), CardID: card, Outcome: history.Outcome(outcome),
			Duration: msDur(dur), Debt: msDur(debt), Paid: msDur(paid), Spent: spent != 0}
		if due.Valid {
			b.Due = fromMS(due.Int64)
		}
		return history.BreakEntry(b), nil
	})
	r.rows(`SELECT start_at, end_at, after_hours FROM activity ORDER BY id`, func(sc func(...any) error) (history.Entry, error) {
		var a, e int64
		var ah int
		err := sc(&a, &e, &ah)
		return history.SittingEntry(fromMS(a), fromMS(e), ah != 0), err
	})
	r.rows(`SELECT at, source FROM glasses ORDER BY id`, func(sc func(...any) error) (history.Entry, error) {
		var at int64
		var src string
		err := sc(&at, &src)
		return history.GlassEntry(fromMS(at), history.Source(src)), err
	})
	r.rows(`SELECT start_at, end_at FROM pauses ORDER BY id`, func(sc func(...any) error) (history.Entry, error) {
		var a, e int64
		err := sc(&a, &e)
		return history.PauseEntry(fromMS(a), fromMS(e)), err
	})
	r.rows(`SELECT at, sitting_ms FROM limit_warnings ORDER BY id`, func(sc func(...any) error) (history.Entry, error) {
		var at, sit int64
		err := sc(&at, &sit)
		return history.LimitEntry(fromMS(at), msDur(sit)), err
	})
	if r.err != nil {
		return nil, nil, 0, r.err
	}
	if v >= 2 {
		var js string
		switch err := db.QueryRow(`SELECT value FROM meta WHERE key='goals'`).Scan(&js); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, nil, 0, fmt.Errorf("reading the goals in %s: %w", path, err)
		default:
			var g history.Goals
			if err := json.Unmarshal([]byte(js), &g); err != nil {
				r.bad++ // the events are what matters; the daemon stores goals again
			} else {
				goals = &g
			}
		}
	}
	return r.out, goals, r.bad, nil
}

// reader collects the events of several queries, stopping at the first
// failure.
type reader struct {
	db   *sql.DB
	path string
	out  []history.Entry
	bad  int
	err  error
}

func (r *reader) rows(q string, row func(scan func(...any) error) (history.Entry, error)) {
	if r.err != nil {
		return
	}
	rows, err := r.db.Query(q)
	if err != nil {
		r.err = fmt.Errorf("reading %s: %w", r.path, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		e, err := row(rows.Scan)
		if err != nil {
			r.bad++ // a row of the wrong shape: left in the old file
			continue
		}
		r.out = append(r.out, e)
	}
	if err := rows.Err(); err != nil {
		r.err = fmt.Errorf("reading %s: %w", r.path, err)
	}
}

// dsn builds a SQLite URI for path; '?', '#' and '%' in the path are escaped
// so they are not taken for the query.
func dsn(path, query string) string {
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + p + "?" + query
}

func fromMS(v int64) time.Time { return time.UnixMilli(v) }

func msDur(v int64) time.Duration { return time.Duration(v) * time.Millisecond }
