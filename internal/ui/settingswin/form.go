package settingswin

import (
	"context"
	"errors"
	"github.com/limber-app/limber/internal/ui/appwin"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/settings"
)

// field is one row of the settings table in the window: its widget, the
// message shown for it, and how to show the current settings in it.
type field struct {
	settings.Field
	msg      *widget.Label
	parseErr string // the text does not parse; validation cannot see it
	refresh  func()
	w        fyne.Disableable
	entry    *widget.Entry // for text fields: marked red while its value is wrong
	within   settings.Text // the row of an inline table ("Monday"), for its messages
	locked   bool          // set by the administrator: shown, never edited
	// mainBtn, beside a field the active profile sets, marks it and puts
	// the main value back (nil without a profile).
	mainBtn *widget.Button
}

// form is the settings window's content, built from settings.Fields().
// Every handler runs on Fyne's goroutine, so it needs no locking.
type form struct {
	win       fyne.Window
	revertBtn *widget.Button
	c         Daemon
	auto      Autostarter

	s       settings.Settings // as edited
	saved   settings.Settings // as last saved or loaded
	path    string
	offline bool // no daemon: saving writes the file only
	// locked: the keys an administrator locked, and where; their rows are
	// read-only and keep the value the daemon sent.
	locked map[string]settings.Lock

	// With a profile active the window edits it (profile.go): main is the
	// main settings under it, over the keys it sets.
	profile    string
	main       settings.Settings
	over       map[string]bool
	savedOver  map[string]bool
	overridden map[string]bool // shown, as of the last onChanged: for tests

	loading bool // refreshing widgets from s: ignore their change events
	// edited is the key the user changed last: an error between two
	// fields (an interval not longer than its break) is shown on it.
	edited  string
	fields  []*field
	byKey   map[string]*field
	entries map[string]*widget.Entry // by key, for tests
	checks  map[string]*widget.Check // by key; a Set's options as key.value
	selects map[string]*widget.Select
	steps   map[string][2]*stepButton // a duration's − and +, by key, for tests
	notes   map[string]*widget.Label  // "Set by your administrator", by locked key

	presetLabel *widget.Label
	presetDesc  *widget.Label
	presetBtns  map[string]*widget.Button
	autostart   *widget.Check
	saveBtn     *widget.Button
	status      *widget.Label
	banner      *fyne.Container
	profileHint *widget.Label // the profile banner's longer text, behind its ? button
	tabs        *container.AppTabs
	closeBtn    *widget.Button
	bar         []fyne.CanvasObject // the bottom bar's buttons (always in view)
	follow      appwin.FocusFollower

	content fyne.CanvasObject
}

// followFocus scrolls the tab shown so that the widget Tab moved the focus
// to is in view (the bottom bar's buttons are always seen). Fyne has no
// focus-change event; Run calls this a few times a second.
func (f *form) followFocus() {
	if f.tabs == nil || f.tabs.Selected() == nil {
		return
	}
	s, _ := f.tabs.Selected().Content.(*container.Scroll)
	f.follow.Follow(f.win, s, f.bar...)
}

// onKey handles a key the canvas gets with nothing focused: Escape closes
// (asking first when edits are unsaved), as in a text field.
func (f *form) onKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		f.onClose()
	}
}

func newForm(win fyne.Window, got api.SettingsReply, c Daemon, auto Autostarter, offline bool) *form {
	f := &form{
		win: win, c: c, auto: auto, offline: offline,
		s: got.Settings, saved: got.Settings, path: got.Path, locked: got.Locked,
		profile: got.Profile, main: got.Main, over: map[string]bool{}, savedOver: map[string]bool{}, overridden: map[string]bool{},
		byKey:   map[string]*field{},
		entries: map[string]*widget.Entry{},
		checks:  map[string]*widget.Check{},
		selects: map[string]*widget.Select{},
		steps:   map[string][2]*stepButton{},
		notes:   map[string]*widget.Label{},
	}
	for _, k := range got.Overrides {
		f.over[k], f.savedOver[k] = true, true
	}
	f.build(got.Problems)
	f.refreshAll()
	return f
}

