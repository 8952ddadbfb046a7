// Package welcomewin is the first-run window (`limber window welcome`):
// what Limber does, the four breaks with their intervals, natural breaks
// in a sentence, a preset to start from, start at login (asked, not
// assumed) and where the tray icon lives. The daemon opens it once, when
// it writes the settings file for the first time; the user can open it
// again with `limber window welcome`.
package welcomewin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/limber-app/limber/internal/ui/appwin"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/i18n/fynelang"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
)

// Daemon is what the window asks of the daemon; *api.Client is one.
type Daemon interface {
	Settings(ctx context.Context) (api.SettingsReply, error)
	SetSettings(ctx context.Context, s settings.Settings) error
}

// welcome holds the window's state and widgets.
type welcome struct {
	win    fyne.Window
	d      Daemon
	s      settings.Settings
	errOut io.Writer

	breaks  *widget.Label
	preset  *widget.RadioGroup
	login   *widget.Check
	startBt *widget.Button
	problem *widget.Label
	tip     *widget.Label
	scroll  *container.Scroll
	follow  appwin.FocusFollower
	saved   bool
}

func newWelcome(win fyne.Window, d Daemon, s settings.Settings, errOut io.Writer) *welcome {
	w := &welcome{win: win, d: d, s: s, errOut: errOut}
	win.SetTitle(lang.X("welcome.title", "Welcome to Limber"))
	win.SetContent(w.build())
	win.Resize(fyne.NewSize(640, 600))
	win.CenterOnScreen()
	win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || ev.Name == fyne.KeyEscape {
			w.onStart()
		}
	})
	return w
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

func (w *welcome) build() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.X("welcome.heading", "Limber keeps your back moving"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := wrapped(strings.Join([]string{
		lang.X("welcome.line1", "Limber counts the time you really sit at the computer: typing, pointing, calls and presentations."),
		lang.X("welcome.line2", "When a break is due it shows a short exercise card or a notification, at a pause in your typing."),
		lang.X("welcome.line3", "Statistics show the breaks you took; nothing leaves your computer."),
	}, "\n"))
	w.breaks = wrapped("")
	natural := wrapped(lang.X("welcome.natural", "Natural breaks count: when you step away for as long as a break lasts, Limber counts it as taken and does not ask again."))

	names := settings.PresetNames()
	titles := make([]string, len(names))
	for i, n := range names {
		titles[i] = settings.PresetTitle(n)
	}
	w.preset = widget.NewRadioGroup(titles, w.onPreset)
	w.preset.Required = true
	if i := indexOf(names, w.s.Preset); i >= 0 {
		w.preset.Selected = titles[i]
	} else {
		w.preset.Selected = titles[0]
	}
	w.login = widget.NewCheck(lang.X("welcome.login", "Start Limber when I log in"), nil)
	w.login.Checked = w.s.StartAtLogin
	tray := wrapped(lang.X("welcome.tray", "Limber lives in the system tray, usually at the top or bottom right of the screen: a small figure that changes colour when a break is due. Its menu has everything: take a break now, pause, statistics, settings. From a terminal, `limber status` says the same."))
	w.tip = wrapped("")
	w.tip.TextStyle = fyne.TextStyle{Italic: true}
	w.tip.Hide()
	w.problem = wrapped("")
	w.problem.Importance = widget.DangerImportance
	w.problem.Hide()
	w.startBt = widget.NewButtonWithIcon(lang.X("welcome.start", "Start"), theme.ConfirmIcon(), w.onStart)
	w.startBt.Importance = widget.HighImportance
	w.refreshBreaks()

	body := container.NewVBox(
		title, intro,
		heading(lang.X("welcome.breaks", "Your breaks")), w.breaks, natural,
		heading(lang.X("welcome.preset", "Start from")), w.preset,
		w.login,
		heading(lang.X("welcome.where", "Where to find it")), tray,
		w.problem,
	)
	// The tip sits beside the Start button, where it is seen without scrolling.
	bottom := container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), w.startBt), w.tip)
	w.scroll = container.NewVScroll(body)
	return container.NewBorder(nil, container.NewPadded(bottom), nil, nil,
		container.NewPadded(w.scroll))
}

