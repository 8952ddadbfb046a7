#!/bin/sh
# Builds the Linux tarball: limber-VERSION-linux-ARCH.tar.xz holding a
# prefix tree (bin/limber, libexec/limber/limber-window, share/ with the
# menu entry, hicolor icons, AppStream metainfo and shell completions) and
# a Makefile to install it, in the
# manner of a `fyne package` tarball:
#   tar xf limber-*.tar.xz && cd limber-* && make user-install   # ~/.local
#                                          or sudo make install  # /usr/local
#
#   packaging/package.sh BIN WINBIN OUTDIR   e.g. bin/limber bin/limber-window dist
#
# Why not `fyne package -os linux`: it writes its own .desktop file (no
# Comment, no Categories), ships one 512 px icon under pixmaps/ instead of
# the hicolor sizes, has no place for the AppStream metainfo or the
# completions, and rewrites FyneApp.toml (it bumps Build) on every run.
# The layout here is the same tree install.sh writes, so both stay in step.
set -eu

[ $# -eq 3 ] || { echo "usage: $0 BIN WINBIN OUTDIR" >&2; exit 2; }
bin=$1
winbin=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$root/FyneApp.toml")
[ -n "$version" ] || { echo "package.sh: no Version in $root/FyneApp.toml" >&2; exit 1; }
arch=${GOARCH:-$(go env GOARCH 2>/dev/null || uname -m)}
name=limber-$version
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

DESTDIR=$stage/$name "$here/install.sh" / "$bin" "$winbin" >/dev/null
(cd "$stage/$name" && find bin libexec share -type f | LC_ALL=C sort >FILES)
cat >"$stage/$name/Makefile" <<'MAKEFILE'
# Installs Limber from this folder.
#   make user-install        into ~/.local (no root needed)
#   sudo make install        into /usr/local (PREFIX=... to change)
#   make user-uninstall / sudo make uninstall
PREFIX ?= /usr/local

install:
	@while read -r f; do \
	  if [ -x "$$f" ]; then m=755; else m=644; fi; \
	  install -Dm$$m "$$f" "$(DESTDIR)$(PREFIX)/$$f" || exit 1; \
	done <FILES
	@echo "Installed Limber into $(DESTDIR)$(PREFIX)."

uninstall:
	@while read -r f; do rm -f "$(DESTDIR)$(PREFIX)/$$f"; done <FILES
	@rmdir "$(DESTDIR)$(PREFIX)/libexec/limber" 2>/dev/null || true
	@echo "Removed Limber from $(DESTDIR)$(PREFIX)."

user-install:
	@$(MAKE) --no-print-directory install PREFIX="$(HOME)/.local"

user-uninstall:
	@$(MAKE) --no-print-directory uninstall PREFIX="$(HOME)/.local"

.PHONY: install uninstall user-install user-uninstall
MAKEFILE

mkdir -p "$out"
tarball=$out/$name-linux-$arch.tar.xz
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -cJf "$tarball" "$name"
echo "$tarball"
