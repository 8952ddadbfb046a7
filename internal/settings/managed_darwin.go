//go:build darwin

package settings

import (
	"os"
	"os/user"
	"path/filepath"

	"github.com/limber-app/limber/internal/version"
)

// managedPrefs is where macOS puts the preferences a device management
// profile (MDM) or an administrator installs.
const managedPrefs = "/Library/Managed Preferences"

// plistFiles are the managed preferences of Limber, most important first:
// the user's own (MDM profiles scoped to the user), then the computer's.
func plistFiles() []string {
	name := version.AppID + ".plist"
	var files []string
	who := os.Getenv("USER")
	if u, err := user.Current(); err == nil {
		who = u.Username
	}
	if who != "" && filepath.Base(who) == who {
		files = append(files, filepath.Join(managedPrefs, who, name))
	}
	return append(files, filepath.Join(managedPrefs, name))
}

func nativeSources() []Source {
	var srcs []Source
	for _, f := range plistFiles() {
		if s, ok := ReadPlistFile(f); ok {
			srcs = append(srcs, s)
		}
	}
	return srcs
}

func nativeStamps() []string {
	var stamps []string
	for _, f := range plistFiles() {
		if s, ok := stampLine(f); ok {
			stamps = append(stamps, s)
		}
	}
	return stamps
}
