package settingswin

import (
	"strconv"
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

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

// field is one editable value: its widget, the message shown under it, and
// how to show the current settings in it.
type field struct {
	key      string
	msg      *widget.Label
	parseErr string // the text does not parse; validation cannot see it
	refresh  func()
	w        fyne.Disableable
	// enabled, when set, says whether the field applies (a disabled break's
	// interval, the hours of a day off); otherwise it is greyed out.
	enabled func() bool
}

// form is the settings window's content. Every handler runs on Fyne's
// goroutine, so it needs no locking.
type form struct {
	win  fyne.Window
	c    Caller
	auto Autostarter

	s       settings.Settings // as edited
	saved   settings.Settings // as last saved or loaded
	path    string
	offline bool // no daemon: saving writes the file only

	loading bool // refreshing widgets from s: ignore their change events
	fields  []*field
	byKey   map[string]*field
	entries map[string]*widget.Entry // by key, for tests
	checks  map[string]*widget.Check
	selects map[string]*widget.Select

	presetLabel *widget.Label
	presetDesc  *widget.Label
	presetBtns  map[string]*widget.Button
	autostart   *widget.Check
	saveBtn     *widget.Button
	status      *widget.Label
	banner      *fyne.Container

	content fyne.CanvasObject
}

func newForm(win fyne.Window, got settings.GetReply, c Caller, auto Autostarter, offline bool) *form {
	f := &form{
		win: win, c: c, auto: auto, offline: offline,
		s: got.Settings, saved: got.Settings, path: got.Path,
		byKey:   map[string]*field{},
		entries: map[string]*widget.Entry{},
		checks:  map[string]*widget.Check{},
		selects: map[string]*widget.Select{},
	}
	f.build(got.Problems)
	f.refreshAll()
	return f
}

func newMessage() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func (f *form) add(fl *field) *field {
	f.fields = append(f.fields, fl)
	f.byKey[fl.key] = fl
	return fl
}

// textField is an entry holding a value that must parse; set stores it.
// entry is a text field that hands the window's own shortcuts (Ctrl+S) to
// the window; a plain Entry would swallow them while it has the focus.
type entry struct {
	widget.Entry
	f *form
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if e.f.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// onShortcut runs the window's shortcuts and reports whether s was one.
func (f *form) onShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.KeyName != fyne.KeyS || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	if !f.saveBtn.Disabled() {
		f.onSave()
	}
	return true
}

func (f *form) textField(key, placeholder string, show func() string, set func(string) error) fyne.CanvasObject {
	ee := &entry{f: f}
	ee.ExtendBaseWidget(ee)
	e := &ee.Entry
	e.SetPlaceHolder(placeholder)
	fl := f.add(&field{key: key, msg: newMessage()})
	fl.refresh = func() { e.SetText(show()) }
	fl.w = ee
	e.OnChanged = func(text string) {
		if f.loading {
			return
		}
		if err := set(text); err != nil {
			fl.parseErr = err.Error()
		} else {
			fl.parseErr = ""
		}
		f.onChanged()
	}
	f.entries[key] = e
	return container.NewVBox(ee, fl.msg)
}

func (f *form) durationField(key string, p *time.Duration) fyne.CanvasObject {
	fl, _ := settings.FieldByKey(key)
	return f.textField(key, "30", func() string { return fl.Format(&f.s) }, func(t string) error { return fl.SetText(&f.s, t) })
}

func (f *form) intField(key string, p *int) fyne.CanvasObject {
	return f.textField(key, "0", func() string { return strconv.Itoa(*p) }, func(t string) error {
		n, err := strconv.Atoi(strings.TrimSpace(t))
		if err != nil {
			return errString(lang.X("settings.err.want_number_field", "Write a whole number, for example 3."))
		}
		*p = n
		return nil
	})
}

func (f *form) clockField(key string, p *int) fyne.CanvasObject {
	return f.textField(key, "09:00", func() string { return settings.FormatClock(*p) }, func(t string) error {
		m, err := settings.ParseClock(t)
		if err == nil {
			*p = m
		}
		return err
	})
}

func (f *form) checkField(key, label string, p *bool) fyne.CanvasObject {
	fl := f.add(&field{key: key, msg: newMessage()})
	c := widget.NewCheck(label, nil)
	fl.refresh = func() { c.SetChecked(*p) }
	fl.w = c
	c.OnChanged = func(on bool) {
		if f.loading {
			return
		}
		*p = on
		f.onChanged()
	}
	f.checks[key] = c
	return container.NewVBox(c, fl.msg)
}

// selectField offers values (stored) with titles (shown).
func (f *form) selectField(key string, values, titles []string, p *string) fyne.CanvasObject {
	fl := f.add(&field{key: key, msg: newMessage()})
	sel := widget.NewSelect(titles, nil)
	fl.w = sel
	fl.refresh = func() {
		for i, v := range values {
			if v == *p {
				sel.SetSelectedIndex(i)
				return
			}
		}
		sel.ClearSelected()
	}
	sel.OnChanged = func(string) {
		if f.loading {
			return
		}
		if i := sel.SelectedIndex(); i >= 0 {
			*p = values[i]
		}
		f.onChanged()
	}
	f.selects[key] = sel
	return container.NewVBox(sel, fl.msg)
}

type errString string

func (e errString) Error() string { return string(e) }

// row is a label and a field, for a form layout.
func row(label string, obj fyne.CanvasObject) []fyne.CanvasObject {
	l := widget.NewLabel(label)
	return []fyne.CanvasObject{container.NewVBox(l), obj}
}

// cell is a small label above a field, for a grid of fields.
func cell(label string, obj fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(l, obj)
}

// when makes the fields of keys apply only while on() holds.
func (f *form) when(on func() bool, keys ...string) {
	for _, k := range keys {
		if fl, ok := f.byKey[k]; ok {
			fl.enabled = on
		}
	}
}

// narrow keeps a form to the left part of the window: entries for "30m"
// need no 700 pixels.
func narrow(obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWithColumns(2, obj, layout.NewSpacer())
}

func formGrid(rows ...[]fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, r...)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func kindTitle(k schedule.Kind) string {
	switch k {
	case schedule.Posture:
		return lang.X("settings.kind.posture", "Posture check")
	case schedule.Hydration:
		return lang.X("settings.kind.hydration", "Drink water")
	case schedule.Stretch:
		return lang.X("settings.kind.stretch", "Stretch")
	}
	return lang.X("settings.kind.movement", "Move around")
}

func (f *form) build(problems []settings.Problem) {
	// Presets.
	f.presetLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.presetDesc = widget.NewLabel("")
	f.presetDesc.Wrapping = fyne.TextWrapWord
	f.presetBtns = map[string]*widget.Button{}
	var btns []fyne.CanvasObject
	for _, name := range settings.PresetNames() {
		b := widget.NewButton(settings.PresetTitle(name), func() { f.onPreset(name) })
		f.presetBtns[name] = b
		btns = append(btns, b)
	}
	presets := container.NewVBox(
		heading(lang.X("settings.presets", "Presets")),
		container.NewGridWithColumns(4, btns...),
		container.NewHBox(widget.NewLabel(lang.X("settings.preset.current", "Current:")), f.presetLabel),
		f.presetDesc,
	)

	// Breaks, one block per kind.
	breaks := container.NewVBox(presets, widget.NewSeparator())
	for _, k := range schedule.AllKinds() {
		b := f.s.Break(k)
		p := string(k) + "."
		cells := []fyne.CanvasObject{
			cell(lang.X("settings.field.interval", "Every"), f.durationField(p+"interval", &b.Interval)),
			cell(lang.X("settings.field.length", "Break length"), f.durationField(p+"length", &b.Length)),
			cell(lang.X("settings.field.warn", "Warn before"), f.durationField(p+"warn", &b.Warn)),
		}
		if k == schedule.Posture || k == schedule.Hydration {
			cells = append(cells, cell(lang.X("settings.field.style", "Show as"), f.selectField(p+"style",
				[]string{settings.StyleNotification, settings.StyleCard},
				[]string{lang.X("settings.style.notification", "Notification"), lang.X("settings.style.card", "Exercise card")},
				&b.Style)))
		} else {
			cells = append(cells, layout.NewSpacer())
		}
		breaks.Add(container.NewVBox(
			f.checkField(p+"enabled", kindTitle(k), &b.Enabled),
			container.NewGridWithColumns(4, cells...),
		))
		f.when(func() bool { return b.Enabled }, p+"interval", p+"length", p+"warn", p+"style")
		breaks.Add(widget.NewSeparator())
	}
	breaks.Add(f.checkField("cycle.enabled", lang.X("settings.cycle.enabled", "Sit/stand/move cycle (replaces the walking break)"), &f.s.Cycle.Enabled))
	breaks.Add(container.NewGridWithColumns(4,
		cell(lang.X("settings.cycle.sit", "Sit"), f.durationField("cycle.sit", &f.s.Cycle.Sit)),
		cell(lang.X("settings.cycle.stand", "Stand"), f.durationField("cycle.stand", &f.s.Cycle.Stand)),
		cell(lang.X("settings.cycle.move", "Move"), f.durationField("cycle.move", &f.s.Cycle.Move)),
		layout.NewSpacer(),
	))
	f.when(func() bool { return f.s.Cycle.Enabled }, "cycle.sit", "cycle.stand", "cycle.move")

	// Limits and postponing.
	limits := container.NewVBox(
		heading(lang.X("settings.section.postpone", "Snoozing and skipping")),
		narrow(formGrid(
			row(lang.X("settings.field.snooze", "Snooze for"), f.durationField("breaks.snooze", &f.s.Snooze)),
			row(lang.X("settings.field.max_skips", "Skips in a row"), f.intField("breaks.max_skips", &f.s.MaxSkips)),
			row(lang.X("settings.field.max_snoozes", "Snoozes in a row"), f.intField("breaks.max_snoozes", &f.s.MaxSnoozes)),
		)),
		widget.NewLabel(lang.X("settings.hint.caps", "After this many in a row a break can only be taken; 0 means no limit.")),
		f.checkField("breaks.strict", lang.X("settings.field.strict", "Strict mode: no skipping, snoozing or closing early"), &f.s.Strict),
		widget.NewSeparator(),
		heading(lang.X("settings.section.daily", "Daily limits")),
		narrow(formGrid(
			row(lang.X("settings.field.daily_limit", "Sitting per day"), f.durationField("limits.daily_sitting", &f.s.DailyLimit)),
			row(lang.X("settings.field.daily_step", "Then remind every"), f.durationField("limits.daily_sitting_step", &f.s.DailyLimitStep)),
			row(lang.X("settings.field.glasses", "Glasses of water"), f.intField("limits.hydration_goal", &f.s.HydrationGoal)),
		)),
		widget.NewLabel(lang.X("settings.hint.zero", "0 turns a limit or goal off.")),
	)

	// Working hours.
	wh := container.NewVBox(
		f.checkField("working_hours.enabled", lang.X("settings.wh.enabled", "Only remind me during working hours"), &f.s.WorkingHours.Enabled),
		widget.NewLabel(lang.X("settings.wh.hint", "Outside working hours no break fires and sitting does not count against the daily limit; statistics show it as after hours.")),
	)
	wh.Objects[1].(*widget.Label).Wrapping = fyne.TextWrapWord
	dayRows := [][]fyne.CanvasObject{row("", container.NewGridWithColumns(3,
		layout.NewSpacer(),
		widget.NewLabel(lang.X("settings.wh.start", "Start")),
		widget.NewLabel(lang.X("settings.wh.end", "End")),
	))}
	for _, wd := range settings.Weekdays() {
		d := &f.s.WorkingHours.Days[wd]
		p := "working_hours." + settings.WeekdayKey(wd) + "."
		dayRows = append(dayRows, row(weekdayName(wd), container.NewGridWithColumns(3,
			f.checkField(p+"off", lang.X("settings.wh.off", "Day off"), &d.Off),
			f.clockField(p+"start", &d.Start),
			f.clockField(p+"end", &d.End),
		)))
		f.when(func() bool { return f.s.WorkingHours.Enabled }, p+"off")
		f.when(func() bool { return f.s.WorkingHours.Enabled && !d.Off }, p+"start", p+"end")
	}
	wh.Add(formGrid(dayRows...))

	// General.
	f.autostart = widget.NewCheck(lang.X("settings.field.autostart", "Start Limber when I log in"), f.onAutostart)
	f.add(&field{key: "start_at_login", msg: newMessage(), refresh: func() {}})
	general := container.NewVBox(
		narrow(formGrid(
			row(lang.X("settings.field.language", "Language"), f.selectField("language",
				[]string{settings.LangSystem, settings.LangEN, settings.LangDE},
				[]string{lang.X("settings.lang.system", "Same as the system"), "English", "Deutsch"}, &f.s.Language)),
			row(lang.X("settings.field.history", "Keep history (days)"), f.intField("history_days", &f.s.HistoryDays)),
		)),
		container.NewVBox(f.autostart, f.byKey["start_at_login"].msg),
		widget.NewSeparator(),
		heading(lang.X("settings.section.positions", "Exercises I can do")),
		container.NewHBox(
			f.checkFieldNoMsg("cards.positions.desk", lang.X("settings.pos.desk", "At the desk"), &f.s.Positions.Desk),
			f.checkFieldNoMsg("cards.positions.standing", lang.X("settings.pos.standing", "Standing"), &f.s.Positions.Standing),
			f.checkFieldNoMsg("cards.positions.floor", lang.X("settings.pos.floor", "On the floor"), &f.s.Positions.Floor),
		),
		f.add(&field{key: "cards.positions", msg: newMessage(), refresh: func() {}}).msg,
		widget.NewSeparator(),
		heading(lang.X("settings.section.advanced", "Activity detection")),
		narrow(formGrid(
			row(lang.X("settings.field.idle_after", "Away after no input for"), f.durationField("advanced.idle_after", &f.s.Advanced.IdleAfter)),
			row(lang.X("settings.field.active_after", "Back after input for"), f.durationField("advanced.active_after", &f.s.Advanced.ActiveAfter)),
			row(lang.X("settings.field.day_start", "A new day starts at"), f.textField("advanced.day_start", "04:00",
				func() string { return settings.FormatClock(int(f.s.Advanced.DayStart / time.Minute)) },
				func(t string) error {
					m, err := settings.ParseClock(t)
					if err == nil {
						f.s.Advanced.DayStart = time.Duration(m) * time.Minute
					}
					return err
				})),
			row(lang.X("settings.field.hold_limit", "Hold a break during calls for"), f.durationField("advanced.hold_limit", &f.s.Advanced.HoldLimit)),
		)),
	)

	if f.path != "" {
		where := widget.NewLabel(lang.X("settings.file", "These settings are stored in {{.Path}}; you can also edit that file by hand.",
			map[string]any{"Path": f.path}))
		where.Wrapping = fyne.TextWrapWord
		general.Add(widget.NewSeparator())
		general.Add(where)
	}

	tabs := container.NewAppTabs(
		container.NewTabItem(lang.X("settings.tab.breaks", "Breaks"), container.NewVScroll(container.NewPadded(breaks))),
		container.NewTabItem(lang.X("settings.tab.limits", "Limits"), container.NewVScroll(container.NewPadded(limits))),
		container.NewTabItem(lang.X("settings.tab.hours", "Working hours"), container.NewVScroll(container.NewPadded(wh))),
		container.NewTabItem(lang.X("settings.tab.general", "General"), container.NewVScroll(container.NewPadded(general))),
	)

	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord
	f.saveBtn = widget.NewButton(lang.X("settings.save", "Save"), f.onSave)
	f.saveBtn.Importance = widget.HighImportance
	revert := widget.NewButton(lang.X("settings.revert", "Undo changes"), f.onRevert)
	closeBtn := widget.NewButton(lang.X("settings.close", "Close"), f.onClose)
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(revert, closeBtn, f.saveBtn), f.status)

	f.banner = container.NewVBox()
	if len(problems) > 0 {
		msg := widget.NewLabel(lang.X("settings.file_problems",
			"The settings file has mistakes, so Limber is using the settings shown here. Saving replaces the file with them."))
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.WarningImportance
		f.banner.Add(msg)
		for i, p := range problems {
			if i == 5 {
				f.banner.Add(widget.NewLabel("…"))
				break
			}
			l := widget.NewLabel(p.String())
			l.Wrapping = fyne.TextWrapWord
			f.banner.Add(l)
		}
	}
	f.when(func() bool { return f.s.DailyLimit > 0 }, "limits.daily_sitting_step")
	f.content = container.NewBorder(f.banner, container.NewPadded(bottom), nil, nil, tabs)
}

