package settingswin

import (
	"maps"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// While a profile is active the window edits it: the values shown are the
// main settings with the profile on top, and a key the profile sets has a
// marker beside it (the undo icon) that puts the main value back. A key
// becomes the profile's own once its value differs from the main one, and
// stays so until its marker is clicked; Save writes the profile's table
// (settings.SaveProfile) and leaves the main settings alone.

// profileKey reports whether a profile may set key from the window
// (start_at_login is the main settings' only, as in the file).
func profileKey(key string) bool { return key != "start_at_login" && key != "preset" }

// overrides reports whether the profile sets key as the window stands.
func (f *form) overrides(fl *field) bool {
	return profileKey(fl.Key) && (f.over[fl.Key] || !fl.Same(&f.s, &f.main))
}

// overrideKeys lists the keys the profile sets, in table order.
func (f *form) overrideKeys() []string {
	var keys []string
	for _, fl := range f.fields {
		if f.overrides(fl) {
			keys = append(keys, fl.Key)
		}
	}
	return keys
}

// dirty reports unsaved edits: values, or which keys the profile sets.
func (f *form) dirty() bool {
	if f.s != f.saved {
		return true
	}
	if f.profile == "" {
		return false
	}
	now := map[string]bool{}
	for _, k := range f.overrideKeys() {
		now[k] = true
	}
	return !maps.Equal(now, f.savedOver)
}

// showOverrides shows each field's marker as the window stands.
func (f *form) showOverrides() {
	if f.profile == "" {
		return
	}
	for _, fl := range f.fields {
		on := f.overrides(fl)
		f.overridden[fl.Key] = on
		if fl.mainBtn == nil {
			continue
		}
		if on {
			fl.mainBtn.Show()
		} else {
			fl.mainBtn.Hide()
		}
	}
}

// onUseMain puts the main value back into a field: the profile no longer
// sets it.
func (f *form) onUseMain(fl *field) {
	fl.Copy(&f.s, &f.main)
	delete(f.over, fl.Key)
	f.loading = true
	fl.parseErr = ""
	fl.refresh()
	f.loading = false
	f.onChanged()
}

// profileBanner says which profile the window edits, in one line (wrapping
// only in a narrow window); the ? button shows what the markers mean and
// how to edit the main settings, which took four lines of the window.
func (f *form) profileBanner() fyne.CanvasObject {
	line := wrapped(lang.X("settings.profile.line", `Editing profile "{{.Name}}": changes are saved into it`, map[string]any{"Name": f.profile}))
	line.TextStyle.Bold = true
	hint := wrapped(lang.X("settings.profile.hint",
		"It is active now. A change here is saved into the profile; the other settings keep their main values. Settings the profile sets have a marker at their right: click it to use the main value again. To edit the main settings, choose Main settings under Profile in the tray menu."))
	hint.SizeName = theme.SizeNameCaptionText
	hint.Hide()
	f.profileHint = hint
	more := newEscButton("", theme.HelpIcon(), func() {
		if hint.Visible() {
			hint.Hide()
		} else {
			hint.Show()
		}
	}, f.onClose)
	more.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.ContentUndoIcon())) // the markers' look
	return container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(icon), more, line), hint)
}
