package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/limber-app/limber/assets/icon"
	trayicon "github.com/limber-app/limber/assets/tray"
	"github.com/limber-app/limber/internal/activity"
	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/daemon"
	"github.com/limber-app/limber/internal/display"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/presence"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/tray"
)

// runDaemon starts the tray daemon. Library chatter (systray and xgb log
// through the standard logger) reaches the terminal only with --verbose.
func runDaemon(verbose bool) int {
	tuneRuntime()
	logf := func(string, ...any) {}
	if verbose {
		l := log.New(os.Stderr, "limber: ", log.Ltime)
		logf = l.Printf
		log.SetOutput(os.Stderr)
	} else {
		log.SetOutput(io.Discard)
	}

	opts := daemon.Options{
		Socket:   paths.Socket(),
		Logf:     logf,
		Notifier: notify.NewDesktop(icon.PNGSize(128)),
		Launch:   launcher(verbose),
	}
	ln, err := ipc.Listen(opts.Socket)
	if errors.Is(err, ipc.ErrAlreadyRunning) {
		// Launched again (from the menu, say): show the running one, which
		// matters most where no tray shows it.
		return showRunning()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "limber: %v\n", err)
		return 1
	}

	src := activity.NewAuto(activity.Options{Logf: logf})
	defer src.Close()
	opts.Source = src

	// The last good copy of the settings lives in the data folder, not
	// beside config.toml: it is Limber's own record (like the history),
	// not a file for the user to edit, and a config folder kept in
	// dotfiles should not carry it.
	lastGood := ""
	if d, err := paths.DataDir(); err == nil {
		lastGood = filepath.Join(d, "settings-last-good.toml")
	}
	if p, err := paths.ConfigFile(); err != nil {
		fmt.Fprintf(os.Stderr, "limber: %v; using the default settings\n", err)
	} else if st, created, err := settings.OpenStoreKeeping(settings.LoadSystem(), p, lastGood); err != nil {
		fmt.Fprintf(os.Stderr, "limber: %v; using the default settings\n", err)
	} else {
		if created {
			logf("wrote the default settings to %s", p)
		}
		// Say hello until the user has answered the welcome (Start, or
		// closing it; the window writes the marker): a `limber quit`
		// before then must not lose the start-at-login question.
		if m, err := paths.WelcomeAnswered(); err == nil {
			if _, err := os.Stat(m); errors.Is(err, fs.ErrNotExist) {
				opts.FirstRun = true
			}
		}
		opts.Settings = st
	}
	opts.Cards = cards.LoadDefaultNoFigures()
	if d, err := paths.DataDir(); err == nil {
		// The profile chosen by hand (`limber profile use`), kept until `profile auto`.
		opts.ProfileChoice = filepath.Join(d, "profile.json")
	}

	if p, err := paths.HistoryFile(); err != nil {
		fmt.Fprintf(os.Stderr, "limber: %v; history will not be kept\n", err)
	} else {
		// The journal keeps what it is told even while the file cannot be
		// opened or written (status, the tray and a notification say so).
		j := history.NewJournal(p, history.JournalOptions{Logf: logf})
		defer j.Close()
		opts.History = j
		if old, err := paths.OldHistoryFile(); err == nil {
			importOldHistory(j, old, logf)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	pres := presence.Start(ctx, logf)
	defer pres.Close()
	opts.Presence = pres

	d := daemon.New(opts)
	d.Notices()

	code := 0
	tray.Run(trayIcon, func(t *tray.Tray) {
		d.AttachTray(t, tray.HasHost())
		if err := d.Run(ctx, ln); err != nil {
			fmt.Fprintf(os.Stderr, "limber: %v\n", err)
			code = 1
		}
		t.Quit()
	})
	return code
}

// daemonGCPercent is the daemon's GOGC; daemonMemoryLimit its
// GOMEMLIMIT. See tuneRuntime.
const (
	daemonGCPercent   = 50
	daemonMemoryLimit = 8 << 20
)

// tuneRuntime sets the daemon's scheduler and garbage collector for a
// process that sleeps nearly all the time; GOMAXPROCS, GOGC and
// GOMEMLIMIT in the environment win.
//
// GOMAXPROCS 1: the daemon's work is a few milliseconds a minute. With
// more Ps, each wake-up of a goroutine also wakes an idle P's thread to
// spin looking for more work, and the runtime re-reads the cgroup's CPU
// limit every second or so to adjust GOMAXPROCS; one P does neither
// (runtime.GOMAXPROCS turns the re-reading off). Measured: 22 ms of CPU
// per idle minute instead of 36 ms, one thread fewer.
//
// GOGC 50: the live heap of the idle daemon is about 1.3 MB, but
// start-up (card files, catalogues, settings, D-Bus) allocates about
// 8 MB that is garbage a second later; with GOGC=100 the heap goal is at
// least 4 MB and the runtime keeps the freed pages around it. At 50 the
// goal is half that, so start-up touches and keeps fewer heap pages. The
// cost is more frequent collections, which at the idle daemon's few
// allocations a minute is nothing measurable.
//
// A soft memory limit of 8 MiB: the runtime's memory in all (heap,
// stacks, its own metadata) is about that once started, so the limit
// makes the background scavenger hand the pages start-up left behind
// back to the kernel instead of keeping them for a heap goal the idle
// daemon never reaches again. Measured on the idle daemon (gctrace):
// 1.2 to 1.4 MB less anonymous memory (5.3 to 4.0 MB); about 90
// collections in the first second instead of 6 (some 60 ms of CPU), then
// one every 10 s or so, under 1 ms each, instead of one in two minutes;
// BenchmarkDaemonIdle's CPU per idle minute stays at 0.015 s. The
// runtime counts all of its mappings against the limit, so the daemon
// runs near it: more work (a stats query, many cards of one's own) means
// more frequent collections, which the runtime caps at half the CPU,
// never an out-of-memory. 6 MiB cost 300 ms of CPU at start for nothing
// more saved. The price shows after the first card: BenchmarkCardWindow
// measures 0.04 to 0.056 s of CPU per idle minute once a card has come and
// gone (0.009 s with GOMEMLIMIT=off), a collection or three per tick. Of
// the limit, 1.4 MB is the heap profiler's bucket table, which the runtime
// maps at start whatever MemProfileRate says (mapped, never touched).
func tuneRuntime() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(daemonGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(daemonMemoryLimit)
	}
}

