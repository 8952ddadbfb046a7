// Package statswin is the statistics window (`limber window stats`): today
// at a glance, sitting time per day against the limit, how many breaks of
// each kind were taken, glasses of water per day and the streak of days
// that met the goals. It asks the daemon over IPC (`stats`) and, when no
// daemon answers, reads the history file itself, read-only.
package statswin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/limber-app/limber/internal/ui/appwin"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/paths"
)

// Daemon is what the window asks of the daemon; *api.Client is one.
type Daemon interface {
	Stats(ctx context.Context, days int) (history.Stats, error)
}

// refreshEvery is how often an open window reloads its figures.
const refreshEvery = time.Minute

// Run shows the window until it is closed and returns the exit code. c may
// be nil when the daemon is not running. Options: --days N (the chart
// window, 14 by default), --db FILE (read that history file instead of
// asking the daemon; for demos and screenshots).
func Run(args []string, c Daemon) int {
	return run(args, c, os.Stderr)
}

func run(args []string, c Daemon, stderr io.Writer) int {
	fs := flag.NewFlagSet("window stats", flag.ContinueOnError)
	// The flag package's own help and complaints are English: the usage
	// line below says it in the user's language instead.
	fs.SetOutput(io.Discard)
	days := fs.Int("days", 14, "")
	db := fs.String("db", "", "")
	usage := func() {
		fmt.Fprintln(stderr, lang.X("cli.help.usage", "usage:"), lang.X("statswin.usage", "limber window stats [--days 7..90] [--db FILE]"))
	}
	if err := fs.Parse(args); err != nil {
		usage()
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *days < 7 || *days > 90 || fs.NArg() > 0 {
		usage()
		return 2
	}
	src := pickSource(c, *db)
	defer src.close()

	_, w := appwin.New(lang.X("stats.win.title", "Limber statistics"))
	v := newView(*days)
	if tip, ok := cards.TipOfDay(cards.LoadDefault(), time.Now()); ok {
		v.setTip(tip)
	}
	w.SetContent(v.root)
	w.Resize(fyne.NewSize(960, 700))
	w.CenterOnScreen()
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			w.Close()
		}
	})

	stop := make(chan struct{})
	var loading sync.Mutex // one load at a time; a click during a load waits
	load := func() {
		go func() {
			loading.Lock()
			defer loading.Unlock()
			n := v.wantDays()
			st, err := src.stats(n)
			select {
			case <-stop:
				return // the window is gone
			default:
			}
			fyne.Do(func() {
				if err != nil {
					v.showError(err)
					return
				}
				v.set(st, src.describe())
			})
		}()
	}
	v.onDaysChanged = load
	load()
	go func() {
		t := time.NewTicker(refreshEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				load()
			}
		}
	}()
	w.ShowAndRun()
	close(stop)
	return 0
}

// source is where the figures come from.
type source interface {
	stats(days int) (history.Stats, error)
	describe() string
	close()
}

// pickSource prefers the daemon, which knows the current goals and has
// the freshest sitting time; without it the file is read directly.
func pickSource(c Daemon, db string) source {
	if db != "" {
		return &fileSource{path: db}
	}
	if c != nil {
		if _, err := c.Stats(context.Background(), 1); err == nil {
			return &ipcSource{c: c}
		}
	}
	p, err := paths.HistoryFile()
	if err != nil {
		return &fileSource{err: err}
	}
	return &fileSource{path: p}
}

type ipcSource struct{ c Daemon }

func (s *ipcSource) stats(days int) (history.Stats, error) {
	return s.c.Stats(context.Background(), days)
}

func (s *ipcSource) describe() string { return "" }
func (s *ipcSource) close()           {}

// fileSource reads the history file read-only, opening it on first use
// (it may not exist yet when the window opens).
type fileSource struct {
	path  string
	err   error
	mu    sync.Mutex
	store *history.Store
}

func (s *fileSource) stats(days int) (history.Stats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return history.Stats{}, s.err
	}
	if s.store == nil {
		st, err := history.OpenReadOnly(s.path)
		if err != nil {
			return history.Stats{}, err
		}
		s.store = st
	}
	goals, _, err := s.store.Goals()
	if err != nil {
		return history.Stats{}, err
	}
	return s.store.Stats(time.Now(), days, time.Local, goals)
}

func (s *fileSource) describe() string {
	return lang.X("stats.win.from_file", "Limber is not running: figures read from {{.F}}", map[string]any{"F": tildePath(s.path)})
}

// tildePath shortens a path in the home folder to ~/...
func tildePath(p string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return p
	}
	if rel, err := filepath.Rel(home, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.Join("~", rel)
	}
	return p
}

func (s *fileSource) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store != nil {
		s.store.Close()
		s.store = nil
	}
}

// hoursText writes an hour value for the axis: "2h", "1.5h".
func hoursText(h float64) string {
	return strconv.FormatFloat(h, 'f', -1, 64) + "h"
}
