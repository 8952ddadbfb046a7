package cardwin

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/driver/desktop"
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
	"github.com/limber-app/limber/internal/status"
	"github.com/limber-app/limber/internal/ui/xwm"
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
	// Also: smaller breaks merged into this one, listed under the card
	// (water with its own tick, which logs the glass).
	Also []schedule.Kind
	// AutoClose closes the card this long after its time is up, as done
	// (0: it stays until Done).
	AutoClose time.Duration
	// Sound plays a soft chime when the card opens and when time is up.
	Sound bool
	// NoSkip: the day's skip budget is spent (SkipsUsed skips), so there
	// is no Skip and the card says why. Debt is the part of Length that
	// pays back break debt, which the card names.
	NoSkip    bool
	SkipsUsed int
	Debt      time.Duration
}

// typingGap: input this recent means the user is typing, so the break's
// countdown pauses (the daemon reports idle time in whole seconds).
const typingGap = 2 * time.Second

// idleEvery is how often the window asks the daemon for the idle time.
const idleEvery = time.Second

// ownGrace: input the daemon saw no later than this after the card's own
// last key or pointer event is taken to be that event (the daemon reports
// idle time in whole seconds, so its last input is known to a second).
// Operating the card is not typing: Tab, Space or a click on "Another one"
// must not pause the countdown.
const ownGrace = 1500 * time.Millisecond

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
	last     time.Time     // the last tick
	spent    time.Duration // break time counted: not while typing
	typing   bool          // input within typingGap: the countdown is paused
	ownAt    time.Time     // the card's own last key or pointer event (not typing)
	endedAt  time.Time     // when time was up
	ended    bool          // the countdown reached zero
	drank    bool          // the glass of an "also" water break is logged
	reported bool          // break_result sent (or attempted): never twice
	failed   bool          // reporting failed
	stop     chan struct{}
	// afterTick, when set (tests), runs after each tick has been handled.
	afterTick func()
	keeper    xwm.Keeper // holds the window above others (nil: not on X11)

	kindLabel  *widget.Label
	title      *widget.Label
	steps      *fyne.Container
	repeat     *widget.Label // on the last card, when the break lasts longer than it
	safety     *widget.Label
	fig        *figure.Widget
	progress   *widget.ProgressBar
	left       *widget.Label // the countdown's text, above the bar
	doneBtn    *keyButton
	buttons    *fyne.Container // the button row, laid out again when a label grows
	snoozeBtn  *keyButton
	skipBtn    *keyButton
	anotherBtn *keyButton
	notice     *widget.Label
	budget     *widget.Label // why there is no Skip; the debt the break pays back
	also       *fyne.Container
	waterCheck *widget.Check // the tick of a water break merged into this one
}

// keepAbove hands the native window to xwm (X11 and XWayland); elsewhere
// the card stays an ordinary window. A strict card is also spread over
// every monitor, and xwm dims each one it does not end up covering. It
// runs on the Fyne goroutine.
func (w *cardWindow) keepAbove() {
	nw, ok := w.win.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		x, ok := ctx.(driver.X11WindowContext)
		if !ok {
			return
		}
		k, err := xwm.Keep(x.WindowHandle, w.opts.Strict)
		if err != nil {
			fmt.Fprintf(w.errOut, "limber: keeping the card above other windows: %v\n", err)
			return
		}
		w.keeper = k
	})
}

