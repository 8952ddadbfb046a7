package settings

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
)

// Store is the daemon's view of the settings: the system settings (the
// XDG config dirs' files and the OS's policies, managed.go) and the user's
// file over them, the settings in use (the last good ones), the problems of
// the file on disk, saving from the window, and reloading after hand edits
// of either. It is safe for concurrent use.
type Store struct {
	path string
	w    *Watcher

	mu    sync.Mutex
	sys   *System
	cur   Settings
	file  File // cur is its Main
	probs []Problem
}

// OpenStore reads the system settings, writes the default file on first
// run, then loads path. A file with problems, or one that cannot be read
// (its mode, a folder or a FIFO in its place, a symlink loop), leaves the
// system's settings (the defaults, unless an administrator set some) in use
// and says why in the problems; the watcher re-reads it once it changes, so
// fixing it takes effect without a restart. created reports a first run;
// err is only a first run's file that could not be written.
func OpenStore(path string) (st *Store, created bool, err error) {
	return OpenStoreWith(LoadSystem(), path)
}

// OpenStoreWith is OpenStore over the system settings sys.
func OpenStoreWith(sys *System, path string) (st *Store, created bool, err error) {
	created, err = sys.EnsureFile(path)
	if err != nil {
		return nil, false, err
	}
	st = &Store{path: path, w: NewWatcher(path, 2*time.Second), sys: sys}
	st.w.parse = func(data []byte, file string) (File, []Problem) { return st.System().ParseFile(data, file) }
	f, probs, err := sys.LoadFile(path)
	if err != nil {
		f, probs = sys.emptyFile(), []Problem{Unreadable(path, err)}
	}
	st.cur, st.file, st.probs = f.Main, f, probs
	return st, created, nil
}

// Unreadable is the problem of a settings file that cannot be read at all.
func Unreadable(path string, err error) Problem {
	return Problem{File: path, Message: lang.X("settings.err.unreadable",
		"This file cannot be read ({{.Err}}); the default settings are in use until it can.",
		map[string]any{"Err": err.Error()})}
}

// Path is the settings file.
func (st *Store) Path() string { return st.path }

// System is the system settings in effect.
func (st *Store) System() *System {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.sys
}

// Current returns the settings in use and the problems of the file on disk.
func (st *Store) Current() (Settings, []Problem) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.cur, append([]Problem(nil), st.probs...)
}

// File returns the whole file in use (the main settings and the profiles)
// and the problems of the file on disk.
func (st *Store) File() (File, []Problem) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.file, append([]Problem(nil), st.probs...)
}

// SetProfile saves the profile name (SaveProfile) and makes the file as
// it now reads current.
func (st *Store) SetProfile(name string, s Settings, keys []string) (File, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.w.Write(func() error { return st.sys.SaveProfile(st.path, name, s, keys) }); err != nil {
		return st.file, err
	}
	f, probs, err := st.sys.LoadFile(st.path)
	if err == nil && len(probs) > 0 { // just written and checked: only a race with an editor gets here
		err = errors.New(probs[0].String())
	}
	if err != nil {
		return st.file, fmt.Errorf("rereading the settings after saving: %w", err)
	}
	st.cur, st.file, st.probs = f.Main, f, nil
	return f, nil
}

// Set validates s, writes it atomically and makes it current; the watcher
// does not report this write back. Locked keys keep the system's value
// and their lines in the file are left alone (System.Save). The error of
// invalid settings is an *InvalidError naming the fields.
func (st *Store) Set(s Settings) (Settings, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.w.Write(func() error { return st.sys.Save(st.path, s) }); err != nil {
		return st.cur, err
	}
	s = st.sys.Lock(s)
	s.Normalize()
	st.cur, st.probs = s, nil
	st.file.Main = s
	return s, nil
}

// Watch polls the user's file and the system settings until ctx is done.
// After each edit it calls fn with the update: on valid settings they are
// already current; on problems (or a removed file) the previous settings
// stay current and fn can tell the user once per edit. A change of the
// system settings is an update with System set. fn is called from Watch's
// goroutine, one update at a time.
func (st *Store) Watch(ctx context.Context, fn func(Update)) {
	t := time.NewTicker(st.w.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if u, ok := st.pollSystem(ctx); ok {
			fn(u)
		}
		if u, ok := st.w.poll(ctx); ok {
			st.mu.Lock()
			switch {
			case u.OK():
				st.cur, st.file, st.probs = u.Settings, u.File, nil
			case u.Err == nil:
				st.probs = u.Problems
			default:
				st.probs = []Problem{Unreadable(st.path, u.Err)}
			}
			st.mu.Unlock()
			fn(u)
		}
	}
}

// pollSystem rereads the system settings when a source changed (one stat
// a file while none did), and the user's file over them.
func (st *Store) pollSystem(ctx context.Context) (Update, bool) {
	if SourceStamp() == st.System().Stamp() {
		return Update{}, false
	}
	// An administrator's editor may be halfway through writing.
	select {
	case <-ctx.Done():
		return Update{}, false
	case <-time.After(st.w.settle):
	}
	sys := LoadSystem()
	if sys.Stamp() != SourceStamp() {
		return Update{}, false // still moving; the next poll looks again
	}
	st.w.writing.Lock() // the user's file as the daemon last saw it, not mid-save
	defer st.w.writing.Unlock()
	f, probs, err := sys.LoadFile(st.path)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sys = sys
	if err != nil || len(probs) > 0 {
		// The user's file has problems (reported when it changed): the
		// previous settings stay, under the new locks.
		f = st.file
		f.Main = sys.Lock(st.cur)
		if len(f.Main.Validate()) > 0 {
			f.Main = sys.Base()
		}
		f.lock = sys.emptyFile().lock
	}
	st.cur, st.file = f.Main, f
	return Update{Settings: f.Main, File: f, System: sys}, true
}
