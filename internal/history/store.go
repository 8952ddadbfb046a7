// Package history is Limber's journal: every break and its outcome, sitting
// time, pauses, glasses of water and daily-limit warnings, kept in an
// append-only file of JSON lines at paths.HistoryFile()
// ($XDG_DATA_HOME/limber/history.jsonl).
//
// The file: a header line {"limber_history":N} (N the format version),
// then one event a line, times in Unix milliseconds. A sitting span or a
// pause that grows is written again with the same start: a line of the
// same type and start as the previous line of its type replaces it
// (readers fold the two; Prune and a compaction after many such lines
// rewrite the file without them).
//
// Why hand-written: the daemon runs all day, and what it links stays
// resident. SQLite (modernc.org/sqlite with its libc) cost ~4.8 MB of
// binary and ~3.7 MB of resident code plus its own allocator's memory;
// bbolt maps the whole file, which then stays resident after every stats
// query. No library is an append-only JSON-lines event log with torn-tail
// recovery that costs nothing to link; this is ~1,000 lines on encoding/json
// and bufio (store.go, merge.go, and decode.go, a decoder for the writer's
// own lines that makes statistics three times faster than encoding/json). Reading an old SQLite history.db is done once, by
// limber-window import-history (internal/historydb), which alone links
// SQLite.
//
// Only the daemon writes (Open). The CLI and the stats window read through
// the daemon's IPC or, when it is not running, read the file directly
// (OpenReadOnly): a reader stops at the last complete line, so it can read
// beside the writer.
//
// Crash safety: every line is appended with one write and synced before
// the Record call returns, so a kill -9 loses nothing acknowledged. A torn
// or unreadable last line (a crash in the middle of an append) is cut off
// when the writer opens the file; an unreadable line in the middle is
// skipped, reported once, and kept. Sitting time is as fresh as the last
// write (see FlushEvery).
package history

import (
	"bufio"
	"bytes"
	"encoding/json"
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

	"github.com/limber-app/limber/internal/i18n"
)

// FormatVersion is the format version of the file this build writes.
const FormatVersion = 1

// ErrNoHistory means there is no history file yet (nothing recorded).
var ErrNoHistory = fmt.Errorf("no history recorded yet: %w", fs.ErrNotExist)

// FlushEvery is how often an extended sitting span is written while the
// daemon reports activity more often than that: a kill -9 loses at most
// this much sitting time (a figure shown in minutes), and a day of sitting
// costs about a thousand small fsync'd lines instead of one per poll; the
// file is compacted about every 1,000 such lines.
const FlushEvery = 30 * time.Second

// MergeGap is how far apart two sitting spans may be and still be merged
// into one: it absorbs the jitter between the daemon's calls, and is far
// shorter than any real time away.
const MergeGap = 10 * time.Second

// compactAfter is how many lines replaced by a later one (a growing span's
// earlier ends) the file may hold before the writer rewrites it without
// them: about 80 minutes of sitting, ~50 KB.
const compactAfter = 1000

// Store is an open history file. It is safe for concurrent use.
type Store struct {
	path     string
	readOnly bool
	// foreign is the file at the usual place that was left alone, and
	// foreignWhy why ("" when the store is at the usual place).
	foreign, foreignWhy string

	mu sync.Mutex // guards everything below, and orders writes
	f  *os.File   // the writer's append handle
	// size is the file's length: a failed append is cut back to it.
	size int64
	// high is the latest end of any sitting span written: a new span never
	// starts before it, so a clock set back cannot write overlapping spans.
	high  int64
	span  openRow // the last sitting span, extended by writing it again
	pause openRow // the last pause written
	goals *Goals  // the goals last stored
	// replaced counts lines the file holds that a later line replaces.
	replaced int
	// dirty: span's end has moved since it was last written (see
	// FlushEvery); lastWrite is when it was (time.Now, for throttling only).
	dirty     bool
	lastWrite time.Time
	now       func() time.Time
	// skipped: unreadable lines found at open (line numbers, the first few)
	// and how many in all.
	skipped  []int
	nSkipped int
}

