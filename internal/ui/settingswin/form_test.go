package settingswin

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/settings"
)

type fakeCaller struct {
	sets     []settings.Settings
	profiles []savedProfile
	fail     error
}

type savedProfile struct {
	name string
	s    settings.Settings
	keys []string
}

func (c *fakeCaller) SaveProfile(_ context.Context, name string, s settings.Settings, keys []string) error {
	if c.fail != nil {
		return c.fail
	}
	c.profiles = append(c.profiles, savedProfile{name, s, keys})
	return nil
}

func (c *fakeCaller) Settings(context.Context) (api.SettingsReply, error) {
	return api.SettingsReply{}, errors.New("the form asks for the settings only at start")
}

func (c *fakeCaller) SetSettings(_ context.Context, s settings.Settings) error {
	if c.fail != nil {
		return c.fail
	}
	c.sets = append(c.sets, s)
	return nil
}

type fakeAuto struct {
	on   bool
	fail error
}

func (a *fakeAuto) Enabled() (bool, error) { return a.on, nil }
func (a *fakeAuto) Set(on bool) error {
	if a.fail != nil {
		return a.fail
	}
	a.on = on
	return nil
}

func newTestForm(t *testing.T, reply api.SettingsReply) (*form, *fakeCaller, *fakeAuto) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("settings")
	t.Cleanup(w.Close)
	c, auto := &fakeCaller{}, &fakeAuto{}
	if reply.Path == "" {
		reply.Settings, reply.Path = settings.Defaults(), "/home/u/.config/limber/config.toml"
		reply.Settings.Normalize()
	}
	f := newForm(w, reply, c, auto, false)
	w.SetContent(f.content)
	return f, c, auto
}

// typeInto replaces an entry's text key by key, as a user would.
func typeInto(t *testing.T, f *form, key, text string) {
	t.Helper()
	e, ok := f.entries[key]
	if !ok {
		t.Fatalf("no entry for %s", key)
	}
	e.SetText("")
	test.Type(e, text)
}

func message(f *form, key string) string {
	fl := f.byKey[key]
	if fl == nil || !fl.msg.Visible() {
		return ""
	}
	return fl.msg.Text
}

func TestValidationAsYouType(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	if !f.saveBtn.Disabled() {
		t.Error("Save enabled with nothing changed")
	}
	cases := []struct {
		key, text, wantKey, want string
	}{
		{"stretch.interval", "1m", "stretch.interval", "longer than the break (1 min 30 s)"},
		{"stretch.interval", "half", "stretch.interval", "is not a duration"},
		{"stretch.interval", "30s", "stretch.interval", "at least one minute"},
		{"posture.length", "0", "posture.length", "more than zero"},
		{"breaks.max_skips", "three", "breaks.max_skips", "whole number"},
		{"limits.daily_sitting", "20m", "limits.daily_sitting", "between 1 and 24 hours"},
		{"advanced.active_after", "1m", "advanced.active_after", "shorter than the away time"},
	}
	for _, c := range cases {
		typeInto(t, f, c.key, c.text)
		if got := message(f, c.wantKey); !strings.Contains(got, c.want) {
			t.Errorf("typing %q into %s: message %q, want it to say %q", c.text, c.key, got, c.want)
		}
		if !f.saveBtn.Disabled() {
			t.Errorf("typing %q into %s: Save is enabled with an error shown", c.text, c.key)
		}
		f.onRevert()
		if m := message(f, c.wantKey); m != "" {
			t.Errorf("after undo, %s still says %q", c.wantKey, m)
		}
	}

	// A fix elsewhere clears the message: the interval is fine again once
	// the break is made shorter.
	typeInto(t, f, "movement.interval", "5m")
	if message(f, "movement.interval") == "" {
		t.Fatal("5m interval with a 5m break not flagged")
	}
	typeInto(t, f, "movement.length", "2m")
	if m := message(f, "movement.interval"); m != "" {
		t.Errorf("interval still flagged after shortening the break: %q", m)
	}
	if f.saveBtn.Disabled() {
		t.Error("Save disabled although every field is valid")
	}
}