// newCardWindow builds the card into win and starts the countdown.
func newCardWindow(win fyne.Window, o Options, lib *cards.Library, c Daemon, clk Clock, card cards.Card, errOut io.Writer) *cardWindow {
	w := &cardWindow{win: win, opts: o, lib: lib, caller: c, clock: clk, errOut: errOut, card: card,
		shown: []string{card.ID}, start: clk.Now(), stop: make(chan struct{}), seqAt: 1}
	w.last = w.start
	for _, id := range o.Next {
		if c, ok := lib.Card(id); ok {
			w.next = append(w.next, c)
		}
	}
	w.seqLen = 1 + len(w.next)
	win.SetTitle(fmt.Sprintf("%s — Limber", kinds.Label(o.Kind)))
	// Under everything, a pointer-aware background: moving the pointer
	// over the card is operating it, not typing.
	win.SetContent(container.NewStack(newOwnArea(w.ownInput), w.build()))
	win.SetCloseIntercept(w.onCloseRequested)
	win.Canvas().SetOnTypedKey(w.onKey)
	if dc, ok := win.Canvas().(desktop.Canvas); ok {
		// Keys with no button focused (Tab to the first one, Enter).
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { w.ownInput() })
		dc.SetOnKeyUp(func(*fyne.KeyEvent) { w.ownInput() })
	}
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
	w.repeat = widget.NewLabel("")
	w.repeat.TextStyle = fyne.TextStyle{Bold: true}
	w.repeat.Wrapping = fyne.TextWrapWord
	w.repeat.Hide()
	w.safety = widget.NewLabel("")
	w.safety.Wrapping = fyne.TextWrapWord
	w.safety.TextStyle = fyne.TextStyle{Italic: true}
	w.safety.Importance = widget.MediumImportance
	w.notice = widget.NewLabel("")
	w.notice.Importance = widget.WarningImportance
	w.notice.Hide()

	w.fig = figure.New(w.card.Figure)
	// The countdown is said above the bar, in the text colour on the
	// window's background: written over the bar (Fyne's own label) it is
	// white on the bar's pale unfilled part, 2:1 in the light theme.
	w.progress = widget.NewProgressBar()
	w.progress.TextFormatter = func() string { return "" }
	w.left = widget.NewLabel("")
	w.left.TextStyle = fyne.TextStyle{Bold: true}

	hydration := w.opts.Kind == schedule.Hydration
	doneText := lang.X("cardwin.done", "Done")
	if hydration {
		doneText = lang.X("cardwin.drank", "I drank a glass")
	}
	w.doneBtn = w.button(doneText, theme.ConfirmIcon(), w.onDone)
	w.doneBtn.Importance = widget.HighImportance
	// Escape snoozes: the gentle way out, which the button says.
	w.snoozeBtn = w.button(
		withKey(lang.X("cardwin.snooze", "Snooze {{.Duration}}", map[string]any{"Duration": duration.Format(w.opts.Snooze)})),
		theme.HistoryIcon(), w.onSnooze)
	w.skipBtn = w.button(lang.X("cardwin.skip", "Skip"), nil, w.onSkip)
	w.anotherBtn = w.button(lang.X("cardwin.another", "Another one"), theme.ViewRefreshIcon(), w.onAnother)
	w.also = container.NewVBox()
	for _, k := range w.opts.Also {
		text := lang.X("cardwin.also", "Also: {{.What}}", map[string]any{"What": kinds.Also(k)})
		if k == schedule.Hydration {
			// Its own tick: the glass is logged, and the water break with
			// it. A plain check under the steps was easy to miss (a faint
			// empty box): it sits on a panel with an accent stripe, a to-do.
			w.waterCheck = widget.NewCheck(text, w.onAlsoDrank)
			stripe := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
			stripe.SetMinSize(fyne.NewSize(4, 0))
			stripe.CornerRadius = 2
			w.also.Add(container.NewStack(newPanel(), container.NewPadded(
				container.NewBorder(nil, nil, stripe, nil, container.NewThemeOverride(w.waterCheck, strongBox{fyne.CurrentApp().Settings().Theme()})))))
			continue
		}
		l := widget.NewLabel(text) // covered by this break itself
		l.Wrapping = fyne.TextWrapWord
		w.also.Add(l)
	}
	if w.opts.Strict {
		w.snoozeBtn.Hide()
		w.skipBtn.Hide()
		w.doneBtn.Disable() // until the countdown ends
	}
	w.budget = widget.NewLabel(w.budgetText())
	w.budget.Wrapping = fyne.TextWrapWord
	w.budget.Importance = widget.MediumImportance
	if w.opts.NoSkip {
		w.skipBtn.Hide()
	}
	if w.budget.Text == "" {
		w.budget.Hide()
	}

	safetyRow := container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, w.safety)
	// A gap sets the safety line apart from the last step (a step of
	// several lines ran into it).
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(0, 2*theme.Padding()))
	text := container.NewVBox(w.steps, w.repeat, gap, safetyRow)
	if len(w.opts.Also) > 0 {
		text.Add(w.also)
	}
	header := container.NewVBox(w.kindLabel, w.title)
	buttons := container.NewHBox(w.anotherBtn.box, layout.NewSpacer(), w.skipBtn.box, w.snoozeBtn.box, w.doneBtn.box)
	w.buttons = buttons
	if w.opts.Compact {
		w.anotherBtn.Hide()
	}
	footer := container.NewVBox(w.left, w.progress, w.notice, w.budget, buttons)

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
	// The last card, with more of the break left than it takes (the
	// library could not fill the break): say what to do with the rest, so
	// nobody presses Done early and gets "too short".
	if left := w.opts.Length - w.spent; len(w.next) == 0 && !c.Timed && left > c.Duration+repeatSlack {
		w.repeat.SetText(lang.X("cardwin.repeat", "Then repeat it, slowly, until the time is up."))
		w.repeat.Show()
	} else {
		w.repeat.Hide()
	}
}