// openRow is the last span of a kind, so the next call can extend it.
type openRow struct {
	start, end int64 // unix ms
	afterHours bool
	ok         bool
}

// Line types beyond the event types of export.go.
const (
	lineGoals  = "goals"  // the daemon's goals (SetGoals)
	lineImport = "import" // an old SQLite history was imported (MergeImport)
)

// record is one line of the file. Times are Unix milliseconds, durations
// milliseconds; empty fields are left out.
type record struct {
	T       string `json:"t"`
	At      int64  `json:"at,omitempty"`
	End     int64  `json:"end,omitempty"`
	AH      bool   `json:"ah,omitempty"`   // sitting after working hours
	Kind    string `json:"kind,omitempty"` // breaks
	Card    string `json:"card,omitempty"`
	Due     int64  `json:"due,omitempty"`
	Outcome string `json:"outcome,omitempty"`
	MS      int64  `json:"ms,omitempty"` // a break's duration, the sitting at a limit warning
	Debt    int64  `json:"debt,omitempty"`
	Paid    int64  `json:"paid,omitempty"`
	Spent   bool   `json:"spent,omitempty"`
	Src     string `json:"src,omitempty"` // glasses; an import's source file
	Goals   *Goals `json:"goals,omitempty"`
}

type header struct {
	V *int `json:"limber_history"`
}

func headerLine() []byte { return fmt.Appendf(nil, "{\"limber_history\":%d}\n", FormatVersion) }

// Open opens (creating if needed) the history file at path for writing.
// A file at path that is not a Limber history, or one of a newer format,
// is never written: the history then goes to a file beside it
// (history-limber.jsonl), and Notice says so.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the folder for %s: %w", path, err)
	}
	why, err := notOurs(path)
	if err != nil {
		return nil, err
	}
	if why != "" {
		beside := besidePath(path)
		if w, err := notOurs(beside); err != nil {
			return nil, err
		} else if w != "" {
			return nil, fmt.Errorf("%s %s, and so does %s: move one of them away", path, why, beside)
		}
		s, err := openWriter(beside)
		if err != nil {
			return nil, err
		}
		s.foreign, s.foreignWhy = path, why
		return s, nil
	}
	return openWriter(path)
}

// besidePath is where the history goes when path holds a file Limber must
// not change.
func besidePath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + "-limber" + filepath.Ext(path)
}