func TestPresetsAndCustom(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	if got := f.presetLabel.Text; got != "Office default" {
		t.Errorf("preset label %q, want Office default", got)
	}
	test.Tap(f.presetBtns[settings.PresetCornell])
	if got := f.presetLabel.Text; got != "Cornell 20-8-2" {
		t.Errorf("after Cornell: %q", got)
	}
	if !f.checks["cycle.enabled"].Checked || f.entries["cycle.stand"].Text != "8 min" || f.entries["cycle.stand"].Disabled() {
		t.Error("Cornell did not fill in the cycle")
	}
	if f.checks["posture.enabled"].Checked || !f.entries["posture.interval"].Disabled() {
		t.Error("Cornell leaves the posture break on, or its fields editable")
	}
	typeInto(t, f, "cycle.stand", "10m")
	if got := f.presetLabel.Text; got != "Custom" {
		t.Errorf("edited after a preset: %q, want Custom", got)
	}
	typeInto(t, f, "cycle.stand", "8m")
	if got := f.presetLabel.Text; got != "Cornell 20-8-2" {
		t.Errorf("edited back: %q, want Cornell again", got)
	}
	test.Tap(f.presetBtns[settings.PresetGentle])
	if !f.checks["cards.positions.desk"].Checked || f.checks["cards.positions.floor"].Checked || f.s.Positions.Floor || !f.s.Positions.Standing {
		t.Errorf("gentle positions: %+v (want desk and standing, no floor)", f.s.Positions)
	}
	if f.presetBtns[settings.PresetGentle].Importance != widget.HighImportance {
		t.Error("the chosen preset's button is not highlighted")
	}
	test.Tap(f.checks["cards.positions.desk"])
	test.Tap(f.checks["cards.positions.standing"])
	if m := message(f, "cards.positions"); !strings.Contains(m, "at least one position") {
		t.Errorf("no position allowed: message %q", m)
	}
}

func TestSave(t *testing.T) {
	f, c, _ := newTestForm(t, api.SettingsReply{})
	typeInto(t, f, "limits.hydration_goal", "6")
	test.Tap(f.saveBtn)
	if len(c.sets) != 1 || c.sets[0].HydrationGoal != 6 {
		t.Fatalf("settings_set calls: %+v", c.sets)
	}
	if !f.saveBtn.Disabled() || !strings.Contains(f.status.Text, "Saved") {
		t.Errorf("after save: disabled=%v status %q", f.saveBtn.Disabled(), f.status.Text)
	}
	c.fail = errors.New("posture.interval: An interval must be at least one minute.")
	typeInto(t, f, "limits.hydration_goal", "7")
	test.Tap(f.saveBtn)
	if !strings.Contains(f.status.Text, "Not saved") || !strings.Contains(f.status.Text, "at least one minute") {
		t.Errorf("daemon refusal not shown: %q", f.status.Text)
	}
	if f.saveBtn.Disabled() {
		t.Error("Save disabled after a failed save; the user cannot retry")
	}
}

func TestWorkingHoursFields(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	if !f.entries["working_hours.monday.start"].Disabled() {
		t.Error("day hours editable while working hours are off")
	}
	test.Tap(f.checks["working_hours.enabled"])
	if f.entries["working_hours.monday.start"].Disabled() || !f.entries["working_hours.sunday.start"].Disabled() {
		t.Error("with working hours on, monday must be editable and sunday (a day off) not")
	}
	typeInto(t, f, "working_hours.monday.end", "09:00")
	if m := message(f, "working_hours.monday.end"); !strings.Contains(m, "differ from the start") {
		t.Errorf("end equal to the start: %q", m)
	}
	typeInto(t, f, "working_hours.monday.end", "08:00") // a night shift, into Tuesday
	if m := message(f, "working_hours.monday.end"); m != "" {
		t.Errorf("an end before the start (past midnight) flagged: %q", m)
	}
	typeInto(t, f, "working_hours.monday.end", "25:00")
	if m := message(f, "working_hours.monday.end"); !strings.Contains(m, "HH:MM") {
		t.Errorf("25:00: %q", m)
	}
	typeInto(t, f, "working_hours.monday.end", "16:00")
	if m := message(f, "working_hours.monday.end"); m != "" {
		t.Errorf("16:00 still flagged: %q", m)
	}
	if f.s.WorkingHours.Days[time.Monday].End != 16*60 {
		t.Errorf("monday end = %d", f.s.WorkingHours.Days[time.Monday].End)
	}
}