// repeatSlack: a last card this much shorter than the rest of the break
// fills it well enough (the picker's plans fill 80 % of it).
const repeatSlack = 15 * time.Second

// button is a button that also answers Enter, keypad Enter and Escape
// as the card does while it has the focus (a plain button only answers
// Space, so the keys died once Done was focused).
func (w *cardWindow) button(label string, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{onKey: w.onKey, own: w.ownInput, ring: canvas.NewRectangle(color.Transparent)}
	b.Text, b.Icon = label, icon
	b.OnTapped = func() { w.ownInput(); tapped() }
	b.ExtendBaseWidget(b)
	b.ring.StrokeWidth = 2
	b.ring.CornerRadius = theme.InputRadiusSize() + theme.Padding()
	b.ring.Hide()
	// The ring runs a padding's width outside the button, so it shows on
	// any button colour.
	b.box = container.NewStack(b.ring, container.NewPadded(b))
	return b
}

// keyButton activates on Enter (main or keypad) as on Space, hands Escape
// to the window's keys, draws a clear ring while it has the focus (Fyne's
// own focus tint is faint), and tells the window of the keys and pointer
// moves it gets (own input, not typing).
type keyButton struct {
	widget.Button
	onKey func(*fyne.KeyEvent)
	own   func()
	ring  *canvas.Rectangle
	box   *fyne.Container // the button with its ring: what the layout holds
}

func (b *keyButton) FocusGained() {
	b.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
	if c, ok := b.ring.StrokeColor.(color.NRGBA); ok {
		c.A = 255 // the focus colour is translucent; the ring must not be
		b.ring.StrokeColor = c
	}
	b.ring.Show()
	b.ring.Refresh()
	b.Button.FocusGained()
}

func (b *keyButton) FocusLost() {
	b.ring.Hide()
	b.Button.FocusLost()
}

// Hide and Show take the ring's box along, so no gap is left.
func (b *keyButton) Hide() { b.Button.Hide(); b.box.Hide() }
func (b *keyButton) Show() { b.Button.Show(); b.box.Show() }

// TypedKey: Enter and Space activate the focused button (the one with
// the ring), whichever it is; Escape keeps its meaning for the whole card.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(&fyne.PointEvent{})
		}
	case fyne.KeyEscape:
		b.onKey(ev)
	default:
		b.Button.TypedKey(ev)
	}
}

// KeyDown and KeyUp see every key the button gets while focused, Tab
// included (the focus moves on after KeyDown).
func (b *keyButton) KeyDown(*fyne.KeyEvent) { b.own() }
func (b *keyButton) KeyUp(*fyne.KeyEvent)   { b.own() }

func (b *keyButton) MouseIn(e *desktop.MouseEvent) { b.own(); b.Button.MouseIn(e) }
func (b *keyButton) MouseMoved(e *desktop.MouseEvent) {
	b.own()
	b.Button.MouseMoved(e)
}

// elapsed is the break time counted so far: wall time while the user is
// away from the keys; time spent typing does not count.
func (w *cardWindow) elapsed(time.Time) time.Duration { return w.spent }

func (w *cardWindow) progressText() string {
	if w.ended {
		if left := w.closesIn(w.last); w.opts.AutoClose > 0 && left > 0 {
			return lang.X("cardwin.finished.closing", "Time's up — well done! Closing in {{.S}} s", map[string]any{"S": int(math.Ceil(left.Seconds()))})
		}
		return lang.X("cardwin.finished", "Time's up — well done!")
	}
	if w.typing {
		return lang.X("cardwin.paused_typing", "Paused while you type")
	}
	left := w.opts.Length - time.Duration(w.progress.Value*float64(w.opts.Length))
	s := int(math.Ceil(left.Seconds()))
	return lang.X("cardwin.left", "{{.M}}:{{.S}} left", map[string]any{"M": s / 60, "S": fmt.Sprintf("%02d", s%60)})
}

