package api

import (
	"context"

	"github.com/limber-app/limber/internal/settings"
)

// ProfileArgs names the profile profile_use switches to by hand
// (settings.DefaultProfile: the main settings).
type ProfileArgs struct {
	Name string `json:"name"`
}

// ProfileReply is the profiles and which one is on: the reply of the three
// profile commands, after their change.
type ProfileReply struct {
	// Active is the profile in use, settings.DefaultProfile for the main
	// settings; Auto says whether the schedule chose it.
	Active   string        `json:"active"`
	Auto     bool          `json:"auto"`
	Profiles []ProfileInfo `json:"profiles"`
}

// ProfileInfo is one profile of the settings file.
type ProfileInfo struct {
	Name string `json:"name"`
	// When is its schedule as written (empty: chosen by hand only).
	When []string `json:"when,omitempty"`
	// Keys are the settings it overrides.
	Keys   []string `json:"keys"`
	Active bool     `json:"active"`
}

// ProfileInfos lists f's profiles for a reply, active marked.
func ProfileInfos(f settings.File, active string) []ProfileInfo {
	out := []ProfileInfo{}
	for _, p := range f.Profiles {
		out = append(out, ProfileInfo{Name: p.Name, When: p.When, Keys: append([]string{}, p.Keys...), Active: p.Name == active})
	}
	return out
}

// Profiles lists the profiles and which one is on.
func (c *Client) Profiles(ctx context.Context) (ProfileReply, error) {
	return call[ProfileReply](ctx, c, CmdProfileList, nil)
}

// UseProfile switches to the profile name by hand, until AutoProfile; the
// choice outlasts a restart. An unknown name is a usage error.
func (c *Client) UseProfile(ctx context.Context, name string) (ProfileReply, error) {
	return call[ProfileReply](ctx, c, CmdProfileUse, ProfileArgs{Name: name})
}

// AutoProfile hands the choice of profile back to the schedule.
func (c *Client) AutoProfile(ctx context.Context) (ProfileReply, error) {
	return call[ProfileReply](ctx, c, CmdProfileAuto, nil)
}

// SaveProfile saves the profile name: it overrides keys, with their values
// in s; any other key goes back to the main value.
func (c *Client) SaveProfile(ctx context.Context, name string, s settings.Settings, keys []string) error {
	_, err := call[None](ctx, c, CmdSettingsSet, SettingsArgs{Settings: s, Profile: name, Overrides: keys})
	return err
}

// SaveProfile writes the profile into the file.
func (f SettingsFile) SaveProfile(_ context.Context, name string, s settings.Settings, keys []string) error {
	return settings.SaveProfile(f.Path, name, s, keys)
}
