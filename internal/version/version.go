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

// WMClass is the X11 WM_CLASS class of every Limber window (the instance
// is "limber"): what a panel names a group of them by, so it reads
// "Limber", not the app id cut short; packaging/limber.desktop's
// StartupWMClass spells it too, so desktops still match the windows to
// the launcher. The card window (internal/ui/xwm) tells Limber's own
// windows apart by it.
const WMClass = "Limber"
