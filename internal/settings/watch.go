package settings

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"sync"
	"time"
)

// Update is what a Watcher hands back after the file changed: valid
// settings (Problems and Err empty), or why the file cannot be used.
type Update struct {
	Settings Settings
	// File is the whole file (Settings is its Main), profiles included.
	File     File
	Problems []Problem
	// Err is a read error; errors.Is(Err, fs.ErrNotExist) when the file was removed.
	Err error
	// System is set when the system settings changed (the Store's
	// updates): Settings are then the user's file over the new ones, or
	// the previous settings under its locks while the file has problems.
	System *System
}

// OK reports whether the update carries settings to apply.
func (u Update) OK() bool { return u.Err == nil && len(u.Problems) == 0 }

// Watcher notices edits to the settings file by polling its content. Polling
// a few kilobytes every couple of seconds is cheaper than it sounds and works
// the same for every editor, whether it rewrites, renames or truncates.
type Watcher struct {
	path string
	// parse reads the file's bytes; ParseFile unless the Store says otherwise
	// (the user's file over the system settings in effect).
	parse  func(data []byte, file string) (File, []Problem)
	every  time.Duration
	settle time.Duration

	// writing is held while the daemon writes the file itself and while a
	// poll looks at it, so a poll never sees the daemon's own save before
	// MarkSeen does.
	writing sync.Mutex

	mu   sync.Mutex
	last [sha256.Size]byte
	gone bool // the file was missing at the last look
	// stat is the size and modification time when last read: while they
	// hold, a poll is one stat call, not a read and a hash (the idle
	// daemon polls every 2 s; reading each time cost 0.02 s CPU a minute).
	stat fileStamp
}

// fileStamp is what a cheap stat says about the file.
// The mode is in it so that a file made readable again (chmod) is
// re-read although its content and time did not change.
type fileStamp struct {
	size int64
	mod  time.Time
	mode os.FileMode
}

func stampOf(path string) (fileStamp, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, false
	}
	return fileStamp{size: fi.Size(), mod: fi.ModTime(), mode: fi.Mode()}, true
}

// NewWatcher watches path every `every` (2 s when zero). It takes the file as
// it is now as seen, so create it before loading the settings the first time:
// an edit between the two is then reported rather than lost.
func NewWatcher(path string, every time.Duration) *Watcher {
	if every <= 0 {
		every = 2 * time.Second
	}
	w := &Watcher{path: path, every: every, settle: every / 8, parse: ParseFile}
	w.MarkSeen()
	return w
}

// MarkSeen takes the file as it is now as seen. The daemon calls it after it
// writes the file itself, so its own save is not reported back as an edit.
func (w *Watcher) MarkSeen() {
	st, _ := stampOf(w.path)
	data, err := ReadFile(w.path)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gone = err != nil
	if err == nil {
		w.last = sha256.Sum256(data)
		w.stat = st
	}
}

// Write runs write (the daemon saving the file) and marks the result seen,
// with no poll in between: the daemon's own save is never reported back.
func (w *Watcher) Write(write func() error) error {
	w.writing.Lock()
	defer w.writing.Unlock()
	if err := write(); err != nil {
		return err
	}
	w.MarkSeen()
	return nil
}

// check looks at the file once; it returns an update when the content
// changed since it was last seen.
func (w *Watcher) check(ctx context.Context) (Update, bool) {
	st, ok := stampOf(w.path)
	w.mu.Lock()
	same := ok && !w.gone && st.size == w.stat.size && st.mod.Equal(w.stat.mod)
	w.mu.Unlock()
	if same {
		return Update{}, false
	}
	data, err := ReadFile(w.path)
	w.mu.Lock()
	if err != nil {
		report := !w.gone
		w.gone = true
		w.mu.Unlock()
		if !report {
			return Update{}, false // reported once already
		}
		return Update{Settings: Defaults(), Err: fmt.Errorf("reading settings: %w", err)}, true
	}
	sum := sha256.Sum256(data)
	changed := w.gone || sum != w.last
	if !changed {
		w.stat = st // touched, not changed
	}
	w.mu.Unlock()
	if !changed {
		return Update{}, false
	}
	// An editor may be halfway through writing: wait a moment and only go on
	// when the content held still.
	select {
	case <-ctx.Done():
		return Update{}, false
	case <-time.After(w.settle):
	}
	again, err := ReadFile(w.path)
	if err != nil || sha256.Sum256(again) != sum {
		return Update{}, false // still moving; the next poll looks again
	}
	w.mu.Lock()
	w.last, w.gone, w.stat = sum, false, st
	w.mu.Unlock()
	f, probs := w.parse(data, w.path)
	return Update{Settings: f.Main, File: f, Problems: probs}, true
}

// Run polls until ctx is done, calling fn (from Run's goroutine) with each change.
func (w *Watcher) Run(ctx context.Context, fn func(Update)) {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if u, ok := w.poll(ctx); ok {
				fn(u)
			}
		}
	}
}

// poll looks at the file once, never during the daemon's own write.
func (w *Watcher) poll(ctx context.Context) (Update, bool) {
	w.writing.Lock()
	defer w.writing.Unlock()
	return w.check(ctx)
}