func TestAutostartToggle(t *testing.T) {
	f, c, auto := newTestForm(t, api.SettingsReply{})
	typeInto(t, f, "limits.hydration_goal", "4") // unsaved edit, must not ride along
	test.Tap(f.autostart)
	if !auto.on {
		t.Fatal("autostart not turned on")
	}
	if len(c.sets) != 1 || !c.sets[0].StartAtLogin || c.sets[0].HydrationGoal == 4 {
		t.Fatalf("settings_set: %+v", c.sets)
	}
	auto.fail = errors.New("permission denied")
	test.Tap(f.autostart)
	if !f.autostart.Checked || !strings.Contains(message(f, "start_at_login"), "permission denied") {
		t.Errorf("failed toggle: checked=%v message %q", f.autostart.Checked, message(f, "start_at_login"))
	}
}

func TestProblemsBanner(t *testing.T) {
	s := settings.Defaults()
	f, _, _ := newTestForm(t, api.SettingsReply{Settings: s, Path: "/x/config.toml", Problems: []settings.Problem{
		{File: "/x/config.toml", Line: 3, Message: "Unknown setting \"foo\"."},
	}})
	text := strings.Join(labels(f.banner), "\n")
	if !strings.Contains(text, "/x/config.toml:3: Unknown setting") || !strings.Contains(text, "mistakes") {
		t.Errorf("banner: %q", text)
	}
}

// Every setting of the file can be edited here, so every validation message
// has a field to stand next to.
func TestEveryKeyHasAField(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	for _, k := range settings.Keys() {
		switch k {
		case "preset": // the preset buttons
			continue
		}
		if _, ok := f.byKey[k]; !ok {
			t.Errorf("no field for %s", k)
		}
	}
}

func TestCloseAsksWhenUnsaved(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	typeInto(t, f, "limits.hydration_goal", "5")
	f.onClose()
	if len(f.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("closing with unsaved changes did not ask")
	}
}

func TestCtrlSSavesFromAnEntry(t *testing.T) {
	f, c, _ := newTestForm(t, api.SettingsReply{})
	typeInto(t, f, "limits.hydration_goal", "5")
	var e fyne.Shortcutable
	for _, fl := range f.fields {
		if fl.Key == "limits.hydration_goal" {
			e = fl.w.(fyne.Shortcutable)
		}
	}
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	if len(c.sets) != 1 || c.sets[0].HydrationGoal != 5 {
		t.Errorf("Ctrl+S in an entry: %+v", c.sets)
	}
}

// The rows come from the settings table: each field that has a tab has the
// widget its type calls for, labelled as the table says.
func TestRowsFromTheTable(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	for _, sf := range settings.Fields() {
		if sf.Tab == "" {
			continue
		}
		var ok bool
		switch sf.Type {
		case settings.Int, settings.Duration, settings.Clock, settings.List:
			_, ok = f.entries[sf.Key]
		case settings.Bool:
			_, ok = f.checks[sf.Key]
			if sf.Key == "start_at_login" {
				ok = f.autostart != nil && f.autostart.Text == sf.Label()
			} else if ok && f.checks[sf.Key].Text != sf.Label() {
				t.Errorf("%s: check says %q, table %q", sf.Key, f.checks[sf.Key].Text, sf.Label())
			}
		case settings.Choice:
			_, ok = f.selects[sf.Key]
		case settings.Set:
			ok = true
			for _, o := range sf.Options {
				_, has := f.checks[sf.Key+"."+o.Value]
				ok = ok && has
			}
		}
		if !ok {
			t.Errorf("%s (type %d): no widget for it", sf.Key, sf.Type)
		}
	}
	// Shown in the window's words, as the file's values.
	for key, want := range map[string]string{
		"posture.interval": "15 min", "stretch.length": "1 min 30 s", "posture.warn": "0 s",
		"limits.daily_sitting": "6 h", "working_hours.monday.end": "17:30", "advanced.day_start": "04:00",
		"breaks.max_skips": "3",
	} {
		if got := f.entries[key].Text; got != want {
			t.Errorf("%s shows %q, want %q", key, got, want)
		}
	}
}