// followFocus scrolls the body so that the widget Tab moved the focus to
// is in view: Fyne's scroll does not follow the focus, so a keyboard user
// tabbed into radios and checks below the fold without seeing them. Fyne
// has no focus-change event; Run calls this a few times a second.
func (w *welcome) followFocus() {
	w.follow.Follow(w.win, w.scroll, w.startBt) // Start is below the scroll, always seen
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// refreshBreaks lists the four kinds with their intervals and lengths.
func (w *welcome) refreshBreaks() {
	var lines []string
	for _, info := range kinds.All() {
		b := w.s.Break(info.Kind)
		if b == nil {
			continue
		}
		if !b.Enabled {
			lines = append(lines, lang.X("welcome.break.off", "• {{.Name}}: off", map[string]any{"Name": info.Label()}))
			continue
		}
		lines = append(lines, lang.X("welcome.break", "• {{.Name}}: every {{.Every}} of sitting, for {{.Len}}",
			map[string]any{"Name": info.Label(), "Every": duration.Approx(b.Interval), "Len": duration.Format(b.Length)}))
	}
	if w.s.Cycle.Enabled {
		lines = append(lines, lang.X("welcome.cycle", "• Sit {{.Sit}}, stand {{.Stand}}, move {{.Move}}, round and round",
			map[string]any{"Sit": duration.Approx(w.s.Cycle.Sit), "Stand": duration.Approx(w.s.Cycle.Stand), "Move": duration.Approx(w.s.Cycle.Move)}))
	}
	w.breaks.SetText(strings.Join(lines, "\n"))
}

func (w *welcome) onPreset(title string) {
	for _, n := range settings.PresetNames() {
		if settings.PresetTitle(n) == title {
			w.s.ApplyPreset(n)
			w.refreshBreaks()
		}
	}
}

// setTip shows one of the tip cards (things to do outside a break, such
// as taking the next phone call on your feet) in the user's language.
func (w *welcome) setTip(c cards.Card) {
	c = c.Local()
	w.tip.SetText(lang.X("welcome.tip", "Tip for today · {{.Title}}: {{.Steps}}", map[string]any{"Title": c.Title, "Steps": strings.Join(c.Steps, " ")}))
	w.tip.Show()
	// The bottom bar grows by the tip's lines: lay the window out again.
	if c := w.win.Content(); c != nil {
		c.Refresh()
	}
}

// onStart saves the choices (the preset and start at login) and closes.
func (w *welcome) onStart() {
	if w.saved {
		return
	}
	w.s.StartAtLogin = w.login.Checked
	if err := w.d.SetSettings(context.Background(), w.s); err != nil {
		w.problem.SetText(lang.X("welcome.save_failed", "Your choice could not be saved: {{.Err}}. Close this window to keep the defaults; the settings window can change them later.",
			map[string]any{"Err": err.Error()}))
		w.problem.Show()
		fmt.Fprintf(w.errOut, "limber: saving the welcome choices: %v\n", err)
		return
	}
	w.saved = true
	w.win.Close()
}

// usage is the help text of `limber window welcome`, in the user's language.
func usage() string {
	return lang.X("welcomewin.usage", `usage: limber window welcome

Shows the first-run window again: what Limber does, your breaks, a preset,
start at login and where the tray icon is.
`)
}

// Run shows the window until it is closed and returns the exit code (0
// closed, 1 failed, 2 bad usage). c may be nil when no daemon runs; the
// choices then go to the settings file.
func Run(args []string, c Daemon) int {
	return run(args, c, os.Stdout, os.Stderr)
}

func run(args []string, c Daemon, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("window welcome", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage())
			return 0
		}
		fmt.Fprintf(stderr, "limber window welcome: %v\n\n%s", err, usage())
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "limber window welcome: unexpected argument %q\n\n%s", fs.Arg(0), usage())
		return 2
	}
	var got api.SettingsReply
	if c != nil {
		var err error
		if got, err = c.Settings(context.Background()); err != nil {
			c = nil
		}
	}
	if c == nil {
		p, err := paths.ConfigFile()
		if err != nil {
			fmt.Fprintf(stderr, "limber window welcome: %v\n", err)
			return 1
		}
		c = api.SettingsFile{Path: p}
		if got, err = c.Settings(context.Background()); err != nil {
			fmt.Fprintf(stderr, "limber window welcome: %v\n", err)
			return 1
		}
	}
	if err := fynelang.Init(got.Settings.Language); err != nil {
		fmt.Fprintf(stderr, "limber: %v\n", err)
	}
	_, win := appwin.New(lang.X("welcome.title", "Welcome to Limber"))
	w := newWelcome(win, c, got.Settings, stderr)
	if tip, ok := cards.TipOfDay(cards.LoadDefault(), time.Now()); ok {
		w.setTip(tip)
	}
	stop := make(chan struct{})
	win.SetOnClosed(func() {
		close(stop)
		// Start, or the user closing the window, answers it: "not now"
		// is an answer too, and asking again at every start would nag.
		// A window killed with the daemon (limber quit) is no answer, so
		// the daemon shows it again at the next start.
		if err := MarkAnswered(); err != nil {
			fmt.Fprintf(stderr, "limber window welcome: %v\n", err)
		}
	})
	go appwin.Poll(stop, w.followFocus)
	win.ShowAndRun()
	return 0
}

// MarkAnswered writes the marker (paths.WelcomeAnswered) that stops the
// daemon from opening the welcome window at each start.
func MarkAnswered() error {
	p, err := paths.WelcomeAnswered()
	if err != nil {
		return err
	}
	return MarkAnsweredAt(p, time.Now())
}

// MarkAnsweredAt writes the marker p, with when it was answered.
func MarkAnsweredAt(p string, now time.Time) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("noting that the welcome was answered: %w", err)
	}
	if err := os.WriteFile(p, []byte(now.UTC().Format(time.RFC3339)+"\n"), 0o600); err != nil {
		return fmt.Errorf("noting that the welcome was answered: %w", err)
	}
	return nil
}