// refreshBar redraws the bar and its text.
func (w *cardWindow) refreshBar() {
	w.progress.Refresh()
	w.left.SetText(w.progressText())
}

// closesIn is how long until the card closes by itself.
func (w *cardWindow) closesIn(now time.Time) time.Duration {
	return w.opts.AutoClose - now.Sub(w.endedAt)
}

// pausesOnInput: input pauses the countdown, unless the exercise is done
// with the hands on the desk.
func (w *cardWindow) pausesOnInput() bool { return !w.card.HandsOnDesk && !w.opts.Strict }

// run ticks the countdown until the window is finished. About once a
// second it asks the daemon how long ago the last input was (off the Fyne
// goroutine: it is a round trip).
func (w *cardWindow) run() {
	t := w.clock.NewTicker(250 * time.Millisecond)
	go func() {
		defer t.Stop()
		var asked time.Time
		var typing input
		for {
			select {
			case <-w.stop:
				return
			case now := <-t.C():
				if now.Sub(asked) >= idleEvery {
					asked = now
					typing = w.askTyping()
				}
				fyne.DoAndWait(func() {
					w.typing = typing.at(now, w.ownAt) && w.pausesOnInput() && !w.ended
					w.onTick(now)
				})
				if w.afterTick != nil {
					w.afterTick()
				}
			}
		}
	}()
	w.fig.Start()
	if w.opts.Sound {
		go chime(false)
	}
}

// input is what the daemon last said of the user's input.
type input struct {
	known bool
	asked time.Time     // when the daemon was asked
	idle  time.Duration // time since the last input then
}

// at reports whether input means typing at now: input within typingGap,
// unless it was the card's own (at ownAt, within ownGrace).
func (in input) at(now, ownAt time.Time) bool {
	if !in.known || in.idle+now.Sub(in.asked) >= typingGap {
		return false
	}
	last := in.asked.Add(-in.idle) // to a second: idle comes in whole seconds
	return ownAt.IsZero() || last.Sub(ownAt) > ownGrace
}

// askTyping asks the daemon how long ago the last input was; when it does
// not answer, the countdown runs.
func (w *cardWindow) askTyping() input {
	ctx, cancel := context.WithTimeout(context.Background(), 900*time.Millisecond)
	defer cancel()
	now := w.clock.Now()
	st, err := w.caller.Status(ctx, false)
	if err != nil || st.Away {
		return input{}
	}
	return input{known: true, asked: now, idle: time.Duration(st.IdleSeconds) * time.Second}
}

// ownArea tells of the pointer moving over the window where no button is.
type ownArea struct {
	widget.BaseWidget
	own func()
}

func newOwnArea(own func()) *ownArea {
	a := &ownArea{own: own}
	a.ExtendBaseWidget(a)
	return a
}