// notOurs looks at an existing file and says why Limber must leave it
// alone ("" when it may write it): not a Limber history, or a newer format.
func notOurs(path string) (string, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("checking %s: %w", path, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return "", fmt.Errorf("%s is a symbolic link, which Limber does not follow: put the file itself there", path)
	case !fi.Mode().IsRegular():
		what := "not a regular file"
		if fi.IsDir() {
			what = "a folder"
		}
		return "", fmt.Errorf("%s is %s: move it away so Limber can keep its history there", path, what)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	v, complete, err := readHeader(bufio.NewReader(f))
	switch {
	case err != nil:
		return "", fmt.Errorf("reading %s: %w", path, err)
	case !complete:
		return "", nil // empty, or a header torn at creation: started afresh
	case v < 0:
		return i18n.X("history.foreign.not_history", "is not a Limber history file"), nil
	case v > FormatVersion:
		return i18n.X("history.foreign.newer_format", "was written by a newer Limber (format {{.V}}, this one knows up to {{.Max}})",
			map[string]any{"V": v, "Max": FormatVersion}), nil
	}
	return "", nil
}

// readHeader reads the first line: its version (-1 when it is not a
// Limber header) and whether the line is complete.
func readHeader(r *bufio.Reader) (v int, complete bool, err error) {
	b, err := r.ReadSlice('\n')
	if errors.Is(err, io.EOF) || errors.Is(err, bufio.ErrBufferFull) && len(b) == 0 {
		return 0, false, nil
	}
	if errors.Is(err, bufio.ErrBufferFull) {
		return -1, true, nil // a first line this long is no header of ours
	}
	if err != nil {
		return 0, false, err
	}
	var h header
	if json.Unmarshal(b, &h) != nil || h.V == nil || *h.V < 1 {
		return -1, true, nil
	}
	return *h.V, true, nil
}

func openWriter(path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	s := &Store{path: path, f: f, now: time.Now}
	if err := s.load(); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// load makes the file private, writes the header of a new file, cuts off a
// torn last line, and reads what the writer keeps in memory.
func (s *Store) load() error {
	fi, err := s.f.Stat()
	if err != nil {
		return fmt.Errorf("checking %s: %w", s.path, err)
	}
	// The history says when the user was at the computer.
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		if err := s.f.Chmod(fi.Mode().Perm() &^ 0o077); err != nil {
			return fmt.Errorf("making %s private: %w", s.path, err)
		}
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("reading %s: %w", s.path, err)
	}
	sc, err := scan(s.f, s.remember)
	if err != nil {
		return fmt.Errorf("reading %s: %w", s.path, err)
	}
	if !sc.header {
		// new, or its header was torn when it was created: nothing in it
		sc.good = 0
	}
	if sc.good < fi.Size() {
		// A torn append: never acknowledged, so cut off.
		if err := s.f.Truncate(sc.good); err != nil {
			return fmt.Errorf("cutting a torn last line off %s: %w", s.path, err)
		}
	}
	s.size = sc.good
	if _, err := s.f.Seek(0, io.SeekEnd); err != nil {
		return fmt.Errorf("opening %s: %w", s.path, err)
	}
	if !sc.header {
		if err := s.appendLocked(headerLine()); err != nil {
			return err
		}
	}
	s.replaced, s.skipped, s.nSkipped = sc.replaced, sc.bad, sc.nBad
	return nil
}

// remember keeps, while the file is read at open, what the writer needs.
func (s *Store) remember(r *record) {
	switch r.T {
	case TypeSitting:
		s.span = openRow{start: r.At, end: r.End, afterHours: r.AH, ok: true}
		s.high = max(s.high, r.End)
	case TypePause:
		s.pause = openRow{start: r.At, end: r.End, ok: true}
	case lineGoals:
		s.goals = r.Goals
	}
}

// scanned is what scan found.
type scanned struct {
	header bool  // the file starts with a complete header line
	good   int64 // the length up to the end of the last line read
	// bad: the first few unreadable lines in the middle (line numbers),
	// nBad how many; replaced: lines replaced by a later one.
	bad            []int
	nBad, replaced int
}

// maxLine caps a line: no event is near it, and a file of garbage
// without line ends is not read into memory whole.
const maxLine = 64 << 10

// scan reads the file from its start and hands fn every event, with a
// growing span's lines folded into one (handed over when it is complete,
// so spans may come a little after the events recorded while they grew).
// It stops at the last complete line: an incomplete one is a writer's
// append in progress, or torn.
//
// only, when not empty, names the types the caller wants: lines of other
// types are skipped undecoded (told by the "t" field the writer puts
// first), which makes a look for today's breaks several times cheaper.
func scan(r io.Reader, fn func(*record), only ...string) (scanned, error) {
	var sc scanned
	br := bufio.NewReaderSize(r, 32<<10)
	var off int64       // the end of the last complete line
	var lastStart int64 // where the last complete line began
	lastBad, torn := false, false
	var sit, pause *record // the last of each, maybe still growing
	lineNo := 0
	for {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// a very long line: keep up to maxLine of it (it is no event
			// of ours past that), then read on to its end
			long := append([]byte(nil), b...)
			for errors.Is(err, bufio.ErrBufferFull) {
				b, err = br.ReadSlice('\n')
				long = append(long[:min(len(long), maxLine)], b...)
			}
			b = long
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return sc, err
		}
		if len(b) == 0 {
			break
		}
		if b[len(b)-1] != '\n' {
			torn = true // a writer's append in progress, or torn by a crash
			break
		}
		lineNo++
		lastStart, lastBad = off, false
		off += int64(len(b))
		if lineNo == 1 {
			var h header
			if json.Unmarshal(b, &h) == nil && h.V != nil {
				sc.header = true
				continue
			}
			// not a header: notOurs has judged the file already
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if len(only) > 0 && !wanted(b, only) {
			continue
		}
		var rec record
		if !decodeLine(b, &rec) && json.Unmarshal(b, &rec) != nil || rec.T == "" {
			sc.nBad++
			if len(sc.bad) < 5 {
				sc.bad = append(sc.bad, lineNo)
			}
			lastBad = true
			continue
		}
		switch rec.T {
		case TypeSitting:
			if sit != nil && sit.At == rec.At && sit.AH == rec.AH {
				sit.End = max(sit.End, rec.End)
				sc.replaced++
				continue
			}
			if sit != nil {
				fn(sit)
			}
			sit = &rec
		case TypePause:
			if pause != nil && pause.At == rec.At {
				pause.End = rec.End
				sc.replaced++
				continue
			}
			if pause != nil {
				fn(pause)
			}
			pause = &rec
		default:
			fn(&rec)
		}
	}
	sc.good = off
	if !torn && lastBad {
		// an unreadable last line is a torn append too: cut back, not
		// reported (only the last line: one before it is kept)
		sc.good = lastStart
		sc.nBad--
		if n := len(sc.bad); n > 0 && sc.bad[n-1] == lineNo {
			sc.bad = sc.bad[:n-1]
		}
	}
	if sit != nil {
		fn(sit)
	}
	if pause != nil {
		fn(pause)
	}
	return sc, nil
}

// typePrefix is how every line the writer writes begins.
var typePrefix = []byte(`{"t":"`)

// wanted reports whether line b may be of one of the types only: it is,
// or its type cannot be told without decoding it.
func wanted(b []byte, only []string) bool {
	rest, ok := bytes.CutPrefix(b, typePrefix)
	if !ok {
		return true
	}
	t, _, ok := bytes.Cut(rest, []byte{'"'})
	if !ok {
		return true
	}
	for _, o := range only {
		if string(t) == o {
			return true
		}
	}
	return false
}

// read scans the file at s.path from a handle of its own (readers never
// wait for the writer); only as for scan.
func (s *Store) read(fn func(*record), only ...string) error {
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", s.path, err)
	}
	defer f.Close()
	if _, err := scan(f, fn, only...); err != nil {
		return fmt.Errorf("reading %s: %w", s.path, err)
	}
	return nil
}

