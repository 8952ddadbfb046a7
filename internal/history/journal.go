package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// Entry is one event to journal, in a form that can wait in memory and in
// the fallback file until the history file takes it.
type Entry struct {
	Type string    `json:"type"` // TypeBreak, TypeSitting, TypePause, TypeGlass, TypeLimit
	At   time.Time `json:"at"`
	// End closes a sitting span or a pause.
	End        time.Time     `json:"end,omitzero"`
	AfterHours bool          `json:"after_hours,omitempty"`
	Source     Source        `json:"source,omitempty"`
	Sitting    time.Duration `json:"sitting,omitempty"` // a limit warning's sitting so far
	Break      *BreakRecord  `json:"break,omitempty"`
}

// TypeLimit is the Entry type of a daily-limit warning.
const TypeLimit = "limit"

// BreakEntry, GlassEntry, PauseEntry, LimitEntry and SittingEntry build the
// entries for the Record calls of the same names.
func BreakEntry(r BreakRecord) Entry { return Entry{Type: TypeBreak, At: r.At, Break: &r} }

func GlassEntry(at time.Time, src Source) Entry {
	return Entry{Type: TypeGlass, At: at, Source: src}
}

func PauseEntry(from, to time.Time) Entry { return Entry{Type: TypePause, At: from, End: to} }

func LimitEntry(at time.Time, sitting time.Duration) Entry {
	return Entry{Type: TypeLimit, At: at, Sitting: sitting}
}

func SittingEntry(start, end time.Time, afterHours bool) Entry {
	return Entry{Type: TypeSitting, At: start, End: end, AfterHours: afterHours}
}

// check refuses an entry no store would take, so one bad event is
// answered at once and never holds up those behind it.
func (e Entry) check() error {
	switch e.Type {
	case TypeBreak:
		switch {
		case e.Break == nil:
			return errors.New("recording a break: the entry holds none")
		case !e.Break.Outcome.valid():
			return fmt.Errorf("recording a break: unknown outcome %q", e.Break.Outcome)
		case e.Break.Kind == "":
			return errors.New("recording a break: no kind given")
		case e.Break.Duration < 0:
			return fmt.Errorf("recording a break: negative duration %v", e.Break.Duration)
		}
	case TypeGlass:
		if !e.Source.valid() {
			return fmt.Errorf("recording a glass: unknown source %q", e.Source)
		}
	case TypePause, TypeSitting:
		if e.End.Before(e.At) {
			return fmt.Errorf("recording a %s: it ends before it starts", e.Type)
		}
	case TypeLimit:
	default:
		return fmt.Errorf("unknown journal entry %q", e.Type)
	}
	return nil
}

// Apply writes e to s.
func (s *Store) Apply(e Entry) error {
	switch e.Type {
	case TypeBreak:
		if e.Break == nil {
			return errors.New("recording a break: the entry holds none")
		}
		return s.RecordBreak(*e.Break)
	case TypeGlass:
		return s.RecordGlass(e.At, e.Source)
	case TypePause:
		return s.RecordPause(e.At, e.End)
	case TypeLimit:
		return s.RecordLimitWarning(e.At, e.Sitting)
	case TypeSitting:
		return s.RecordActivity(e.At, e.End, e.AfterHours)
	}
	return fmt.Errorf("unknown journal entry %q", e.Type)
}

// JournalOptions tune a Journal; zero values pick the defaults.
type JournalOptions struct {
	// MaxQueue bounds the events held in memory (DefaultMaxQueue).
	MaxQueue int
	// Fallback is the append-only file events go to while the history file
	// fails (path + ".pending"; "-" for none).
	Fallback string
	// Open opens the history file (Open).
	Open func(path string) (*Store, error)
	// MinBackoff and MaxBackoff bound the wait between reopen attempts
	// (1 s and 1 min).
	MinBackoff, MaxBackoff time.Duration
	Logf                   func(string, ...any)
}

// DefaultMaxQueue is how many events wait in memory while neither the
// history file nor the fallback file takes them: days of breaks and glasses
// (sitting spans merge in the queue, so they take one place a span).
const DefaultMaxQueue = 10000

// ErrNotKept is returned by Submit for an event that could be kept nowhere:
// the history file fails, the fallback file too, and the memory queue is full.
var ErrNotKept = errors.New("the history file cannot be written and no more events can be held until it can")

