// Package version holds the version stamped in at build time and the
// application id.
package version

// Version is set with -ldflags -X by the Makefile; "dev" in plain go builds.
var Version = "dev"

// AppID is Limber's application id: the Fyne app id of its windows, the
// name of the desktop entry, icon and AppStream metainfo, and the icon of
// the autostart entry. FyneApp.toml, packaging/limber.desktop, the
// metainfo and packaging/install.sh spell it too; the packaging tests check
// that they agree with this constant.
const AppID = "io.github.limber_app.limber"
