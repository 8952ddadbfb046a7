package cardwin

import (
	"context"
	"fmt"
	"io"
	"math"
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
	"github.com/limber-app/limber/internal/figure"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
)

// Options say what the window shows; they come from its command-line flags.
type Options struct {
	Kind    schedule.Kind
	CardID  string        // empty: ask the daemon (card_pick)
	Next    []string      // cards that follow CardID, each after the one before has taken its time
	Length  time.Duration // the break's length, counted down
	Snooze  time.Duration // postponement offered by Snooze
	Strict  bool          // full screen, no Skip or Snooze, no early close
	Compact bool          // the small card (posture and hydration)
}

// cardWindow holds one break window's state and widgets. All its methods
// run on the Fyne main goroutine (the ticker hands over with fyne.DoAndWait).
type cardWindow struct {
	win    fyne.Window
	opts   Options
	lib    *cards.Library
	caller Daemon
	clock  Clock
	errOut io.Writer

	card     cards.Card
	next     []cards.Card // the rest of the sequence
	cardAt   time.Time    // when the card on screen was shown
	seqAt    int          // 1-based place of the card on screen in its sequence
	seqLen   int          // cards in the sequence (1: no sequence)
	shown    []string     // ids shown in this window, excluded from "Another one"
	start    time.Time
	ended    bool // the countdown reached zero
	reported bool // break_result sent (or attempted): never twice
	failed   bool // reporting failed
	stop     chan struct{}
	// afterTick, when set (tests), runs after each tick has been handled.
	afterTick func()

	kindLabel  *widget.Label
	title      *widget.Label
	steps      *fyne.Container
	safety     *widget.Label
	fig        *figure.Widget
	progress   *widget.ProgressBar
	doneBtn    *widget.Button
	snoozeBtn  *widget.Button
	skipBtn    *widget.Button
	anotherBtn *widget.Button
	notice     *widget.Label
}

// newCardWindow builds the card into win and starts the countdown.
func newCardWindow(win fyne.Window, o Options, lib *cards.Library, c Daemon, clk Clock, card cards.Card, errOut io.Writer) *cardWindow {
	w := &cardWindow{win: win, opts: o, lib: lib, caller: c, clock: clk, errOut: errOut, card: card,
		shown: []string{card.ID}, start: clk.Now(), stop: make(chan struct{}), seqAt: 1}
	for _, id := range o.Next {
		if c, ok := lib.Card(id); ok {
			w.next = append(w.next, c)
		}
	}
	w.seqLen = 1 + len(w.next)
	win.SetTitle(fmt.Sprintf("%s — Limber", kinds.Label(o.Kind)))
	win.SetContent(w.build())
	win.SetCloseIntercept(w.onCloseRequested)
	win.Canvas().SetOnTypedKey(w.onKey)
	if o.Strict {
		win.SetFullScreen(true)
	} else if o.Compact {
		win.Resize(fyne.NewSize(680, 440))
	} else {
		win.Resize(fyne.NewSize(820, 520))
	}
	win.CenterOnScreen()
	w.showCard(card)
	w.onTick(w.start)
	return w
}