// Journal is the daemon's one writer: events are handed in (Submit, which
// never blocks on the disk) and a goroutine of its own writes them. While
// the history file cannot be opened or written, events wait in a bounded queue
// in memory and in an append-only fallback file beside it, and the
// history file is reopened with back-off; once it works, the fallback file is
// replayed into it and removed. So what the daemon acknowledged is kept
// through a read-only, full or missing history file.
//
// Replay is at least once: a crash between committing a replayed file and
// removing it writes that file's events again at the next start.
type Journal struct {
	path string
	o    JournalOptions

	mu      sync.Mutex
	queue   []job
	store   *Store
	problem error // the last failure; nil when all is written
	inFile  int   // events in the fallback file
	backoff time.Duration
	nextTry time.Time
	gen     int // counts failures, so the daemon notifies once per episode
	busy    int // queued events the writer is writing now (at the head)
	// replayed (the writer's own) counts the lines of the fallback file
	// already written, when a replay was cut short.
	replayed int
	// reloadErr is what the last Reload's function failed with.
	reloadErr error
	closed    bool
	wake      chan struct{}
	quit      chan struct{}
	finished  chan struct{}
}

type job struct {
	e  Entry
	fn func(*Store) error // upkeep (Prune), instead of e; dropped when spilled
	// reload runs with the file closed, then the file is opened again
	// (Reload); dropped when spilled.
	reload func(path string) error
	ack    chan error // nil: no one waits
}

// NewJournal opens path (trying once now, so the daemon starts with the
// history when it can) and starts the writer. Close stops it.
func NewJournal(path string, o JournalOptions) *Journal {
	if o.MaxQueue <= 0 {
		o.MaxQueue = DefaultMaxQueue
	}
	if o.Fallback == "" {
		o.Fallback = path + ".pending"
	}
	if o.Open == nil {
		o.Open = Open
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = time.Minute
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	j := &Journal{path: path, o: o, wake: make(chan struct{}, 1), quit: make(chan struct{}), finished: make(chan struct{})}
	if fi, err := os.Stat(o.Fallback); err == nil && o.Fallback != "-" {
		j.inFile = int(fi.Size()/64) + 1 // an estimate until the replay counts them
	}
	// One try now, before the writer starts, so the daemon begins with
	// today's history when it can.
	if st, err := o.Open(path); err != nil {
		j.fail(err)
	} else {
		j.store = st
		// Events a previous run kept in the fallback file go in first, so
		// what the daemon reads back at start (today's glasses) has them.
		if j.inFile > 0 {
			if err := j.replay(st); err != nil {
				j.fail(err)
			}
		}
	}
	go j.run()
	j.poke()
	return j
}

// Path is the history file file.
func (j *Journal) Path() string { return j.path }

// Store is the open history file, for reading (nil while it cannot be opened).
func (j *Journal) Store() *Store {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.store
}

// Submit hands e to the writer without waiting for the disk. The channel
// reports, once, whether e reached the history file or the fallback file (nil)
// or only the memory queue (an error saying so: it is still kept). Submit
// itself fails with ErrNotKept when e could be kept nowhere.
func (j *Journal) Submit(e Entry) (<-chan error, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return nil, errors.New("the history is closed")
	}
	if e.Type == TypeSitting && len(j.queue) > j.busy && !e.End.Before(e.At) {
		// Sitting arrives every poll: extend the span waiting last, so a
		// long outage takes one place in the queue, not one a second.
		last := &j.queue[len(j.queue)-1]
		if last.e.Type == TypeSitting && last.e.AfterHours == e.AfterHours &&
			!e.At.After(last.e.End.Add(MergeGap)) && !e.End.Before(last.e.At) {
			if e.End.After(last.e.End) {
				last.e.End = e.End
			}
			return closedAck(nil), nil
		}
	}
	if err := e.check(); err != nil {
		return nil, err
	}
	if len(j.queue) >= j.o.MaxQueue {
		return nil, ErrNotKept
	}
	ack := make(chan error, 1)
	j.queue = append(j.queue, job{e: e, ack: ack})
	j.poke()
	return ack, nil
}

func closedAck(err error) <-chan error {
	c := make(chan error, 1)
	c <- err
	return c
}

// Retry makes the writer try the history file again now (`limber status`
// calls it, so a fixed cause is picked up at once).
func (j *Journal) Retry() {
	j.mu.Lock()
	if j.problem != nil {
		j.nextTry, j.backoff = time.Time{}, 0
	}
	j.mu.Unlock()
	j.poke()
}

// State says what the user should know: the last failure (nil when the
// history file is written), how many events wait in memory and in the
// fallback file, and a counter that grows with each new failure.
func (j *Journal) State() (problem error, queued, inFile, gen int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.problem, len(j.queue), j.inFile, j.gen
}

