package daemon

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/safefile"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/tray"
)

// Profiles, on the loop like every other state: d.file is the settings
// file as last read, d.profile the profile in use ("" the main settings),
// d.pinned the hand choice ("" automatic; settings.DefaultProfile pins
// the main settings), kept in Options.ProfileChoice across restarts, and
// d.profileNext when the schedule next changes the profile. A switch goes
// through applySettings, exactly like an edit of the file.

// choiceFile is what Options.ProfileChoice holds.
type choiceFile struct {
	Profile string `json:"profile"`
}

// loadChoice reads the hand choice; a missing file is automatic, a
// damaged one too (and the log says why).
func (d *Daemon) loadChoice() string {
	if d.opts.ProfileChoice == "" {
		return ""
	}
	data, err := safefile.Read(d.opts.ProfileChoice, 4096)
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	var c choiceFile
	if err == nil {
		err = json.Unmarshal(data, &c)
	}
	if err != nil {
		d.logf("profile choice %s: %v; choosing by the schedule", d.opts.ProfileChoice, err)
		return ""
	}
	return c.Profile
}

// saveChoice keeps the hand choice for the next start ("" removes it).
func (d *Daemon) saveChoice(name string) error {
	if d.opts.ProfileChoice == "" {
		return nil
	}
	if name == "" {
		if err := os.Remove(d.opts.ProfileChoice); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("forgetting the profile chosen by hand: %w", err)
		}
		return nil
	}
	b, _ := json.Marshal(choiceFile{Profile: name})
	if err := settings.WriteAtomic(d.opts.ProfileChoice, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("remembering the profile: %w", err)
	}
	return nil
}

// pinnedProfile is the hand choice as it applies to the file now: ok is
// false when there is none, or it names a profile no longer in the file
// (then the schedule chooses).
func (d *Daemon) pinnedProfile() (name string, ok bool) {
	switch {
	case d.pinned == settings.DefaultProfile:
		return "", true
	case d.pinned != "" && d.file.Profile(d.pinned) != nil:
		return d.pinned, true
	}
	return "", false
}

// chooseProfile sets d.profile for the time now and when to look again;
// it reports whether the profile changed.
func (d *Daemon) chooseProfile(now time.Time) bool {
	p, pinned := d.pinnedProfile()
	d.profileNext = time.Time{}
	if !pinned {
		p = settings.ActiveProfile(d.file.Profiles, now)
		d.profileNext = settings.NextProfileChange(d.file.Profiles, now)
	}
	if p == d.profile {
		return false
	}
	d.logf("profile: %s (%s)", cmp.Or(p, settings.DefaultProfile), map[bool]string{true: "chosen by hand", false: "by the schedule"}[pinned])
	d.profile = p
	return true
}

// layered is the settings in use for the file and profile of now.
func (d *Daemon) layered() settings.Settings { return settings.Layered(d.file, d.profile) }

// switchProfileIfDue applies the schedule's next profile once its time
// has come.
func (d *Daemon) switchProfileIfDue(now time.Time) {
	if d.profileNext.IsZero() || now.Before(d.profileNext) {
		return
	}
	if d.chooseProfile(now) {
		d.applySettings(d.layered(), nil)
	}
}

// untilProfile caps the loop's wait so that a scheduled switch comes on
// the minute.
func (d *Daemon) untilProfile(wait time.Duration) time.Duration {
	if d.profileNext.IsZero() {
		return wait
	}
	return min(wait, max(d.profileNext.Sub(d.now()), 10*time.Millisecond))
}

// useFile makes f the file in use (after a save or an edit) and applies
// the settings of the profile it now calls for.
func (d *Daemon) useFile(f settings.File) {
	d.file = f
	d.chooseProfile(d.now())
	d.applySettings(d.layered(), nil)
}

// useProfile switches by hand ("" hands the choice back to the schedule).
func (d *Daemon) useProfile(name string) error {
	if name != "" && name != settings.DefaultProfile && d.file.Profile(name) == nil {
		return api.Usagef("%v", &settings.ProfileError{Name: name, Names: d.file.ProfileNames()})
	}
	if err := d.saveChoice(name); err != nil {
		return err
	}
	d.pinned = name
	if d.chooseProfile(d.now()) {
		d.applySettings(d.layered(), nil)
	}
	d.lastMenu = "" // automatic or not shows in the menu even when the profile stays
	d.refreshTray()
	return nil
}

// profileReply is the answer of the profile commands.
func (d *Daemon) profileReply() api.ProfileReply {
	_, pinned := d.pinnedProfile()
	return api.ProfileReply{Active: cmp.Or(d.profile, settings.DefaultProfile), Auto: !pinned,
		Profiles: api.ProfileInfos(d.file, d.profile)}
}

// profileAction runs a tray click of the Profile submenu.
func (d *Daemon) profileAction(a tray.Action) error {
	switch rest := strings.TrimPrefix(string(a), tray.ActProfilePrefix); rest {
	case tray.ProfileAuto:
		return d.useProfile("")
	case settings.DefaultProfile:
		return d.useProfile(settings.DefaultProfile)
	default:
		// A slot of the menu, by its place in the file: names are the
		// user's and need not be fit for an action.
		i, err := strconv.Atoi(rest)
		if err != nil || i < 1 || i > len(d.file.Profiles) {
			return fmt.Errorf("no profile %s in the menu", rest)
		}
		return d.useProfile(d.file.Profiles[i-1].Name)
	}
}