func (a *ownArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
func (a *ownArea) MouseIn(*desktop.MouseEvent)    { a.own() }
func (a *ownArea) MouseMoved(*desktop.MouseEvent) { a.own() }
func (a *ownArea) MouseOut()                      {}

// ownInput notes a key or pointer event of the card's own window.
func (w *cardWindow) ownInput() { w.ownAt = w.clock.Now() }

func (w *cardWindow) onTick(now time.Time) {
	if w.reported {
		return
	}
	if dt := now.Sub(w.last); dt > 0 && !w.typing && !w.ended {
		w.spent += dt
	}
	w.last = now
	if w.ended {
		if w.opts.AutoClose > 0 && w.closesIn(now) <= 0 {
			w.finish(api.Done)
			return
		}
		w.refreshBar()
		return
	}
	e := w.spent
	if w.opts.Length <= 0 || e >= w.opts.Length {
		w.spent = max(w.opts.Length, 0)
		w.timeUp(now)
		return
	}
	w.progress.SetValue(float64(e) / float64(w.opts.Length))
	w.left.SetText(w.progressText())
	if len(w.next) > 0 && now.Sub(w.cardAt) >= w.card.Duration {
		// The next card of the sequence, with its own figure.
		c := w.next[0]
		w.next, w.seqAt = w.next[1:], w.seqAt+1
		w.shown = append(w.shown, c.ID)
		w.showCard(c)
	}
}

// timeUp ends the countdown: Skip and Snooze go away, Done takes the
// focus (Enter, Escape and Space close the card), and the card closes by
// itself after AutoClose.
func (w *cardWindow) timeUp(now time.Time) {
	w.ended, w.endedAt, w.typing = true, now, false
	w.progress.SetValue(1)
	w.snoozeBtn.Hide()
	w.skipBtn.Hide()
	w.anotherBtn.Hide()
	w.doneBtn.Enable()
	w.doneBtn.SetText(withKey(w.doneBtn.Text)) // Escape is Done now
	w.buttons.Refresh()                        // the longer label needs a wider button
	w.win.Canvas().Focus(w.doneBtn)
	w.refreshBar()
	if w.opts.Sound {
		go chime(true)
	}
}

// withKey names Escape on the button it triggers, so the key is found.
func withKey(label string) string {
	return lang.X("cardwin.key.escape", "{{.Label}} (Esc)", map[string]any{"Label": label})
}

// onKey: Enter (main or keypad) is Done; Escape is the gentle way out: it
// snoozes while the break runs (where Snooze is offered; never a skip,
// which spends the day's budget and adds debt) and closes the card as done
// once time is up. Strict mode takes neither before the end.
func (w *cardWindow) onKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !w.doneBtn.Disabled() {
			w.onDone()
		}
	case fyne.KeyEscape:
		switch {
		case w.ended:
			w.onDone()
		case w.snoozeBtn.Visible():
			w.onSnooze()
		}
	}
}

// onAlsoDrank logs the glass of a water break that travels with this one.
func (w *cardWindow) onAlsoDrank(on bool) {
	if !on || w.drank {
		return
	}
	w.drank = true
	if _, err := w.caller.Drink(context.Background(), history.SourceCard); err != nil {
		fmt.Fprintf(w.errOut, "limber: logging the glass of water failed: %v\n", err)
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

// budgetText is the card's line about the skip budget and break debt:
// why Skip is gone (not in strict mode, which never has one), and how much
// of the break pays back debt ("" when neither).
func (w *cardWindow) budgetText() string {
	var lines []string
	if w.opts.NoSkip && !w.opts.Strict {
		lines = append(lines, status.NoSkipsLeft(w.opts.SkipsUsed))
	}
	if w.opts.Debt > 0 {
		lines = append(lines, lang.X("cardwin.debt", "{{.T}} longer than usual, to pay back your break debt", map[string]any{"T": duration.Format(w.opts.Debt)}))
	}
	return strings.Join(lines, "\n")
}

func (w *cardWindow) onSkip() {
	if !w.opts.Strict && !w.opts.NoSkip {
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

// onAnother replaces the card on screen, and the rest of its sequence,
// with a new plan for what is left of the break: one card seldom fills it
// (a 5-minute move break got a 40 s card).
func (w *cardWindow) onAnother() {
	left := max(w.opts.Length-w.spent, cards.MinDuration)
	ids, err := w.caller.PickPlan(context.Background(), api.CardPickArgs{Kind: w.opts.Kind,
		LengthSeconds: int64(math.Ceil(left.Seconds())), Exclude: w.shown})
	var plan []cards.Card
	for _, id := range ids {
		if c, ok := w.lib.Card(id); ok {
			plan = append(plan, c)
		}
	}
	if err != nil || len(plan) == 0 {
		if err != nil {
			fmt.Fprintf(w.errOut, "limber: picking another card failed: %v\n", err)
		}
		w.notice.SetText(lang.X("cardwin.no_other", "No other card fits this break."))
		w.notice.Show()
		return
	}
	w.notice.Hide()
	w.next, w.seqAt, w.seqLen = plan[1:], 1, len(plan)
	w.shown = append(w.shown, plan[0].ID)
	w.showCard(plan[0])
}

// finish reports the outcome once and closes the window.
func (w *cardWindow) finish(outcome api.Outcome) {
	if w.reported {
		return
	}
	w.reported = true
	close(w.stop)
	if w.keeper != nil {
		w.keeper.Stop()
	}
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
