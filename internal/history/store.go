// Package history is Limber's journal: every break and its outcome, sitting
// time, pauses, glasses of water and daily-limit warnings, kept in a SQLite
// file (modernc.org/sqlite, pure Go) at paths.HistoryFile().
//
// Only the daemon writes (Open). The CLI and the stats window read through
// the daemon's IPC or, when it is not running, a read-only connection
// (OpenReadOnly), which WAL mode lets run beside the writer.
//
// Crash safety: every Record* call is its own committed transaction in WAL
// mode, so once it returns the row survives a kill -9 of the daemon
// (synchronous=NORMAL syncs the WAL at checkpoints: a power cut may lose
// the last moments, a process crash loses nothing committed). Sitting time
// is as fresh as the daemon's last RecordActivity call.
package history

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNewerSchema means the file was written by a newer Limber; it is left
// untouched.
var ErrNewerSchema = errors.New("the history file was written by a newer version of Limber")

// ErrNoHistory means there is no history file yet (nothing recorded).
var ErrNoHistory = fmt.Errorf("no history recorded yet: %w", fs.ErrNotExist)

// errCorrupt marks a database that fails its integrity check.
var errCorrupt = errors.New("the database failed its integrity check")

// FlushEvery is how often an extended sitting span is written while the
// daemon reports activity more often than that: a kill -9 loses at most
// this much sitting time, and a one-second poll costs one small write per
// FlushEvery instead of one per second.
const FlushEvery = 5 * time.Second

// MergeGap is how far apart two sitting spans may be and still be merged
// into one row: it absorbs the jitter between the daemon's calls, and is far
// shorter than any real time away.
const MergeGap = 10 * time.Second

// Store is an open history file. It is safe for concurrent use.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	moved    string
	// foreign is the file at the usual place that was left alone, and
	// foreignWhy why ("" when the store is at the usual place).
	foreign, foreignWhy string
	// high is the latest end of any sitting span written: a new span never
	// starts before it, so a clock set back cannot write overlapping spans.
	high int64

	mu   sync.Mutex // guards span, pause and lastWrite, and orders writes
	span openRow    // the last sitting span, extended in place
	// dirty: span's end has moved since it was last written (see
	// FlushEvery); lastWrite is when it was (time.Now, for throttling only).
	dirty     bool
	lastWrite time.Time
	now       func() time.Time
	// streakMemo: the part of the streak before the last Stats window
	streakMemo streakMemo
	pause      openRow // the last pause written
	st         stmts
}

// openRow is the last row of a span table, so the next call can extend it.
type openRow struct {
	id         int64
	start, end int64 // unix ms
	afterHours bool
	ok         bool
}

type stmts struct {
	insBreak, insSpan, updSpan, insGlass, insPause, updPause, insWarn *sql.Stmt
}

// Open opens (creating if needed) the history file at path for writing, and
// brings its schema up to date. A file that is corrupt or not a database is
// renamed to path.corrupt-YYYYMMDDTHHMMSS (with its -wal and -shm), never
// deleted, and a fresh file is started: MovedAside then says where the old
// one went, so the daemon can tell the user once.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the folder for %s: %w", path, err)
	}
	why, err := notOurs(path)
	if err != nil {
		return nil, err
	}
	if why != "" {
		// Never change a file that is not ours (or is a newer Limber's):
		// keep the history in a fresh file beside it, and say so.
		beside := besidePath(path)
		if w, err := notOurs(beside); err != nil {
			return nil, err
		} else if w != "" {
			return nil, fmt.Errorf("%s %s, and so does %s: move one of them away", path, why, beside)
		}
		s, err := openOwn(beside)
		if err != nil {
			return nil, err
		}
		s.foreign, s.foreignWhy = path, why
		return s, nil
	}
	return openOwn(path)
}

// besidePath is where the history goes when path holds a file Limber must
// not change.
func besidePath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + "-limber" + filepath.Ext(path)
}