// Durations are typed as people type them: one rule (duration.Parse)
// for the window, the file and the command line.
func TestHumanDurations(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	for text, want := range map[string]time.Duration{
		"20": 20 * time.Minute, "1h30": 90 * time.Minute, "1:30": 90 * time.Minute, "25 min": 25 * time.Minute,
		"45m": 45 * time.Minute, "1 h 5 min": 65 * time.Minute, "2 std": 2 * time.Hour,
	} {
		typeInto(t, f, "movement.interval", text)
		if f.s.Movement.Interval != want || message(f, "movement.interval") != "" {
			t.Errorf("typed %q: interval %v (message %q), want %v", text, f.s.Movement.Interval, message(f, "movement.interval"), want)
		}
	}
	typeInto(t, f, "stretch.length", "90s")
	if f.s.Stretch.Length != 90*time.Second {
		t.Errorf("90s: %v", f.s.Stretch.Length)
	}
	// Leaving the field shows the value in the window's words.
	e := f.byKey["movement.interval"].w.(*entry)
	typeInto(t, f, "movement.interval", "20")
	e.FocusLost()
	if e.Text != "20 min" {
		t.Errorf("after leaving the field it shows %q, want 20 min", e.Text)
	}
	var marked error
	e.SetOnValidationChanged(func(err error) { marked = err })
	typeInto(t, f, "movement.interval", "half an hour")
	if m := message(f, "movement.interval"); !strings.Contains(m, `"half an hour" is not a duration`) || !strings.Contains(m, `"20" (minutes)`) {
		t.Errorf("unreadable duration: %q", m)
	}
	e.FocusLost()
	if e.Text != "half an hour" || marked == nil {
		t.Errorf("a wrong value must stay as typed and be marked: %q", e.Text)
	}
	if !f.saveBtn.Disabled() {
		t.Error("Save enabled with a value that does not parse")
	}
}

// A message is never clipped: it spans the tab's width and wraps.
func TestMessagesWrap(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	f.win.Resize(fyne.NewSize(420, 600))
	typeInto(t, f, "stretch.interval", "10h")
	fl := f.byKey["stretch.interval"]
	if !fl.msg.Visible() || fl.msg.Wrapping != fyne.TextWrapWord {
		t.Fatalf("message hidden or not wrapping: %q", fl.msg.Text)
	}
	f.win.Content().Refresh()
	if sz, min := fl.msg.Size(), fl.msg.MinSize(); sz.Height < min.Height || sz.Width < 300 {
		t.Errorf("message %q laid out %v, needs %v: clipped or squeezed into a column", fl.msg.Text, sz, min)
	}
	if !strings.HasPrefix(fl.msg.Text, "Every: ") {
		t.Errorf("message does not name its field: %q", fl.msg.Text)
	}
	typeInto(t, f, "working_hours.monday.end", "7")
	if m := message(f, "working_hours.monday.end"); !strings.HasPrefix(m, "Monday, End: ") {
		t.Errorf("a weekday's message does not name the day: %q", m)
	}
}

// The tab bar takes no focus, so the keyboard switches tabs with
// Ctrl+Page Down / Ctrl+Page Up (and Ctrl+Tab), from an entry too.
func TestKeyboardSwitchesTabs(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	e := f.byKey["limits.hydration_goal"].w.(*entry)
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierControl})
	if got := f.tabs.SelectedIndex(); got != 1 {
		t.Fatalf("Ctrl+Page Down: tab %d, want 1", got)
	}
	f.onShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	f.onShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierControl})
	if got := f.tabs.SelectedIndex(); got != len(f.tabs.Items)-1 {
		t.Errorf("back twice from tab 1: tab %d, want the last", got)
	}
	if f.onShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierControl}) {
		t.Error("Ctrl+Q taken as the window's shortcut")
	}
}