func (w *cardWindow) build() fyne.CanvasObject {
	w.kindLabel = widget.NewLabel("")
	w.kindLabel.TextStyle = fyne.TextStyle{Bold: true}
	w.kindLabel.Importance = widget.HighImportance
	w.title = widget.NewLabel("")
	w.title.SizeName = theme.SizeNameHeadingText
	w.title.TextStyle = fyne.TextStyle{Bold: true}
	w.title.Wrapping = fyne.TextWrapWord
	w.steps = container.NewVBox()
	w.safety = widget.NewLabel("")
	w.safety.Wrapping = fyne.TextWrapWord
	w.safety.TextStyle = fyne.TextStyle{Italic: true}
	w.safety.Importance = widget.MediumImportance
	w.notice = widget.NewLabel("")
	w.notice.Importance = widget.WarningImportance
	w.notice.Hide()

	w.fig = figure.New(w.card.Figure)
	w.progress = widget.NewProgressBar()
	w.progress.TextFormatter = w.progressText

	hydration := w.opts.Kind == schedule.Hydration
	doneText := lang.X("cardwin.done", "Done")
	if hydration {
		doneText = lang.X("cardwin.drank", "I drank a glass")
	}
	w.doneBtn = widget.NewButtonWithIcon(doneText, theme.ConfirmIcon(), w.onDone)
	w.doneBtn.Importance = widget.HighImportance
	w.snoozeBtn = widget.NewButtonWithIcon(
		lang.X("cardwin.snooze", "Snooze {{.Duration}}", map[string]any{"Duration": duration.Format(w.opts.Snooze)}),
		theme.HistoryIcon(), w.onSnooze)
	w.skipBtn = widget.NewButton(lang.X("cardwin.skip", "Skip"), w.onSkip)
	w.anotherBtn = widget.NewButtonWithIcon(lang.X("cardwin.another", "Another one"), theme.ViewRefreshIcon(), w.onAnother)
	if w.opts.Strict {
		w.snoozeBtn.Hide()
		w.skipBtn.Hide()
		w.doneBtn.Disable() // until the countdown ends
	}

	safetyRow := container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, w.safety)
	text := container.NewVBox(w.steps, safetyRow)
	header := container.NewVBox(w.kindLabel, w.title)
	buttons := container.NewHBox(w.anotherBtn, layout.NewSpacer(), w.skipBtn, w.snoozeBtn, w.doneBtn)
	if w.opts.Compact {
		w.anotherBtn.Hide()
	}
	footer := container.NewVBox(w.progress, w.notice, buttons)

	figSize := fyne.NewSize(300, 300)
	if w.opts.Compact {
		figSize = fyne.NewSize(150, 150)
	}
	if w.opts.Strict && !w.opts.Compact {
		figSize = fyne.NewSize(380, 380)
	}
	// A soft panel behind the figure sets it apart from the text.
	figBox := container.NewGridWrap(figSize, container.NewStack(newPanel(), container.NewPadded(w.fig)))
	body := container.NewBorder(nil, nil, container.NewCenter(figBox), nil,
		container.NewPadded(container.NewVScroll(text)))
	content := container.NewBorder(header, footer, nil, nil, body)
	if w.opts.Strict {
		// Full screen: keep the card a readable width in the middle.
		return container.NewCenter(container.NewGridWrap(fyne.NewSize(900, 620), container.NewPadded(content)))
	}
	return container.NewPadded(content)
}

// showCard puts a card's content into the window.
func (w *cardWindow) showCard(c cards.Card) {
	c = c.Local()
	w.card = c
	w.cardAt = w.clock.Now()
	label := fmt.Sprintf("%s · %s", kinds.Label(w.opts.Kind), duration.Format(w.opts.Length))
	if w.seqLen > 1 {
		label += " · " + lang.X("cardwin.step", "{{.N}} of {{.Of}}", map[string]any{"N": w.seqAt, "Of": w.seqLen})
	}
	w.kindLabel.SetText(label)
	w.title.SetText(c.Title)
	w.steps.RemoveAll()
	for i, s := range c.Steps {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		w.steps.Add(container.NewBorder(nil, nil, container.NewCenter(newBadge(i+1)), nil, l))
	}
	w.safety.SetText(c.Safety)
	w.fig.SetFigure(c.Figure)
}

func (w *cardWindow) elapsed(now time.Time) time.Duration {
	e := now.Sub(w.start)
	if e < 0 {
		return 0
	}
	return e
}

func (w *cardWindow) progressText() string {
	if w.ended {
		return lang.X("cardwin.finished", "Time's up — well done!")
	}
	left := w.opts.Length - time.Duration(w.progress.Value*float64(w.opts.Length))
	s := int(math.Ceil(left.Seconds()))
	return lang.X("cardwin.left", "{{.M}}:{{.S}} left", map[string]any{"M": s / 60, "S": fmt.Sprintf("%02d", s%60)})
}