// Notice is what to tell the user about the file itself (left alone
// because it is not ours, unreadable lines, a failed Reload), "" when
// nothing.
func (j *Journal) Notice() string {
	j.mu.Lock()
	s, rerr := j.store, j.reloadErr
	j.mu.Unlock()
	var out []string
	if s != nil {
		if n := s.Notice(); n != "" {
			out = append(out, n)
		}
	}
	if rerr != nil {
		out = append(out, rerr.Error())
	}
	return strings.Join(out, " ")
}

// Reload queues f to run in the writer's order with the history file
// closed (f gets its path: where the store is, which may be the file
// beside a foreign one), then opens the file again. Events submitted
// meanwhile wait in the queue. The import of an old history uses it. f's
// error is kept for Notice; done, when not nil, hears it too.
func (j *Journal) Reload(f func(path string) error, done func(error)) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return
	}
	j.queue = append(j.queue, job{reload: func(p string) error {
		err := f(p)
		if done != nil {
			done(err)
		}
		return err
	}})
	j.poke()
}

// Upkeep queues f (Prune, SetGoals) to run on the history file in the
// writer's order, without waiting. It is dropped, not kept, while the
// history file fails: it records no event.
func (j *Journal) Upkeep(f func(*Store) error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed || len(j.queue) >= j.o.MaxQueue {
		return
	}
	j.queue = append(j.queue, job{fn: f})
	j.poke()
}

// Close writes what it can (waiting at most a few seconds) and closes the
// history file; events still unwritten stay in the fallback file when possible.
func (j *Journal) Close() error {
	j.mu.Lock()
	if j.closed {
		j.mu.Unlock()
		return nil
	}
	j.closed = true
	j.mu.Unlock()
	close(j.quit)
	<-j.finished
	j.spill() // the last chance: onto the disk, or lost with the process
	j.mu.Lock()
	store := j.store
	j.store = nil
	j.mu.Unlock()
	if store != nil {
		return store.Close()
	}
	return nil
}

func (j *Journal) poke() {
	select {
	case j.wake <- struct{}{}:
	default:
	}
}

// run is the writer goroutine. It alone touches the history file handle and
// the fallback file; j.mu guards only what Submit and State share with it
// (the queue, the counters, the problem), and is never held across a
// write, so a locked or slow file never makes Submit, and so the daemon's
// loop, wait.
func (j *Journal) run() {
	defer close(j.finished)
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-j.quit:
			j.work(true)
			return
		case <-j.wake:
		case <-t.C:
		}
		t.Reset(j.work(false))
	}
}

// work writes what waits and returns when to look again.
func (j *Journal) work(final bool) time.Duration {
	j.mu.Lock()
	store, nextTry, inFile := j.store, j.nextTry, j.inFile
	j.mu.Unlock()
	if store == nil {
		if !final && time.Now().Before(nextTry) {
			j.spill()
			return time.Until(nextTry)
		}
		s, err := j.o.Open(j.path)
		if err != nil {
			return j.fail(err)
		}
		j.mu.Lock()
		j.store = s
		j.mu.Unlock()
		store = s
	}
	if inFile > 0 {
		if err := j.replay(store); err != nil {
			return j.fail(err)
		}
	}
	for {
		j.mu.Lock()
		if len(j.queue) == 0 {
			if j.problem != nil {
				j.o.Logf("history: %s works again", j.path)
			}
			j.problem, j.backoff = nil, 0
			j.mu.Unlock()
			return time.Hour
		}
		jb := j.queue[0]
		j.busy = 1 // Submit must not extend it while it is written
		j.mu.Unlock()
		var err error
		if jb.reload != nil {
			store, err = j.reloadWith(store, jb.reload)
			j.mu.Lock()
			j.busy = 0
			j.queue = j.queue[1:] // run once, whether the reopening works or not
			j.mu.Unlock()
			if err != nil {
				return j.fail(err)
			}
			continue
		}
		if jb.fn != nil {
			if ferr := jb.fn(store); ferr != nil {
				j.o.Logf("history: %v", ferr) // upkeep: logged, not retried
			}
		} else {
			err = store.Apply(jb.e)
		}
		j.mu.Lock()
		j.busy = 0
		if err == nil {
			j.queue = j.queue[1:]
		}
		j.mu.Unlock()
		if err != nil {
			return j.fail(err)
		}
		if jb.ack != nil {
			jb.ack <- nil
		}
	}
}

