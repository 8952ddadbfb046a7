#!/bin/sh
# Builds the Debian package dist/limber_VERSION_ARCH.deb from the two
# programs, with the tools Debian ships: the tree install.sh writes (so the
# tarball, make install and the package hold the same files), moved to
# Debian's places, plus the man page, changelog and copyright, Depends from
# dpkg-shlibdeps and the archive from dpkg-deb.
#
#   packaging/deb.sh BIN WINBIN OUTDIR   e.g. bin/limber bin/limber-window dist
#
# Why dpkg-deb and not debhelper: the programs are built by the Makefile
# (two Go builds with their own flags); a debian/ folder would only wrap
# them in dh's steps, of which this package needs few (the linker strips;
# shlibdeps, md5sums, gzip of the docs are a line each here), at the price
# of a debian/rules, a debian/changelog to keep in step with FyneApp.toml
# and the metainfo, and debhelper's 14 more packages on every machine that
# builds it. The documents are generated instead (see below).
#
# Needs dpkg-dev (dpkg-shlibdeps), gzip and go (the man page, changelog and
# copyright are generated from the sources). Prints the package's path.
set -eu

[ $# -eq 3 ] || { echo "usage: $0 BIN WINBIN OUTDIR" >&2; exit 2; }
bin=$1
winbin=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
for tool in dpkg-deb dpkg-shlibdeps gzip go; do
	command -v "$tool" >/dev/null || { echo "deb.sh: $tool is missing; run make deb-deps (it installs dpkg-dev and lintian)" >&2; exit 1; }
done

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$root/FyneApp.toml")
[ -n "$version" ] || { echo "deb.sh: no Version in $root/FyneApp.toml" >&2; exit 1; }
arch=$(dpkg --print-architecture)
maintainer=${DEB_MAINTAINER:-The Limber developers <limber-app@users.noreply.github.com>}

umask 022
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# The package's tree is debian/limber of a scratch source folder, where
# dpkg-shlibdeps expects it (and reads the package's name from its
# debian/control).
src=$stage/src
pkg=$src/debian/limber
mkdir -p "$src/debian"
printf 'Source: limber\n\nPackage: limber\nArchitecture: any\n' >"$src/debian/control"
DESTDIR=$pkg "$here/install.sh" /usr "$bin" "$winbin" >/dev/null

# Debian's place for zsh completions a package ships (site-functions is
# the local administrator's).
mkdir -p "$pkg/usr/share/zsh/vendor-completions"
mv "$pkg/usr/share/zsh/site-functions/_limber" "$pkg/usr/share/zsh/vendor-completions/_limber"
rmdir "$pkg/usr/share/zsh/site-functions"

# The one lintian override, with its reason.
install -Dm644 "$here/limber.lintian-overrides" "$pkg/usr/share/lintian/overrides/limber"

# Documentation, generated from the sources so that it cannot drift: the
# man page from the command table, the changelog from the metainfo's
# release notes, the copyright from LICENSE.
mkdir -p "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/limber"
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
absbin=$(abs "$bin")
abswin=$(abs "$winbin")
(cd "$root" && LANG=en_US.UTF-8 LC_ALL= go run ./packaging/man -version "$version") >"$stage/limber.1"
gzip -9n <"$stage/limber.1" >"$pkg/usr/share/man/man1/limber.1.gz"
(cd "$root" && go run ./packaging/debdoc changelog -maintainer "$maintainer") >"$stage/changelog"
gzip -9n <"$stage/changelog" >"$pkg/usr/share/doc/limber/changelog.gz"
(cd "$root" && go run ./packaging/debdoc copyright "$absbin" "$abswin") >"$pkg/usr/share/doc/limber/copyright"
# The card format, which `limber cards check` points at (cards.FormatDoc).
install -Dm644 "$root/assets/cardfiles/README.md" "$pkg/usr/share/doc/limber/card-format.md"
# The example system-wide settings file for administrators (docs/managed.md).
install -Dm644 "$root/docs/examples/system-config.toml" "$pkg/usr/share/doc/limber/examples/config.toml"

# Depends: the shared libraries the binaries really link. limber is
# static (no cgo; dpkg-shlibdeps notes that it is no dynamic object), so
# today they are limber-window's.
(cd "$src" && dpkg-shlibdeps -O -e"$pkg/usr/bin/limber" -e"$pkg/usr/libexec/limber/limber-window") >"$stage/shlibs" 2>"$stage/shlibdeps.err" || {
	cat "$stage/shlibdeps.err" >&2
	echo "deb.sh: dpkg-shlibdeps failed" >&2
	exit 1
}
depends=$(sed -n 's/^shlibs:Depends=//p' "$stage/shlibs")
[ -n "$depends" ] || { cat "$stage/shlibdeps.err" >&2; echo "deb.sh: dpkg-shlibdeps found no libraries for limber-window" >&2; exit 1; }

# Recommends: the X libraries that GLFW (in limber-window) opens itself
# when they are there (dlopen, which dpkg-shlibdeps cannot see; without
# them it falls back to plain X11: no RandR monitors, Xcursor cursors or
# XInput raw motion), resolved to the packages that hold them here.
recommends=
for so in libXrandr.so.2 libXcursor.so.1 libXi.so.6 libXinerama.so.1 libXxf86vm.so.1 libX11-xcb.so.1 libXrender.so.1; do
	p=$(dpkg-query -S "*/$so" 2>/dev/null | head -n1 | cut -d: -f1)
	[ -n "$p" ] || { echo "deb.sh: no installed package holds $so, which limber-window opens; install the X libraries (make deps)" >&2; exit 1; }
	recommends=${recommends:+$recommends, }$p
done

mkdir -p "$pkg/DEBIAN"
installed=$(du -sk --apparent-size "$pkg/usr" | cut -f1)
cat >"$pkg/DEBIAN/control" <<EOF
Package: limber
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed
Depends: $depends
Recommends: $recommends
Suggests: gnome-shell-extension-appindicator
Section: utils
Priority: optional
Homepage: https://github.com/limber-app/limber
Description: break reminder that counts real sitting time
 Limber lives in the system tray and tracks how long you have really been
 sitting at the computer: keyboard and pointer input, calls and
 presentations count; walking away, a locked screen and a suspended laptop
 do not. At the right moments it reminds you to check your posture, drink
 water, stretch and move, and shows a short exercise card with an animated
 figure for each break.
 .
 Everything in the tray menu also works from the command line (limber
 status, pause, break, stats, export). On GNOME, the tray needs the
 AppIndicator extension (gnome-shell-extension-appindicator).
EOF
(cd "$pkg" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$pkg/DEBIAN/md5sums"
chmod 644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"

mkdir -p "$out"
deb=$out/limber_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