// entry is a text field that hands the window's own shortcuts (Ctrl+S) to
// the window (a plain Entry would swallow them while it has the focus),
// selects its text when the focus comes and shows its value in the
// window's words again when the focus leaves ("20" becomes "20 min").
type entry struct {
	widget.Entry
	f      *form
	onBlur func()
	onKey  func(fyne.KeyName) bool // keys the field takes itself (a spinner's Up and Down); nil for none
}

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k.Name) {
		return
	}
	if k.Name == fyne.KeyEscape {
		e.f.onClose() // as with nothing focused (the canvas's handler)
		return
	}
	e.Entry.TypedKey(k)
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if e.f.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// FocusGained selects the text, so that a value reached with Tab is
// replaced by what is typed, not added to.
func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (e *entry) FocusLost() {
	e.Entry.FocusLost()
	e.onBlur()
}

// shortcuts are the window's own: Ctrl+S saves; Ctrl+Page Down and
// Ctrl+Page Up (or Ctrl+Tab, Ctrl+Shift+Tab) go to the next and previous
// tab, since the tab bar takes no keyboard focus.
var shortcuts = []*desktop.CustomShortcut{
	{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault},
	{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierControl},
	{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierControl},
	{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl},
	{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift},
}

// onShortcut runs the window's shortcuts and reports whether s was one.
func (f *form) onShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	switch {
	case !ok:
		return false
	case *cs == *shortcuts[0]:
		if !f.saveBtn.Disabled() {
			f.onSave()
		}
	case *cs == *shortcuts[1] || *cs == *shortcuts[3]:
		f.tabs.SelectIndex((f.tabs.SelectedIndex() + 1) % len(f.tabs.Items))
	case *cs == *shortcuts[2] || *cs == *shortcuts[4]:
		f.tabs.SelectIndex((f.tabs.SelectedIndex() + len(f.tabs.Items) - 1) % len(f.tabs.Items))
	default:
		return false
	}
	return true
}

// widget makes the field's widget, with the profile's marker beside it
// when a profile is being edited.
func (f *form) widget(sf settings.Field) fyne.CanvasObject {
	w := f.fieldWidget(sf)
	fl := f.byKey[sf.Key]
	if _, ok := f.locked[sf.Key]; ok {
		return f.lockRow(fl, w)
	}
	if f.profile == "" || !profileKey(sf.Key) {
		return w
	}
	mb := newEscButton("", theme.ContentUndoIcon(), func() { f.onUseMain(fl) }, f.onClose)
	fl.mainBtn = &mb.Button
	fl.mainBtn.Importance = widget.WarningImportance
	fl.mainBtn.Hide()
	return container.NewBorder(nil, nil, nil, mb, w)
}

