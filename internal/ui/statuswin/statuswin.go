// Package statuswin is the status window (`limber window status`): what the
// tray menu would show — sitting time, the next breaks, pause and resume,
// a break now, settings and statistics — for desktops without a tray host
// (plain GNOME). The daemon opens it when no StatusNotifierWatcher is on
// the bus at start, and whenever Limber is launched again from the menu
// while it runs.
//
// It draws the tray's own menu model (tray.Build) from the daemon's status
// and sends clicks back as the same menu actions (api CmdMenu), so the two
// never disagree about what is offered.
package statuswin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/tray"
	"github.com/limber-app/limber/internal/ui/appwin"
)

// maxHeight caps the window's height: on a 1280×800 screen, under a panel
// and the title bar, it leaves room below; longer content (problems, a
// meeting, profiles) scrolls.
const maxHeight = 560

// fit is the window's size for content of minimum size m: all of it, but
// no taller than maxHeight (the rest scrolls). The window pads its content
// and the scroll container takes its share: room for both, so the usual
// status shows whole with no scroll bar.
func fit(m fyne.Size) fyne.Size {
	pad := 4*theme.Padding() + theme.ScrollBarSize()
	return fyne.NewSize(max(m.Width, 420), min(m.Height+pad, maxHeight))
}

// Daemon is what the window asks of the daemon; *api.Client is one.
type Daemon interface {
	Status(ctx context.Context, explain bool) (api.Status, error)
	Menu(ctx context.Context, action string) error
}

// refreshEvery is how often the window asks for the status: the sitting
// line shows minutes, and seconds when a break is under a minute away.
const refreshEvery = time.Second

// callTimeout bounds each request, so a stuck daemon never freezes the window.
const callTimeout = 3 * time.Second

// Run shows the window until it is closed and returns the exit code. c
// may be nil when no daemon answers: the window then says so and offers to
// start Limber.
func Run(args []string, c Daemon) int { return run(args, c, os.Stderr) }

func run(args []string, c Daemon, stderr io.Writer) int {
	fs := flag.NewFlagSet("window status", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // its English help: the usage line instead
	usage := func() { fmt.Fprintln(stderr, lang.X("cli.help.usage", "usage:"), "limber window status") }
	if err := fs.Parse(args); err != nil {
		usage()
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		usage()
		return 2
	}
	_, w := appwin.New(lang.X("statuswin.title", "Limber"))
	v := newView(c)
	v.close = w.Close
	w.SetContent(container.NewVScroll(v.root))
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	// The first status is drawn before the window shows, so it is sized
	// and centred for its content.
	v.apply(v.fetch())
	w.Resize(fit(v.measure()))
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(refreshEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			v.load()
		}
	}()
	w.CenterOnScreen()
	w.ShowAndRun()
	close(stop)
	return 0
}

// view is the window's content, rebuilt from the menu model when it changes.
type view struct {
	c    Daemon
	root *fyne.Container
	// last is the menu shown, so an unchanged status redraws nothing;
	// lastErr the error shown instead.
	last    *tray.Menu
	lastErr string
	// onAction runs a click (tests replace it to avoid the goroutine).
	onAction func(tray.Action)
	// message is the line under the buttons (a failed click).
	message *widget.Label
	// close closes the window: after starting the daemon, which shows its
	// own status window (or its tray icon).
	close func()
}

func newView(c Daemon) *view {
	v := &view{c: c, root: container.NewVBox(), message: widget.NewLabel(""), close: func() {}}
	v.message.Wrapping = fyne.TextWrapWord
	v.message.Hide()
	v.onAction = func(a tray.Action) { go v.click(a) }
	return v
}

// result is one answer to the status request.
type result struct {
	st  api.Status
	err error
}

