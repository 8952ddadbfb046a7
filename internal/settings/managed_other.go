//go:build !windows && !darwin

package settings

// nativeSources: elsewhere (Linux, the BSDs) system settings are the XDG
// config dirs' files alone.
func nativeSources() []Source { return nil }

func nativeStamps() []string { return nil }
