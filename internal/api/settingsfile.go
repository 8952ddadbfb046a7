package api

import (
	"context"
	"errors"
	"io/fs"

	"github.com/limber-app/limber/internal/settings"
)

// SettingsFile answers the two settings commands from the settings file
// itself, for a window that runs while no daemon does (the daemon reads
// the file when it starts). It has Client's Settings and SetSettings.
type SettingsFile struct{ Path string }

// Settings reads the file; a missing one gives the defaults.
func (f SettingsFile) Settings(context.Context) (SettingsReply, error) {
	sys := settings.LoadSystem()
	s, probs, err := sys.Load(f.Path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return SettingsReply{}, err
	}
	return SettingsReply{Settings: s, Path: f.Path, Problems: probs, Locked: sys.Locks}, nil
}

// SetSettings validates s and writes the file.
func (f SettingsFile) SetSettings(_ context.Context, s settings.Settings) error {
	return settings.Save(f.Path, s)
}