// OpenReadOnly opens the history file for reading only, beside a running
// daemon or without one. It returns an error wrapping ErrNoHistory when the
// file does not exist or holds nothing yet. A file of a newer format is
// read as far as this build understands it.
func OpenReadOnly(path string) (*Store, error) {
	if why, _ := notOurs(path); why != "" {
		// the daemon keeps its history beside a file it must not change
		if _, err := os.Stat(besidePath(path)); err == nil {
			path = besidePath(path)
		}
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoHistory)
	}
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	v, complete, err := readHeader(bufio.NewReader(f))
	switch {
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", path, err)
	case !complete:
		return nil, fmt.Errorf("%s is empty: %w", path, ErrNoHistory)
	case v < 0:
		return nil, fmt.Errorf("%s is not a Limber history file", path)
	}
	return &Store{path: path, readOnly: true}, nil
}

// Path is the file this store reads and writes.
func (s *Store) Path() string { return s.path }

// appendLocked writes b (whole lines) at the end and syncs it; a torn
// append (a full disk) is cut back, so the file never holds half a line
// that was reported as failed.
func (s *Store) appendLocked(b []byte) error {
	if s.f == nil {
		return fmt.Errorf("the history at %s is closed", s.path)
	}
	_, err := s.f.Write(b)
	if err == nil {
		err = s.f.Sync()
	}
	if err != nil {
		s.f.Truncate(s.size)
		s.f.Seek(0, io.SeekEnd)
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	s.size += int64(len(b))
	return nil
}

// writeLocked appends one record.
func (s *Store) writeLocked(r record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.appendLocked(append(b, '\n'))
}

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
	if err := s.writeLocked(spanRecord(s.span)); err != nil {
		return fmt.Errorf("recording sitting time: %w", err)
	}
	s.dirty = false
	s.lastWrite = s.now()
	s.replaced++
	if s.replaced >= compactAfter {
		// Fold the growing spans' lines: the file stays about as large
		// as its events.
		if _, err := s.rewriteLocked(func(*record) bool { return true }); err != nil {
			return fmt.Errorf("compacting %s: %w", s.path, err)
		}
	}
	return nil
}