// reloadWith closes store, runs f, and opens the file again. Meanwhile
// store still answers readers (they read the file by its name, and f
// replaces it whole), and nothing writes: this goroutine is the writer.
func (j *Journal) reloadWith(store *Store, f func(string) error) (*Store, error) {
	path := store.Path()
	if err := store.Close(); err != nil {
		j.o.Logf("history: %v", err)
	}
	ferr := f(path)
	if ferr != nil {
		j.o.Logf("history: %v", ferr)
	}
	s, err := j.o.Open(j.path)
	j.mu.Lock()
	j.reloadErr = ferr
	if err == nil {
		j.store = s
	}
	j.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// fail records a failure, closes the history file (the next attempt reopens
// it: a file replaced, made writable or unlocked is then picked up), backs
// off, and moves what waits to the fallback file. It returns the wait.
func (j *Journal) fail(err error) time.Duration {
	j.mu.Lock()
	if j.problem == nil {
		j.gen++
		j.o.Logf("history: %v", err)
	}
	j.problem = err
	store := j.store
	j.store = nil
	switch {
	case j.backoff == 0:
		j.backoff = j.o.MinBackoff
	default:
		j.backoff = min(2*j.backoff, j.o.MaxBackoff)
	}
	j.nextTry = time.Now().Add(j.backoff)
	wait := j.backoff
	j.mu.Unlock()
	if store != nil {
		store.Close()
	}
	j.spill()
	return wait
}

// spill appends the queued events to the fallback file and syncs it; what
// it took is acknowledged and leaves the queue (upkeep is dropped). When
// the file cannot be written, the events stay queued and their waiters
// hear so.
func (j *Journal) spill() {
	j.mu.Lock()
	events := j.queue[:0]
	for _, jb := range j.queue {
		if jb.fn == nil && jb.reload == nil {
			events = append(events, jb)
		}
	}
	j.queue = events
	n := len(j.queue)
	batch := slices.Clone(j.queue)
	j.busy = n // these are being written: Submit appends after them
	j.mu.Unlock()
	if n == 0 {
		return
	}
	err := j.appendFallback(batch)
	j.mu.Lock()
	j.busy = 0
	for i := range n {
		j.queue[i].ack = nil
	}
	if err == nil {
		j.inFile += n
		j.queue = j.queue[n:]
	}
	j.mu.Unlock()
	for _, jb := range batch {
		if jb.ack == nil {
			continue
		}
		if err != nil {
			jb.ack <- fmt.Errorf("held in memory only: %w", err)
		} else {
			jb.ack <- nil
		}
	}
}

func (j *Journal) appendFallback(jobs []job) error {
	if j.o.Fallback == "-" {
		return errors.New("no fallback file")
	}
	var buf bytes.Buffer
	for _, jb := range jobs {
		b, err := json.Marshal(jb.e)
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	f, err := os.OpenFile(j.o.Fallback, os.O_WRONLY|os.O_APPEND|os.O_CREATE|noFollow, 0o600)
	if err != nil {
		return fmt.Errorf("opening %s: %w", j.o.Fallback, err)
	}
	var size int64
	if fi, serr := f.Stat(); serr == nil {
		size = fi.Size()
	}
	_, err = f.Write(buf.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		// A torn append (a full disk) is cut off again: those events stay
		// in memory, and must not be replayed twice later.
		f.Truncate(size)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", j.o.Fallback, err)
	}
	return nil
}

// replay writes the fallback file's events into the history file, then
// removes the file. A line that does not parse (a torn last write) is
// skipped: it was never acknowledged.
func (j *Journal) replay(store *Store) error {
	data, err := os.ReadFile(j.o.Fallback)
	if errors.Is(err, fs.ErrNotExist) {
		j.mu.Lock()
		j.inFile = 0
		j.mu.Unlock()
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", j.o.Fallback, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	n, line := 0, 0
	for sc.Scan() {
		line++
		if line <= j.replayed {
			continue // written before the last replay was cut short
		}
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		if err := store.Apply(e); err != nil {
			return err
		}
		j.replayed = line
		n++
	}
	if err := store.Flush(); err != nil {
		return err
	}
	if err := os.Remove(j.o.Fallback); err != nil {
		return fmt.Errorf("removing %s after writing it into the history: %w", j.o.Fallback, err)
	}
	j.o.Logf("history: wrote %d events kept in %s", n, j.o.Fallback)
	j.replayed = 0
	j.mu.Lock()
	j.inFile = 0
	j.mu.Unlock()
	return nil
}