// checkFieldNoMsg is a check whose errors show on another field (positions).
func (f *form) checkFieldNoMsg(name, label string, p *bool) fyne.CanvasObject {
	c := widget.NewCheck(label, nil)
	f.checks[name] = c
	fl := &field{refresh: func() { c.SetChecked(*p) }}
	f.fields = append(f.fields, fl)
	c.OnChanged = func(on bool) {
		if f.loading {
			return
		}
		*p = on
		f.onChanged()
	}
	return c
}

func weekdayName(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.X("settings.day.monday", "Monday")
	case time.Tuesday:
		return lang.X("settings.day.tuesday", "Tuesday")
	case time.Wednesday:
		return lang.X("settings.day.wednesday", "Wednesday")
	case time.Thursday:
		return lang.X("settings.day.thursday", "Thursday")
	case time.Friday:
		return lang.X("settings.day.friday", "Friday")
	case time.Saturday:
		return lang.X("settings.day.saturday", "Saturday")
	}
	return lang.X("settings.day.sunday", "Sunday")
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
	fl.msg.SetText(msg)
	if msg == "" {
		fl.msg.Hide()
	} else {
		fl.msg.Show()
	}
}

// errors returns the message per field: parse errors first, then validation.
func (f *form) errors() map[string]string {
	msgs := settings.FieldErrors(f.s.Validate())
	for _, fl := range f.fields {
		if fl.parseErr != "" {
			msgs[fl.key] = fl.parseErr
		}
	}
	return msgs
}