func spanRecord(o openRow) record {
	return record{T: TypeSitting, At: o.start, End: o.end, AH: o.afterHours}
}

// rewriteLocked replaces the file by one holding the header and the
// events keep says to keep, with growing spans folded (a temporary file,
// synced, renamed over the old one), and returns how many events went.
func (s *Store) rewriteLocked(keep func(*record) bool) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".tmp*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; else a leftover
	w := bufio.NewWriter(tmp)
	w.Write(headerLine())
	var dropped int64
	var werr error
	err = s.read(func(r *record) {
		if werr != nil {
			return
		}
		if !keep(r) {
			dropped++
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			werr = err
			return
		}
		w.Write(b)
		werr = w.WriteByte('\n')
	})
	if err == nil {
		err = werr
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	// Closed first: Windows renames over no open file. Reopened after,
	// whether the rename worked (the new file) or not (the old one).
	s.f.Close()
	rerr := os.Rename(tmp.Name(), s.path)
	if rerr == nil {
		syncDir(filepath.Dir(s.path))
	}
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|noFollow, 0o600)
	if err != nil {
		s.f = nil // the journal reopens it
		return 0, err
	}
	s.f = f
	if rerr != nil {
		return 0, rerr
	}
	fi, err := f.Stat()
	if err != nil {
		return dropped, err
	}
	s.size = fi.Size()
	s.replaced = 0
	return dropped, nil
}

// syncDir makes a rename in dir durable (where the system allows it).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Close writes what is held back and closes the file.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly || s.f == nil {
		return nil
	}
	ferr := s.flushLocked()
	err := s.f.Close()
	s.f = nil
	if err != nil {
		return fmt.Errorf("closing %s: %w", s.path, err)
	}
	return ferr
}

// IntegrityCheck reads the whole file and returns "ok", or which lines
// cannot be read (they are skipped by every reader, and kept).
func (s *Store) IntegrityCheck() (string, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return "", fmt.Errorf("checking %s: %w", s.path, err)
	}
	defer f.Close()
	sc, err := scan(f, func(*record) {})
	if err != nil {
		return "", fmt.Errorf("checking %s: %w", s.path, err)
	}
	if !sc.header {
		return "no header line", nil
	}
	if sc.nBad > 0 {
		return fmt.Sprintf("%d unreadable lines (first at line %d)", sc.nBad, sc.bad[0]), nil
	}
	return "ok", nil
}

func (s *Store) writable() error {
	if s.readOnly {
		return fmt.Errorf("the history at %s is open read-only", s.path)
	}
	return nil
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v) }

// Notice is what to tell the user, once, about the file itself: left
// alone because it is not ours, or lines in it that cannot be read (""
// when nothing).
func (s *Store) Notice() string {
	var out []string
	if s.foreign != "" {
		out = append(out, i18n.X("history.foreign",
			"The file at {{.Path}} {{.Why}}; Limber left it untouched and keeps its history in {{.Beside}}.",
			map[string]any{"Path": s.foreign, "Why": s.foreignWhy, "Beside": s.path}))
	}
	if s.nSkipped > 0 {
		out = append(out, i18n.XN("history.skipped",
			"{{.N}} lines of {{.Path}} cannot be read (the first is line {{.Line}}); they are skipped and kept in the file. Nothing else is lost.",
			s.nSkipped, map[string]any{"N": s.nSkipped, "Path": s.path, "Line": s.skipped[0]}))
	}
	return strings.Join(out, " ")
}