// A locked key's row is read-only and says who set it; a preset does not
// change it, and saving sends the administrator's value.
func TestLockedRowReadOnly(t *testing.T) {
	s := settings.Defaults()
	s.Stretch.Interval = 45 * time.Minute
	s.Strict = true
	s.Normalize()
	src := "/etc/xdg/limber/config.toml"
	f, c, _ := newTestForm(t, api.SettingsReply{Settings: s, Path: "/home/u/.config/limber/config.toml",
		Locked: map[string]settings.Lock{"stretch.interval": {Source: src, Line: 4}, "breaks.strict": {Source: src, Line: 9}}})

	if e := f.entries["stretch.interval"]; !e.Disabled() || e.Text != "45 min" {
		t.Errorf("locked entry: disabled %v text %q", e.Disabled(), e.Text)
	}
	if c := f.checks["breaks.strict"]; !c.Disabled() || !c.Checked {
		t.Errorf("locked check: disabled %v checked %v", c.Disabled(), c.Checked)
	}
	if f.entries["stretch.length"].Disabled() || f.checks["posture.enabled"].Disabled() {
		t.Error("an unlocked row is read-only")
	}
	// Each locked row has the lock and names the policy, at the value's line.
	for k, line := range map[string]string{"stretch.interval": ":4", "breaks.strict": ":9"} {
		if n := f.notes[k]; n == nil || n.Text != "Locked: config.toml"+line {
			t.Errorf("%s: note %v", k, n)
		}
	}
	if _, ok := f.notes["stretch.length"]; ok {
		t.Error("note on an unlocked row")
	}
	banner := strings.Join(labels(f.banner), "\n")
	if !strings.Contains(banner, src) || strings.Count(banner, "\n") != 0 {
		t.Errorf("banner %q: want one line naming the system file", banner)
	}
	if icons(f.banner) != 1 || icons(f.tabs) < 2 {
		t.Errorf("lock icons: %d in the banner, %d in the rows", icons(f.banner), icons(f.tabs))
	}
	// The stretch's enabled check toggles Active: the row stays read-only.
	f.checks["stretch.enabled"].SetChecked(false)
	f.checks["stretch.enabled"].SetChecked(true)
	if !f.entries["stretch.interval"].Disabled() {
		t.Error("locked entry enabled again by its Active rule")
	}
	f.onPreset(settings.PresetGentle)
	if f.s.Stretch.Interval != 45*time.Minute || f.entries["stretch.interval"].Text != "45 min" {
		t.Errorf("preset changed a locked key: %v", f.s.Stretch.Interval)
	}
	typeInto(t, f, "stretch.length", "3")
	f.onSave()
	if len(c.sets) != 1 || c.sets[0].Stretch.Interval != 45*time.Minute || !c.sets[0].Strict || c.sets[0].Stretch.Length != 3*time.Minute {
		t.Fatalf("saved: %+v", c.sets)
	}
}

// Escape in a field closes like the Close button (asking while edits are
// unsaved); Undo changes is offered only when there is something to undo.
func TestEscapeClosesAndUndoOnlyWithChanges(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	if !f.revertBtn.Disabled() {
		t.Error("Undo changes is enabled with nothing changed")
	}
	typeInto(t, f, "limits.hydration_goal", "5")
	if f.revertBtn.Disabled() {
		t.Error("Undo changes is disabled after an edit")
	}
	var e *entry
	for _, fl := range f.fields {
		if fl.Key == "limits.hydration_goal" {
			e = fl.w.(*entry)
		}
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(f.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("Escape with unsaved changes did not ask before closing")
	}
	f.onRevert()
	if !f.revertBtn.Disabled() {
		t.Error("Undo changes still enabled after undoing")
	}
}

// labels lists the visible labels' texts under o, in order.
func labels(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// icons counts the lock icons under o.
func icons(o fyne.CanvasObject) int {
	n := 0
	walk(o, func(o fyne.CanvasObject) {
		if i, ok := o.(*widget.Icon); ok && i.Resource == lockIcon {
			n++
		}
	})
	return n
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(c, f)
		}
	case *container.AppTabs:
		for _, it := range w.Items {
			walk(it.Content, f)
		}
	case *container.Scroll:
		walk(w.Content, f)
	}
}