// onChanged re-validates everything (one change can fix or break another
// field: a shorter interval against its break) and updates the preset.
func (f *form) onChanged() {
	msgs := f.errors()
	for _, fl := range f.fields {
		if fl.key == "" || fl.key == "start_at_login" {
			continue
		}
		f.setMessage(fl.key, msgs[fl.key])
		if fl.enabled != nil && fl.w != nil {
			if fl.enabled() {
				fl.w.Enable()
			} else {
				fl.w.Disable()
			}
		}
	}
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
		f.status.SetText(lang.X("settings.status.invalid", "Fix the fields marked in red to save."))
	case f.s == f.saved:
		f.saveBtn.Disable()
		f.status.SetText("")
	default:
		f.saveBtn.Enable()
		f.status.SetText(lang.X("settings.status.unsaved", "Unsaved changes."))
	}
}

// onClose closes the window, asking first when edits are unsaved.
func (f *form) onClose() {
	if f.s == f.saved {
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
	f.refreshAll()
}

func (f *form) onRevert() {
	f.s = f.saved
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
	if err := f.save(s); err != nil {
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

// save sends s to the daemon, which validates, writes and applies it.
func (f *form) save(s settings.Settings) error {
	if err := f.c.Call(settings.CmdSet, settings.SetArgs{Settings: s}, nil); err != nil {
		return errString(lang.X("settings.status.save_failed", "Not saved: {{.Err}}", map[string]any{"Err": err.Error()}))
	}
	f.saved = s
	return nil
}