// trayIcon picks the icon bytes for a state: ICO on Windows, PNG elsewhere.
func trayIcon(s tray.IconState) []byte {
	st := trayicon.Normal
	switch s {
	case tray.IconPaused:
		st = trayicon.Paused
	case tray.IconDue:
		st = trayicon.Due
	}
	if runtime.GOOS == "windows" {
		return trayicon.ICO(st)
	}
	return trayicon.Icon(st, 44)
}

// launcher starts window child processes: limber-window NAME ARGS (see
// findWindowProgram for where it is looked for). When it cannot be found
// or started, the daemon gets an error and shows the break as a
// notification instead.
func launcher(verbose bool) func(name string, args ...string) (daemon.Window, error) {
	return func(name string, args ...string) (daemon.Window, error) {
		cmd, err := windowCommand(name, args...)
		if err != nil {
			return nil, err
		}
		if verbose {
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("starting the %s window: %w", name, err)
		}
		return procWindow{cmd}, nil
	}
}

type procWindow struct{ cmd *exec.Cmd }

// Wait waits for the window to exit; a card window that found no display
// says so by its exit code, which Wait turns into daemon.ErrNoDisplay.
func (w procWindow) Wait() error {
	err := w.cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == display.ExitNoDisplay {
		return fmt.Errorf("%w: %v", daemon.ErrNoDisplay, err)
	}
	return err
}
func (w procWindow) Kill() error { return w.cmd.Process.Kill() }

// showRunning asks the running daemon to open its status window.
func showRunning() int {
	c, closeConn, err := dial()
	if err == nil {
		defer closeConn()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = c.Show(ctx, api.WindowStatus)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "Limber is already running, but its status window did not open: %v (see `limber status`)\n", err)
		return 1
	}
	fmt.Println("Limber is already running: its status window is open (see also `limber status`).")
	return 0
}