// notOurs looks at an existing SQLite file read-only and says why Limber
// must leave it alone ("" when it may write it): tables of another program,
// or a schema newer than this build knows.
func notOurs(path string) (string, error) {
	why, err := lookReadOnly(path)
	if needsRollback(err) {
		// A writer died mid-transaction (a crash, kill -9) and left a hot
		// journal that a read-only look may not roll back. Rolling it back
		// restores the file's last commit, as any SQLite writer would on
		// open; only then can the file be judged.
		if rerr := rollBack(path); rerr != nil {
			return "", rerr
		}
		why, err = lookReadOnly(path)
	}
	return why, err
}

// needsRollback reports whether err is SQLite refusing a read-only open
// because a hot journal or WAL needs recovery first.
func needsRollback(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_READONLY_ROLLBACK || se.Code() == sqlite3.SQLITE_READONLY_RECOVERY)
}

// rollBack opens path for writing and reads from it once, which makes
// SQLite roll back (or recover) what a dead writer left, and changes
// nothing else.
func rollBack(path string) error {
	db, err := sql.Open("sqlite", dsn(path, "_busy_timeout=5000"))
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil && !isCorrupt(err) {
		return fmt.Errorf("recovering %s after a crash: %w", path, err)
	}
	return nil
}

// lookReadOnly is notOurs's look at the file, without recovery.
func lookReadOnly(path string) (string, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("checking %s: %w", path, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		if fi, err = os.Stat(path); err != nil {
			return "", fmt.Errorf("checking %s: %w", path, err)
		}
	}
	if !fi.Mode().IsRegular() {
		what := "not a regular file"
		if fi.IsDir() {
			what = "a folder"
		}
		return "", fmt.Errorf("%s is %s: move it away so Limber can keep its history there", path, what)
	}
	if fi.Size() == 0 || checkHeader(path) != nil {
		return "", nil // empty, or damaged: Open starts it or moves it aside
	}
	db, err := sql.Open("sqlite", dsn(path, "mode=ro&_busy_timeout=5000"))
	if err != nil {
		return "", fmt.Errorf("opening %s: %w", path, err)
	}
	defer db.Close()
	var v, foreign int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		if isCorrupt(err) {
			return "", nil
		}
		return "", fmt.Errorf("reading %s: %w", path, err)
	}
	if v > SchemaVersion() {
		return lang.X("history.foreign.newer", "was written by a newer Limber (schema {{.V}}, this one knows up to {{.Max}})",
			map[string]any{"V": v, "Max": SchemaVersion()}), nil
	}
	if v == 0 {
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&foreign); err != nil {
			if isCorrupt(err) {
				return "", nil
			}
			return "", fmt.Errorf("reading %s: %w", path, err)
		}
		if foreign > 0 {
			return lang.X("history.foreign.other", "holds another program's database"), nil
		}
	}
	return "", nil
}

// openOwn opens a history file of ours, moving a damaged one aside.
func openOwn(path string) (*Store, error) {
	if err := ensurePrivate(path); err != nil {
		return nil, err
	}
	// A file that is not SQLite at all is moved aside before SQLite sees
	// it: SQLite would drop a -wal it cannot match to the main file.
	err := checkHeader(path)
	var s *Store
	if err == nil {
		s, err = openWriter(path)
		if err == nil {
			return s, nil
		}
	}
	if !isCorrupt(err) {
		return nil, err
	}
	moved, merr := moveAside(path, time.Now())
	if merr != nil {
		return nil, fmt.Errorf("%s is damaged (%v) and could not be moved aside: %w", path, err, merr)
	}
	if err := ensurePrivate(path); err != nil {
		return nil, err
	}
	s, err = openWriter(path)
	if err != nil {
		return nil, fmt.Errorf("starting a fresh history after moving the damaged one to %s: %w", moved, err)
	}
	s.moved = moved
	return s, nil
}

