#!/bin/sh
# Installs Limber under a prefix: the two programs (PREFIX/bin/limber, the
# daemon and CLI; PREFIX/libexec/limber/limber-window, the windows, which
# limber looks for there), the menu entry, the icons, the AppStream
# metainfo and the shell completions.
#
#   packaging/install.sh PREFIX BIN [WINBIN]  e.g. packaging/install.sh ~/.local bin/limber bin/limber-window
#                                             (WINBIN: limber-window beside BIN when left out)
#   packaging/install.sh --uninstall PREFIX   removes what an install put there
#
# DESTDIR is honoured (files go to $DESTDIR$PREFIX), for staging a package.
set -eu

usage() {
	echo "usage: $0 PREFIX BIN [WINBIN] | $0 --uninstall PREFIX" >&2
	exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
id=io.github.limber_app.limber
sizes="16 22 24 32 48 64 128 256 512"

uninstall=false
if [ "${1:-}" = --uninstall ]; then
	uninstall=true
	shift
	[ $# -eq 1 ] || usage
else
	[ $# -eq 2 ] || [ $# -eq 3 ] || usage
fi
case $1 in
/*) ;;
*) echo "install.sh: PREFIX must be an absolute path, not \"$1\"" >&2; exit 2 ;;
esac
dest=${DESTDIR:-}$1
share=$dest/share

# Every file an install writes, one per line, relative to the prefix.
files() {
	echo bin/limber
	echo libexec/limber/limber-window
	echo share/applications/$id.desktop
	echo share/metainfo/$id.metainfo.xml
	for n in $sizes; do echo "share/icons/hicolor/${n}x${n}/apps/$id.png"; done
	echo share/icons/hicolor/scalable/apps/$id.svg
	echo share/bash-completion/completions/limber
	echo share/zsh/site-functions/_limber
	echo share/fish/vendor_completions.d/limber.fish
	echo share/doc/limber/card-format.md
}

# refresh updates the desktop's caches for a live install (not a staged one).
refresh() {
	[ -z "${DESTDIR:-}" ] || return 0
	if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$share/icons/hicolor/index.theme" ]; then
		gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
	fi
	if command -v update-desktop-database >/dev/null 2>&1; then
		update-desktop-database -q "$share/applications" 2>/dev/null || true
	fi
}

if $uninstall; then
	files | while read -r f; do rm -f "$dest/$f"; done
	rmdir "$dest/libexec/limber" 2>/dev/null || true
	refresh
	echo "Removed Limber from $dest."
	exit 0
fi

bin=$2
winbin=${3:-$(dirname "$bin")/limber-window}
for b in "$bin" "$winbin"; do
	if [ ! -f "$b" ] || [ ! -x "$b" ]; then
		echo "install.sh: $b is not an executable file; build it first (make build)" >&2
		exit 1
	fi
done

install -Dm755 "$bin" "$dest/bin/limber"
install -Dm755 "$winbin" "$dest/libexec/limber/limber-window"
install -Dm644 "$here/limber.desktop" "$share/applications/$id.desktop"
install -Dm644 "$here/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
for n in $sizes; do
	install -Dm644 "$root/assets/icon/png/limber-$n.png" "$share/icons/hicolor/${n}x${n}/apps/$id.png"
done
install -Dm644 "$root/assets/icon/limber.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
# The card format, which `limber cards check` points at (cards.FormatDoc).
install -Dm644 "$root/assets/cardfiles/README.md" "$share/doc/limber/card-format.md"

# Completions come from the binary itself, so they match its commands. A
# binary built for another system cannot run here: then there are none.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
completion() { # completion SHELL TARGET
	if "$bin" completion "$1" >"$tmp" 2>/dev/null && [ -s "$tmp" ]; then
		install -Dm644 "$tmp" "$2"
	else
		echo "install.sh: note: $bin completion $1 did not work; no $1 completion installed" >&2
	fi
}
completion bash "$share/bash-completion/completions/limber"
completion zsh "$share/zsh/site-functions/_limber"
completion fish "$share/fish/vendor_completions.d/limber.fish"

refresh
echo "Installed Limber into $dest."
case ":${PATH}:" in
*":$1/bin:"*) ;;
*) [ -n "${DESTDIR:-}" ] || echo "Note: $1/bin is not on your PATH; add it so that \"limber\" and the menu entry can start Limber." ;;
esac