// fetch asks the daemon for its status (bounded).
func (v *view) fetch() result {
	if v.c == nil {
		return result{err: errors.New("not running")}
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	st, err := v.c.Status(ctx, false)
	return result{st, err}
}

// apply draws a result; on the UI goroutine.
func (v *view) apply(r result) {
	if r.err != nil {
		v.showDown(r.err)
		return
	}
	v.show(tray.Build(r.st))
}

// load asks for the status off the UI goroutine and shows it.
func (v *view) load() {
	r := v.fetch()
	fyne.Do(func() { v.apply(r) })
}

// click sends a menu action to the daemon and reloads.
func (v *view) click(a tray.Action) {
	if v.c == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	err := v.c.Menu(ctx, string(a))
	cancel()
	fyne.Do(func() {
		if err != nil {
			v.message.SetText(lang.X("statuswin.failed", "That did not work: {{.Err}}", map[string]any{"Err": err.Error()}))
			v.message.Show()
			return
		}
		v.message.Hide()
	})
	if a != tray.ActQuit {
		v.load()
	}
}

// show draws m: information lines as text, entries with a submenu as a
// labelled row of buttons, the others as buttons.
func (v *view) show(m tray.Menu) {
	if v.last != nil && reflect.DeepEqual(*v.last, m) {
		return
	}
	v.last, v.lastErr = &m, ""
	var rows []fyne.CanvasObject
	first := true
	var buttons, lines []fyne.CanvasObject
	flush := func() {
		if len(buttons) > 0 {
			rows = append(rows, container.NewGridWithColumns(min(len(buttons), 2), buttons...))
			buttons = nil
		}
		if len(lines) > 0 {
			rows = append(rows, tight(lines))
			lines = nil
		}
	}
	for _, it := range m.Items {
		switch {
		case it.Hidden:
		case it.Sep:
			flush()
			rows = append(rows, widget.NewSeparator())
		case len(it.Sub) > 0:
			flush()
			row := []fyne.CanvasObject{}
			for _, s := range it.Sub {
				if s.Hidden {
					continue
				}
				row = append(row, v.button(s, it.Enabled))
			}
			grid := container.NewGridWithColumns(max(len(row), 1), row...)
			if len(row) <= 3 { // beside its title: a line less
				rows = append(rows, container.NewBorder(nil, nil, widget.NewLabel(it.Title), nil, grid))
			} else {
				rows = append(rows, widget.NewLabel(it.Title), grid)
			}
		case it.Action == "":
			l := widget.NewLabel(it.Title)
			l.Wrapping = fyne.TextWrapWord
			if first {
				l.TextStyle.Bold = true
				first = false
			}
			lines = append(lines, l)
		default:
			if len(lines) > 0 {
				flush()
			}
			buttons = append(buttons, v.button(it, true))
		}
	}
	flush()
	rows = append(rows, v.message)
	v.root.Objects = rows
	v.root.Refresh()
}

// measure is the content's minimum size at the width it will have:
// wrapping lines are as tall as their width makes them, so lay out once
// at the width first.
func (v *view) measure() fyne.Size {
	m := v.root.MinSize()
	v.root.Resize(fyne.NewSize(max(m.Width, 420), m.Height))
	return v.root.MinSize()
}

// tight stacks information lines closer than labels stand by default:
// the lines are read together, and the window fits a small screen.
func tight(lines []fyne.CanvasObject) fyne.CanvasObject {
	box := container.New(layout.NewCustomPaddedVBoxLayout(0), lines...)
	return container.NewThemeOverride(box, tightTheme{fyne.CurrentApp().Settings().Theme()})
}

// tightTheme is the app's theme with less padding inside a label.
type tightTheme struct{ fyne.Theme }

func (t tightTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return t.Theme.Size(n) / 2
	}
	return t.Theme.Size(n)
}

func (v *view) button(it tray.Item, parentOn bool) *widget.Button {
	a := it.Action
	b := widget.NewButton(it.Title, func() { v.onAction(a) })
	if !it.Enabled || !parentOn {
		b.Disable()
	}
	if a == tray.ActResume && it.Enabled || it.Check && it.Checked { // Resume, or the profile choice in force
		b.Importance = widget.HighImportance
	}
	return b
}

// showDown says the daemon does not answer and offers to start it.
func (v *view) showDown(err error) {
	if v.lastErr == err.Error() {
		return
	}
	v.last, v.lastErr = nil, err.Error()
	l := widget.NewLabel(lang.X("statuswin.down", "Limber is not running, so no breaks are being timed."))
	l.Wrapping = fyne.TextWrapWord
	start := widget.NewButton(lang.X("statuswin.start", "Start Limber"), func() {
		if err := startDaemon(); err != nil {
			v.message.SetText(lang.X("statuswin.start_failed", "Limber could not be started: {{.Err}}", map[string]any{"Err": err.Error()}))
			v.message.Show()
			return
		}
		v.close()
	})
	start.Importance = widget.HighImportance
	v.root.Objects = []fyne.CanvasObject{l, start, v.message}
	v.root.Refresh()
}

// startDaemon starts limber (beside this program, in ../../bin from
// libexec/limber/, or on PATH) in the background.
func startDaemon() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	dir, name := filepath.Dir(exe), "limber"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	prog := ""
	for _, p := range []string{filepath.Join(dir, name), filepath.Join(dir, "..", "..", "bin", name)} {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			prog = p
			break
		}
	}
	if prog == "" {
		if prog, err = exec.LookPath("limber"); err != nil {
			return fmt.Errorf("limber is not installed beside %s nor on PATH", exe)
		}
	}
	cmd := exec.Command(prog)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", prog, err)
	}
	go cmd.Wait()
	return nil
}