// ensurePrivate creates path 0600 (SQLite gives its -wal and -shm the main
// file's mode) or takes group and other access off an existing one: the
// history says when the user was at the computer.
func ensurePrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("checking %s: %w", path, err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(fi.Mode().Perm() &^ 0o077); err != nil {
			return fmt.Errorf("making %s private: %w", path, err)
		}
	}
	return nil
}

// OpenReadOnly opens the history file for reading only (mode=ro and
// query_only), beside a running daemon or without one. It returns an error
// wrapping ErrNoHistory when the file does not exist.
func OpenReadOnly(path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoHistory)
	}
	db, err := sql.Open("sqlite", dsn(path, "mode=ro&_query_only=1&_busy_timeout=5000"))
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	db.SetMaxOpenConns(2)
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		db.Close()
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if v < 1 {
		db.Close()
		return nil, fmt.Errorf("%s has no tables yet: %w", path, ErrNoHistory)
	}
	// A newer schema only adds to the old one, and every query names its
	// columns, so reading it is safe.
	return &Store{db: db, path: path, readOnly: true}, nil
}

func openWriter(path string) (*Store, error) {
	// _txlock=immediate: a write transaction takes the write lock at BEGIN,
	// so it never fails half-way with SQLITE_BUSY against a reader's upgrade.
	// auto_vacuum=INCREMENTAL only takes effect on a new file; it lets Prune
	// hand space back without rewriting the whole file.
	db, err := sql.Open("sqlite", dsn(path,
		"_busy_timeout=5000&_auto_vacuum=INCREMENTAL&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	// One connection: the writer's statements are serialised anyway, and
	// prepared statements stay prepared on it.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.init(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) init() error {
	ctx := context.Background()
	var check string
	if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return fmt.Errorf("checking %s: %w", s.path, err)
	}
	if check != "ok" {
		return fmt.Errorf("checking %s: %w: %s", s.path, errCorrupt, check)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("reading the journal mode of %s: %w", s.path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("%s could not be switched to WAL mode (it is %q)", s.path, mode)
	}
	if err := migrateTo(ctx, s.db, SchemaVersion()); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = s.db.PrepareContext(ctx, q)
		return st
	}
	s.st = stmts{
		insBreak: prep(`INSERT INTO breaks(at, kind, card, due, outcome, dur_ms, debt_ms, paid_ms, spent) VALUES(?,?,?,?,?,?,?,?,?)`),
		insSpan:  prep(`INSERT INTO activity(start_at, end_at, after_hours) VALUES(?,?,?)`),
		updSpan:  prep(`UPDATE activity SET start_at=?, end_at=? WHERE id=?`),
		insGlass: prep(`INSERT INTO glasses(at, source) VALUES(?,?)`),
		insPause: prep(`INSERT INTO pauses(start_at, end_at) VALUES(?,?)`),
		updPause: prep(`UPDATE pauses SET end_at=? WHERE id=?`),
		insWarn:  prep(`INSERT INTO limit_warnings(at, sitting_ms) VALUES(?,?)`),
	}
	if err != nil {
		return fmt.Errorf("preparing statements on %s: %w", s.path, err)
	}
	// Pick up the last span and pause, so a daemon restarted within
	// MergeGap continues them instead of starting a new row.
	var ah int
	err = s.db.QueryRowContext(ctx, `SELECT id, start_at, end_at, after_hours FROM activity ORDER BY id DESC LIMIT 1`).
		Scan(&s.span.id, &s.span.start, &s.span.end, &ah)
	switch {
	case err == nil:
		s.span.ok, s.span.afterHours = true, ah != 0
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("reading the last sitting span in %s: %w", s.path, err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(end_at), 0) FROM activity`).Scan(&s.high); err != nil {
		return fmt.Errorf("reading the last sitting time in %s: %w", s.path, err)
	}
	err = s.db.QueryRowContext(ctx, `SELECT id, start_at, end_at FROM pauses ORDER BY id DESC LIMIT 1`).
		Scan(&s.pause.id, &s.pause.start, &s.pause.end)
	switch {
	case err == nil:
		s.pause.ok = true
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("reading the last pause in %s: %w", s.path, err)
	}
	return nil
}

// checkHeader fails with errCorrupt when path exists, is not empty and does
// not start with SQLite's magic string.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	magic := []byte("SQLite format 3\x00")
	buf := make([]byte, len(magic))
	n, err := io.ReadFull(f, buf)
	switch {
	case n == 0 && (err == io.EOF):
		return nil // an empty file: SQLite starts a database in it
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("reading %s: %w", path, err)
	case !bytes.Equal(buf[:n], magic):
		return fmt.Errorf("%s: %w: it is not a SQLite database", path, errCorrupt)
	}
	return nil
}

// dsn builds a SQLite URI for path; '?', '#' and '%' in the path are escaped
// so they are not taken for the query.
func dsn(path, query string) string {
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + p + "?" + query
}

// isCorrupt reports whether err means the file is damaged or not a
// database at all (as opposed to, say, a permission problem, where moving
// the file aside would not help).
func isCorrupt(err error) bool {
	if errors.Is(err, errCorrupt) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return false
}

// moveAside renames path and its -wal and -shm to path.corrupt-STAMP (a
// counter is added if that name is taken) and returns the new main name.
func moveAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.Format("20060102T150405")
	dst := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(path, dst); err != nil {
		return "", fmt.Errorf("renaming %s: %w", path, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+suffix, dst+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return dst, fmt.Errorf("renaming %s: %w", path+suffix, err)
		}
	}
	return dst, nil
}

// MovedAside is where Open moved a damaged history file ("" if it did not).
func (s *Store) MovedAside() string { return s.moved }

// Path is the file this store reads and writes.
func (s *Store) Path() string { return s.path }

// Flush writes sitting time held back by FlushEvery. The daemon need not
// call it: Close and every other Record call flush too.
func (s *Store) Flush() error {
	if err := s.writable(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flushLocked()
}

func (s *Store) flushLocked() error {
	if !s.dirty {
		return nil
	}
	if _, err := s.st.updSpan.Exec(s.span.start, s.span.end, s.span.id); err != nil {
		return fmt.Errorf("recording sitting time: %w", err)
	}
	s.dirty = false
	s.lastWrite = s.now()
	return nil
}

// Close writes what is held back and closes the file. A writer's WAL is
// checkpointed into the main file.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ferr error
	if !s.readOnly {
		ferr = s.flushLocked()
	}
	for _, st := range []*sql.Stmt{s.st.insBreak, s.st.insSpan, s.st.updSpan, s.st.insGlass, s.st.insPause, s.st.updPause, s.st.insWarn} {
		if st != nil {
			st.Close()
		}
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", s.path, err)
	}
	return ferr
}

// IntegrityCheck runs SQLite's full integrity check and returns its verdict
// ("ok" when all is well).
func (s *Store) IntegrityCheck() (string, error) {
	rows, err := s.db.Query("PRAGMA integrity_check")
	if err != nil {
		return "", fmt.Errorf("checking %s: %w", s.path, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return "", fmt.Errorf("checking %s: %w", s.path, err)
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

func (s *Store) writable() error {
	if s.readOnly {
		return fmt.Errorf("the history at %s is open read-only", s.path)
	}
	return nil
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v) }

// MovedAsideNotice is what to tell the user, once, after Open moved a
// damaged history file aside ("" when it did not).
func (s *Store) MovedAsideNotice() string {
	if s.foreign != "" {
		return lang.X("history.foreign",
			"The file at {{.Path}} {{.Why}}; Limber left it untouched and keeps its history in {{.Beside}}.",
			map[string]any{"Path": s.foreign, "Why": s.foreignWhy, "Beside": s.path})
	}
	if s.moved == "" {
		return ""
	}
	return lang.X("history.moved_aside",
		"Limber's history file was damaged, so a fresh one was started. The old file is kept at {{.Path}} (nothing was deleted).",
		map[string]any{"Path": s.moved})
}