// run ticks the countdown until the window is finished.
func (w *cardWindow) run() {
	t := w.clock.NewTicker(250 * time.Millisecond)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-w.stop:
				return
			case now := <-t.C():
				fyne.DoAndWait(func() { w.onTick(now) })
				if w.afterTick != nil {
					w.afterTick()
				}
			}
		}
	}()
	w.fig.Start()
}

func (w *cardWindow) onTick(now time.Time) {
	if w.reported {
		return
	}
	e := w.elapsed(now)
	if w.opts.Length <= 0 || e >= w.opts.Length {
		w.progress.SetValue(1)
		if !w.ended {
			w.ended = true
			w.doneBtn.Enable()
			w.win.Canvas().Focus(w.doneBtn)
			w.progress.Refresh()
		}
		return
	}
	w.progress.SetValue(float64(e) / float64(w.opts.Length))
	if len(w.next) > 0 && now.Sub(w.cardAt) >= w.card.Duration {
		// The next card of the sequence, with its own figure.
		c := w.next[0]
		w.next, w.seqAt = w.next[1:], w.seqAt+1
		w.shown = append(w.shown, c.ID)
		w.showCard(c)
	}
}

func (w *cardWindow) onKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !w.doneBtn.Disabled() {
			w.onDone()
		}
	case fyne.KeyEscape:
		if !w.opts.Strict {
			w.onSkip()
		}
	}
}

func (w *cardWindow) onDone() {
	if w.opts.Strict && !w.ended {
		return
	}
	if w.opts.Kind == schedule.Hydration {
		if _, err := w.caller.Drink(context.Background(), history.SourceCard); err != nil {
			fmt.Fprintf(w.errOut, "limber: logging the glass of water failed: %v\n", err)
		}
	}
	w.finish(api.Done)
}

func (w *cardWindow) onSnooze() {
	if !w.opts.Strict {
		w.finish(api.Snoozed)
	}
}

func (w *cardWindow) onSkip() {
	if !w.opts.Strict {
		w.finish(api.Skipped)
	}
}

// onCloseRequested handles the window manager's close button: refused in
// strict mode until the countdown ends; otherwise the break closed early
// (or counts as done when the countdown had already ended).
func (w *cardWindow) onCloseRequested() {
	if w.opts.Strict && !w.ended {
		w.notice.SetText(lang.X("cardwin.strict_close", "Strict mode: this card closes when the countdown ends."))
		w.notice.Show()
		return
	}
	if w.ended {
		w.finish(api.Done)
		return
	}
	w.finish(api.ClosedEarly)
}

func (w *cardWindow) onAnother() {
	id, err := w.caller.PickCard(context.Background(), api.CardPickArgs{Kind: w.opts.Kind,
		LengthSeconds: int64(w.opts.Length.Seconds()), Exclude: w.shown})
	c, ok := w.lib.Card(id)
	if err != nil || !ok {
		if err != nil {
			fmt.Fprintf(w.errOut, "limber: picking another card failed: %v\n", err)
		}
		w.notice.SetText(lang.X("cardwin.no_other", "No other card fits this break."))
		w.notice.Show()
		return
	}
	w.notice.Hide()
	w.shown = append(w.shown, c.ID)
	w.showCard(c)
}

// finish reports the outcome once and closes the window.
func (w *cardWindow) finish(outcome api.Outcome) {
	if w.reported {
		return
	}
	w.reported = true
	close(w.stop)
	w.fig.Stop()
	res := api.BreakResult{Kind: w.opts.Kind, CardID: w.card.ID, Outcome: outcome,
		ElapsedSeconds: math.Round(w.elapsed(w.clock.Now()).Seconds()*10) / 10}
	if outcome == api.Snoozed {
		res.SnoozeSeconds = int64(w.opts.Snooze.Seconds())
	}
	if err := w.caller.ReportBreak(context.Background(), res); err != nil {
		w.failed = true
		fmt.Fprintf(w.errOut, "limber: telling the daemon how the break ended (%s) failed: %v\n", outcome, err)
	}
	w.win.Close()
}