// lockRow makes a locked field's row read-only, saying why: the value is
// the administrator's (a profile cannot set it either).
func (f *form) lockRow(fl *field, w fyne.CanvasObject) fyne.CanvasObject {
	sf := fl.Field
	fl.locked = true
	if fl.w != nil {
		fl.w.Disable()
	}
	if sf.Key == "start_at_login" {
		f.autostart.Disable()
	}
	if sf.Type == settings.Set {
		for _, o := range sf.Options {
			f.checks[sf.Key+"."+o.Value].Disable()
		}
	}
	// Disabled alone reads like "not available now": the lock and the
	// policy's FILE:LINE say who decided, and where to ask.
	note := widget.NewLabelWithStyle(lockedNote(f.locked[sf.Key]), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	note.SizeName = theme.SizeNameCaptionText
	note.Wrapping = fyne.TextWrapWord // only in a very narrow column
	f.notes[sf.Key] = note
	icon := widget.NewIcon(lockIcon)
	return container.NewVBox(w, container.NewBorder(nil, nil, container.NewCenter(icon), nil, note))
}

// lockedNote is what a locked row says: where the administrator set it,
// short enough for a narrow column (the banner names the whole path).
func lockedNote(l settings.Lock) string {
	l.Source = filepath.Base(l.Source)
	return lang.X("settings.locked_at", "Locked: {{.Where}}", map[string]any{"Where": l.Where()})
}

// fieldWidget makes the field's widget and registers the field.
func (f *form) fieldWidget(sf settings.Field) fyne.CanvasObject {
	fl := &field{Field: sf, msg: widget.NewLabel("")}
	fl.msg.Importance = widget.DangerImportance
	fl.msg.Wrapping = fyne.TextWrapWord
	fl.msg.Hide()
	f.fields = append(f.fields, fl)
	f.byKey[sf.Key] = fl
	changed := func() {
		if !f.loading {
			f.edited = sf.Key
			f.onChanged()
		}
	}
	switch sf.Type {
	case settings.Bool:
		if sf.Key == "start_at_login" { // the login entry itself; the setting follows it
			c := newEscCheck(sf.Label(), f.onAutostart, f.onClose)
			f.autostart = &c.Check
			fl.refresh = func() {}
			return c
		}
		c := newEscCheck(sf.Label(), func(on bool) { *sf.Ptr(&f.s).(*bool) = on; changed() }, f.onClose)
		fl.refresh = func() { c.SetChecked(*sf.Ptr(&f.s).(*bool)) }
		fl.w, f.checks[sf.Key] = c, &c.Check
		return c
	case settings.Choice:
		esel := newEscSelect(f.onClose)
		sel := &esel.Select
		for _, o := range sf.Options {
			sel.Options = append(sel.Options, o.Title())
		}
		sel.OnChanged = func(string) {
			if i := sel.SelectedIndex(); i >= 0 && !f.loading {
				*sf.Ptr(&f.s).(*string) = sf.Options[i].Value
			}
			changed()
		}
		fl.refresh = func() {
			sel.ClearSelected()
			for i, o := range sf.Options {
				if o.Value == *sf.Ptr(&f.s).(*string) {
					sel.SetSelectedIndex(i)
				}
			}
		}
		fl.w, f.selects[sf.Key] = esel, sel
		return esel
	case settings.Set:
		box := container.NewHBox()
		var refresh []func()
		for _, o := range sf.Options {
			c := newEscCheck(o.Title(), func(bool) {
				if f.loading {
					return
				}
				var on []string
				for _, o := range sf.Options {
					if f.checks[sf.Key+"."+o.Value].Checked {
						on = append(on, o.Value)
					}
				}
				_ = sf.SetText(&f.s, strings.Join(on, ","))
				changed()
			}, f.onClose)
			f.checks[sf.Key+"."+o.Value] = &c.Check
			box.Add(c)
			refresh = append(refresh, func() { c.SetChecked(slices.Contains(strings.Split(sf.Format(&f.s), ", "), o.Value)) })
		}
		fl.refresh = func() {
			for _, r := range refresh {
				r()
			}
		}
		return box
	}
	e := &entry{f: f}
	e.ExtendBaseWidget(e)
	e.AlwaysShowValidationError = true
	def := settings.Defaults()
	e.SetPlaceHolder(sf.Format(&def))
	if sf.Type == settings.List && e.PlaceHolder == "" && sf.Placeholder != nil {
		e.SetPlaceHolder(sf.Placeholder())
	}
	if sf.Type == settings.List && e.PlaceHolder == "" {
		e.SetPlaceHolder(lang.X("settings.list.placeholder", "names separated by commas, for example: Dragon, Audacity"))
	}
	fl.refresh = func() { e.SetText(sf.Format(&f.s)) }
	e.onBlur = func() {
		if fl.parseErr == "" && !f.loading {
			f.loading = true
			fl.refresh()
			f.loading = false
		}
	}
	e.OnChanged = func(text string) {
		if f.loading {
			return
		}
		fl.parseErr = ""
		if err := sf.SetText(&f.s, text); err != nil {
			fl.parseErr = err.Error()
		}
		f.edited = sf.Key
		f.onChanged()
	}
	// Enter (or keypad Enter) in a field is the default button, Save, as
	// in a dialog; with a mistake anywhere it only shows the value.
	e.OnSubmitted = func(string) {
		e.onBlur()
		if !f.saveBtn.Disabled() {
			f.onSave()
		}
	}
	fl.w, fl.entry, f.entries[sf.Key] = e, &e.Entry, &e.Entry
	if sf.Type == settings.Duration {
		return f.spinner(fl, e)
	}
	return e
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// section builds one block of the window from a section of the table: its
// heading (or its "enabled" check), its hint, its fields (side by side in
// a grid, or as label and field rows; the inline tables below it, such as
// the weekdays, as one row each) and the messages of all of them, full
// width under the block so that they wrap and are never clipped.
func (f *form) section(sec settings.Section, fields []settings.Field, subs []settings.Section) fyne.CanvasObject {
	box := container.NewVBox()
	var msgs []*widget.Label
	place := func(sf settings.Field) fyne.CanvasObject {
		w := f.widget(sf)
		msgs = append(msgs, f.byKey[sf.Key].msg)
		return w
	}
	if len(fields) > 0 && strings.HasSuffix(fields[0].Key, ".enabled") {
		box.Add(place(fields[0]))
		fields = fields[1:]
	} else if sec.Title != nil {
		box.Add(heading(sec.Title()))
	}
	if sec.Hint != nil {
		box.Add(wrapped(sec.Hint()))
	}
	var rows, after, wide []fyne.CanvasObject
	var cells []fyne.CanvasObject
	for _, sf := range fields {
		switch {
		case sec.Grid:
			caption := widget.NewLabel(sf.Label())
			caption.SizeName = theme.SizeNameCaptionText
			cells = append(cells, container.NewVBox(caption, place(sf)))
		case sf.Type == settings.Bool || sf.Type == settings.Set:
			after = append(after, place(sf))
		case sf.Type == settings.List: // names need the width, and follow the checks they qualify
			wide = append(wide, widget.NewLabel(sf.Label()), place(sf))
		default:
			rows = append(rows, widget.NewLabel(sf.Label()), place(sf))
		}
	}
	if len(subs) > 0 {
		header := []fyne.CanvasObject{layout.NewSpacer()}
		for _, sf := range settings.Fields() {
			switch {
			case settings.SectionOf(sf.Key) != subs[0].Key:
			case sf.Type == settings.Bool: // the check says it
				header = append(header, layout.NewSpacer())
			default:
				header = append(header, widget.NewLabel(sf.Label()))
			}
		}
		rows = append(rows, layout.NewSpacer(), container.NewGridWithColumns(len(header)-1, header[1:]...))
		for _, sub := range subs {
			var line []fyne.CanvasObject
			for _, sf := range settings.Fields() {
				if settings.SectionOf(sf.Key) == sub.Key {
					line = append(line, place(sf))
					f.byKey[sf.Key].within = sub.Title
				}
			}
			rows = append(rows, widget.NewLabel(sub.Title()), container.NewGridWithColumns(len(line), line...))
		}
	}
	if len(cells) > 0 {
		box.Add(container.NewGridWithColumns(4, cells...))
	}
	if len(rows) > 0 {
		grid := container.New(layout.NewFormLayout(), rows...)
		if len(subs) == 0 { // entries for "30 min" need no 700 pixels
			box.Add(container.NewGridWithColumns(2, grid, layout.NewSpacer()))
		} else {
			box.Add(grid)
		}
	}
	for _, a := range after {
		box.Add(a)
	}
	if len(wide) > 0 {
		box.Add(container.New(layout.NewFormLayout(), wide...))
	}
	for _, m := range msgs {
		box.Add(m)
	}
	return box
}

func (f *form) build(problems []settings.Problem) {
	// Presets.
	f.presetLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.presetDesc = wrapped("")
	f.presetBtns = map[string]*widget.Button{}
	var btns []fyne.CanvasObject
	for _, name := range settings.PresetNames() {
		b := newEscButton(settings.PresetTitle(name), nil, func() { f.onPreset(name) }, f.onClose)
		f.presetBtns[name] = &b.Button
		btns = append(btns, b)
	}
	tabs := map[string]*fyne.Container{
		settings.TabBreaks: container.NewVBox(
			heading(lang.X("settings.presets", "Presets")),
			container.NewGridWithColumns(4, btns...),
			container.NewHBox(widget.NewLabel(lang.X("settings.preset.current", "Current:")), f.presetLabel),
			f.presetDesc,
		),
		settings.TabLimits: container.NewVBox(), settings.TabHours: container.NewVBox(), settings.TabGeneral: container.NewVBox(),
	}

	// One block per section of the table, in file order.
	for _, sec := range settings.Sections() {
		if strings.Contains(sec.Key, ".") {
			continue // an inline table: a row of its parent
		}
		var fields []settings.Field
		var subs []settings.Section
		for _, sf := range settings.Fields() {
			if settings.SectionOf(sf.Key) == sec.Key && sf.Tab != "" {
				fields = append(fields, sf)
			}
		}
		for _, sub := range settings.Sections() {
			if settings.SectionOf(sub.Key) == sec.Key && strings.Contains(sub.Key, ".") {
				subs = append(subs, sub)
			}
		}
		if len(fields) == 0 {
			continue
		}
		tab := tabs[fields[0].Tab]
		if len(tab.Objects) > 0 {
			tab.Add(widget.NewSeparator())
		}
		tab.Add(f.section(sec, fields, subs))
	}
	if f.path != "" {
		tabs[settings.TabGeneral].Add(widget.NewSeparator())
		tabs[settings.TabGeneral].Add(wrapped(lang.X("settings.file", "These settings are stored in {{.Path}}; you can also edit that file by hand.",
			map[string]any{"Path": f.path})))
	}
	item := func(title, tab string) *container.TabItem {
		return container.NewTabItem(title, container.NewVScroll(container.NewPadded(tabs[tab])))
	}
	f.tabs = container.NewAppTabs(
		item(lang.X("settings.tab.breaks", "Breaks"), settings.TabBreaks),
		item(lang.X("settings.tab.limits", "Limits"), settings.TabLimits),
		item(lang.X("settings.tab.hours", "Working hours"), settings.TabHours),
		item(lang.X("settings.tab.general", "General"), settings.TabGeneral),
	)

	f.tabs.OnSelected = func(*container.TabItem) { f.win.Canvas().Unfocus() } // no typing into a hidden field
	f.status = wrapped("")
	saveBtn := newEscButton(lang.X("settings.save", "Save"), nil, f.onSave, f.onClose)
	f.saveBtn = &saveBtn.Button
	f.saveBtn.Importance = widget.HighImportance
	revert := newEscButton(lang.X("settings.revert", "Undo changes"), nil, f.onRevert, f.onClose)
	f.revertBtn = &revert.Button
	closeBtn := newEscButton(lang.X("settings.close", "Close"), nil, f.onClose, f.onClose)
	f.closeBtn = &closeBtn.Button
	f.bar = []fyne.CanvasObject{revert, closeBtn, saveBtn}
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(revert, closeBtn, saveBtn), f.status)

	f.banner = container.NewVBox()
	if len(f.locked) > 0 {
		var srcs []string
		for _, l := range f.locked {
			if !slices.Contains(srcs, l.Source) {
				srcs = append(srcs, l.Source)
			}
		}
		slices.Sort(srcs)
		// One line (wrapping only in a narrow window): the rows say which.
		msg := wrapped(lang.X("settings.locked_line", "Settings with a lock are set by your administrator ({{.Source}})",
			map[string]any{"Source": strings.Join(srcs, ", ")}))
		f.banner.Add(container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(lockIcon)), nil, msg))
	}
	if f.profile != "" {
		f.banner.Add(f.profileBanner())
	}
	if len(problems) > 0 {
		msg := wrapped(lang.X("settings.file_problems_kept",
			"The settings file has mistakes (below), so Limber is using the settings shown here instead. Saving first keeps your file as it is now, as config.toml.broken-DATE beside it, then writes these settings in its place."))
		msg.Importance = widget.WarningImportance
		f.banner.Add(msg)
		for i, p := range problems {
			if i == 5 {
				f.banner.Add(widget.NewLabel("…"))
				break
			}
			f.banner.Add(wrapped(p.String()))
		}
	}
	f.content = container.NewBorder(f.banner, container.NewPadded(bottom), nil, nil, f.tabs)
}

