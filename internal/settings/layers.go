package settings

// The settings in use are layers, lowest to highest:
//
//  1. the built-in defaults (Defaults, and the file's preset);
//  2. the system files of the XDG config dirs (managed defaults);
//  3. the user's file (config.toml): ParseFile reads 1–3 into File.Main;
//  4. the active profile's keys ([profile.NAME], profile.go);
//  5. keys the system file locks: they beat the user and the profiles.
//
// Layered is the one place the upper layers are stacked; the daemon, the
// settings window and `limber profile` all go through it.

// Layered is the settings in use while the profile named active is on
// ("" or DefaultProfile: the main settings). An unknown name is the main
// settings: a profile that was deleted from the file is no longer there.
func Layered(f File, active string) Settings {
	s := f.Main
	if p := f.Profile(active); p != nil {
		s = p.Apply(s)
	}
	// Layer 5: locked keys, applied last, so a lock beats a profile as it
	// beats the user's file.
	if f.lock != nil {
		s = f.lock(s)
	}
	return s
}
