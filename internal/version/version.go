// Package version holds the version stamped in at build time.
package version

// Version is set with -ldflags -X by the Makefile; "dev" in plain go builds.
var Version = "dev"

// AppID is Limber's application id: Fyne's app id, the desktop file's and
// the AppStream component's name (packaging tests check they agree).
const AppID = "io.github.limber_app.limber"