// refreshAll shows f.s in every widget.
func (f *form) refreshAll() {
	f.loading = true
	for _, fl := range f.fields {
		fl.parseErr = ""
		fl.refresh()
	}
	if f.auto != nil {
		on, err := f.auto.Enabled()
		f.autostart.SetChecked(on)
		if err != nil {
			f.setMessage("start_at_login", err.Error())
		}
	}
	f.loading = false
	f.onChanged()
}

func (f *form) setMessage(key, msg string) {
	fl, ok := f.byKey[key]
	if !ok {
		return
	}
	if fl.entry != nil {
		var err error
		if msg != "" {
			err = errors.New(msg)
		}
		fl.entry.SetValidationError(err)
	}
	if msg == "" {
		fl.msg.Hide()
		return
	}
	switch {
	case fl.within != nil:
		msg = fl.within() + ", " + fl.Label() + ": " + msg
	case fl.Label != nil:
		msg = fl.Label() + ": " + msg
	}
	fl.msg.SetText(msg)
	fl.msg.Show()
}

// errors returns the message per field: parse errors first, then validation.
func (f *form) errors() map[string]string {
	msgs := settings.FieldErrors(f.s.Validate())
	f.blameEdited(msgs)
	for _, fl := range f.fields {
		if fl.parseErr != "" {
			msgs[fl.Key] = fl.parseErr
		}
	}
	return msgs
}