// An error between the interval and its break shows on the field the user
// changed: a break made too long is flagged on its length, an interval
// made too short on the interval.
func TestCrossFieldErrorOnTheFieldChanged(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	typeInto(t, f, "stretch.length", "45m")
	if m := message(f, "stretch.length"); !strings.Contains(m, "shorter than its interval (30 min)") {
		t.Errorf("length message %q", m)
	}
	if m := message(f, "stretch.interval"); m != "" {
		t.Errorf("the interval, not changed, says %q", m)
	}
	if !f.saveBtn.Disabled() {
		t.Error("Save enabled with an error shown")
	}
	f.onRevert()
	typeInto(t, f, "stretch.interval", "1m")
	if m := message(f, "stretch.interval"); !strings.Contains(m, "longer than the break") || message(f, "stretch.length") != "" {
		t.Errorf("interval too short: interval %q, length %q", m, message(f, "stretch.length"))
	}
	// A length too long for its own limit keeps its own message.
	f.onRevert()
	typeInto(t, f, "stretch.length", "2h")
	if m := message(f, "stretch.length"); !strings.Contains(m, "at most one hour") {
		t.Errorf("length over an hour: %q", m)
	}
}

// Tab through the form: the scroll follows the focus, so the focused widget
// is always in view, and tabbing changes nothing (Escape then just closes).
func TestTabFollowsFocusAndChangesNothing(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	f.win.Resize(fyne.NewSize(720, 480))
	s := f.tabs.Selected().Content.(*container.Scroll)
	d := fyne.CurrentApp().Driver()
	moved := false
	for i := 0; i < 26; i++ {
		f.win.Canvas().FocusNext()
		f.followFocus()
		o, ok := f.win.Canvas().Focused().(fyne.CanvasObject)
		if !ok || slices.Contains(f.bar, o) {
			continue
		}
		top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y
		if top < -0.5 || top+o.Size().Height > s.Size().Height+0.5 {
			t.Fatalf("tab %d: the focused widget is out of view (top %.0f, height %.0f, view %.0f)", i+1, top, o.Size().Height, s.Size().Height)
		}
		moved = moved || s.Offset.Y > 0
	}
	if !moved {
		t.Error("26 tabs never scrolled the form")
	}
	if f.dirty() {
		t.Error("tabbing through the form counts as a change")
	}
	// Escape with nothing focused asks while there are changes.
	typeInto(t, f, "limits.hydration_goal", "5")
	f.win.Canvas().Unfocus()
	f.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(f.win.Canvas().Overlays().List()) == 0 {
		t.Error("Escape with unsaved changes did not ask before closing")
	}
}

// Escape reaches the form from a focused check box, choice or button too
// (Fyne gives keys to the focused widget, and those drop Escape): with
// unsaved changes it asks before closing.
func TestEscapeFromEveryFocusedWidget(t *testing.T) {
	for _, want := range []string{"check", "select", "button"} {
		t.Run(want, func(t *testing.T) {
			f, _, _ := newTestForm(t, api.SettingsReply{})
			typeInto(t, f, "limits.hydration_goal", "5")
			c := f.win.Canvas()
			c.Unfocus()
			for i := 0; i < 200; i++ {
				c.FocusNext()
				var is bool
				switch c.Focused().(type) {
				case *escCheck:
					is = want == "check"
				case *escSelect:
					is = want == "select"
				case *escButton:
					is = want == "button"
				}
				if is {
					c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
					if len(c.Overlays().List()) == 0 {
						t.Fatalf("Escape on a focused %s with unsaved changes did not ask before closing", want)
					}
					return
				}
			}
			t.Fatalf("no focusable %s in the form", want)
		})
	}
}