// blameEdited moves the "interval not longer than its break" error, which
// validation puts on the interval, to the break's length when that is what
// the user just changed: the error shows on the field that made it wrong.
func (f *form) blameEdited(msgs map[string]string) {
	sec, ok := strings.CutSuffix(f.edited, ".length")
	if !ok || msgs[f.edited] != "" {
		return
	}
	iv := sec + ".interval"
	ivf, lf := f.byKey[iv], f.byKey[f.edited]
	if msgs[iv] == "" || ivf == nil || lf == nil || ivf.parseErr != "" {
		return
	}
	interval, _ := ivf.Ptr(&f.s).(*time.Duration)
	length, _ := lf.Ptr(&f.s).(*time.Duration)
	if interval == nil || length == nil || *interval > *length {
		return // the interval is wrong for a reason of its own
	}
	delete(msgs, iv)
	msgs[f.edited] = lang.X("settings.err.length_vs_interval", "The break must be shorter than its interval ({{.Interval}}).",
		map[string]any{"Interval": duration.Format(*interval)})
}

// onChanged re-validates everything (one change can fix or break another
// field: a shorter interval against its break) and updates the preset.
func (f *form) onChanged() {
	msgs := f.errors()
	for _, fl := range f.fields {
		if fl.Key == "start_at_login" {
			continue
		}
		f.setMessage(fl.Key, msgs[fl.Key])
		if fl.Active != nil && fl.w != nil {
			if fl.Active(&f.s) && !fl.locked {
				fl.w.Enable()
			} else {
				fl.w.Disable()
			}
			if bs, ok := f.steps[fl.Key]; ok {
				bs[0].Refresh()
				bs[1].Refresh()
			}
		}
	}
	f.showOverrides()
	f.s.Normalize()
	f.presetLabel.SetText(settings.PresetTitle(f.s.Preset))
	f.presetDesc.SetText(settings.PresetDescription(f.s.Preset))
	for name, b := range f.presetBtns {
		if name == f.s.Preset {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	switch {
	case len(msgs) > 0:
		f.saveBtn.Disable()
		f.revertBtn.Enable()
		f.status.SetText(lang.X("settings.status.invalid", "Fix the fields marked in red to save."))
	case !f.dirty():
		f.saveBtn.Disable()
		f.revertBtn.Disable() // nothing to undo
		f.status.SetText("")
	default:
		f.saveBtn.Enable()
		f.revertBtn.Enable()
		f.status.SetText(lang.X("settings.status.unsaved", "Unsaved changes."))
	}
}

// onClose closes the window, asking first when edits are unsaved.
func (f *form) onClose() {
	if !f.dirty() {
		f.win.Close()
		return
	}
	dialog.ShowConfirm(lang.X("settings.discard.title", "Unsaved changes"),
		lang.X("settings.discard.body", "Close without saving your changes?"),
		func(ok bool) {
			if ok {
				f.win.Close()
			}
		}, f.win)
}

func (f *form) onPreset(name string) {
	f.s.ApplyPreset(name)
	f.keepLocked()
	f.refreshAll()
}

// keepLocked puts the administrator's value back into every locked key
// (a preset sets many keys at once); the daemon would anyway.
func (f *form) keepLocked() {
	for _, fl := range f.fields {
		if fl.locked {
			fl.Copy(&f.s, &f.saved)
		}
	}
}

func (f *form) onRevert() {
	f.edited = ""
	f.s = f.saved
	f.over = maps.Clone(f.savedOver)
	f.refreshAll()
}

func (f *form) onAutostart(on bool) {
	if f.loading || f.auto == nil {
		return
	}
	if err := f.auto.Set(on); err != nil {
		f.setMessage("start_at_login", err.Error())
		f.loading = true
		f.autostart.SetChecked(!on)
		f.loading = false
		return
	}
	f.setMessage("start_at_login", "")
	// The entry is the user's own file, changed at once; the setting follows
	// (alone, not the other edits) so that the daemon, which keeps the two
	// in step, does not undo it.
	s := f.saved
	s.StartAtLogin = on
	if f.profile != "" { // the main settings' key: profiles leave it alone
		s = f.main
		s.StartAtLogin = on
	}
	if err := f.saveMain(s); err != nil {
		f.status.SetText(err.Error())
	}
	f.s.StartAtLogin = on
	f.onChanged()
}

func (f *form) onSave() {
	if len(f.errors()) > 0 {
		return
	}
	langChanged := f.s.Language != f.saved.Language
	if err := f.save(f.s); err != nil {
		f.status.SetText(err.Error())
		return
	}
	f.onChanged()
	msg := lang.X("settings.status.saved", "Saved and in use.")
	if f.offline {
		msg = lang.X("settings.status.saved_file", "Saved to {{.Path}}. Limber uses it when it starts.", map[string]any{"Path": f.path})
	}
	if langChanged {
		msg += " " + lang.X("settings.status.language", "Windows opened from now on use the new language.")
	}
	f.status.SetText(msg)
}

// save sends s to the daemon, which validates, writes and applies it:
// into the profile being edited, or as the main settings.
func (f *form) save(s settings.Settings) error {
	if f.profile == "" {
		return f.saveMain(s)
	}
	keys := f.overrideKeys()
	if err := f.c.SaveProfile(context.Background(), f.profile, s, keys); err != nil {
		return errors.New(lang.X("settings.status.save_failed", "Not saved: {{.Err}}", map[string]any{"Err": err.Error()}))
	}
	f.saved = s
	f.over, f.savedOver = map[string]bool{}, map[string]bool{}
	for _, k := range keys {
		f.over[k], f.savedOver[k] = true, true
	}
	return nil
}

// saveMain saves s as the main settings.
func (f *form) saveMain(s settings.Settings) error {
	if err := f.c.SetSettings(context.Background(), s); err != nil {
		return errors.New(lang.X("settings.status.save_failed", "Not saved: {{.Err}}", map[string]any{"Err": err.Error()}))
	}
	if f.profile != "" {
		f.main = s
		f.saved.StartAtLogin = s.StartAtLogin
		return nil
	}
	f.saved = s
	return nil
}
