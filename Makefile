# Limber. `make run` starts the tray daemon, `make test` runs every test.
# Both install the Debian packages they need first (see `deps`).
GO       ?= go
BIN      := bin/limber
WINBIN   := bin/limber-window
PREFIX   ?= $(HOME)/.local
VERSION  := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS  := -s -w -X github.com/limber-app/limber/internal/version.Version=$(VERSION)
# Every go command here, and those the tests run (they build helper
# programs), compiles with -trimpath, so that build, vet and the tests share
# one set of compiled packages: Fyne and GLFW's C code are compiled once.
export GOFLAGS := $(strip $(GOFLAGS) -trimpath)

# Debian packages: headers to build Fyne (X11/GL), MinGW to cross-build the
# Windows binary (Fyne needs cgo), and what the tests and
# `make run` use: Xvfb, a private D-Bus bus, xdotool, a tray host and a
# notification server for the end-to-end tests; headless Wayland compositors
# (sway, KWin, Mutter) and PulseAudio for the idle and microphone e2e tests
# (about 40 s of apt install on a 2-core machine).
APT_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev \
            xvfb dbus-x11 xdotool x11-utils imagemagick appstream \
            gcc-mingw-w64-x86-64 desktop-file-utils zsh fish \
            sway kwin-wayland mutter pulseaudio pulseaudio-utils

.PHONY: all deps deb-deps build run test test-short cross bench lint package deb deb-test install uninstall clean

all: build

deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Two programs: limber (the daemon and the CLI, no Fyne window code) and
# limber-window (the card, settings and statistics windows, with Fyne's GL
# driver), which limber finds beside itself or in ../libexec/limber/.
# limber is built without cgo on Linux, where nothing in it needs it (D-Bus,
# X11 through xgb; the history is a file of JSON lines, and only limber-window
# links SQLite, to import an old history.db): a static binary maps no libc, which
# keeps the idle daemon about 1.5 MB smaller. macOS's tray needs cgo.
DAEMON_CGO := $(if $(filter Linux,$(shell uname -s)),0,1)

build: deps
	CGO_ENABLED=$(DAEMON_CGO) $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/limber
	$(GO) build -ldflags '$(LDFLAGS)' -o $(WINBIN) ./cmd/limber-window

run: build
	./$(BIN)

# Packages that link Fyne's GL driver (cgo, slow to build) are tested
# without -race; every other package, the goroutine-heavy daemon parts and
# cmd/limber (which links no Fyne window code) among them, with it.
GUI_PKGS := ./cmd/limber-window/... ./internal/ui/...

test: build
	@test -z "$$(gofmt -l cmd internal assets packaging)" || { echo "gofmt needed:"; gofmt -l cmd internal assets packaging; exit 1; }
	$(GO) vet ./...
	LIMBER_BIN=$(CURDIR)/$(BIN) $(GO) test -race -timeout 10m $$($(GO) list ./... | grep -v -e /cmd/limber-window -e /internal/ui/)
	LIMBER_BIN=$(CURDIR)/$(BIN) $(GO) test -timeout 10m $(GUI_PKGS)

# Cross-builds: the Windows programs (limber needs no cgo; limber-window
# does, for Fyne: MinGW) into bin/windows/, and vet of the packages that
# need no cgo for macOS. CI runs it after `make test`.
cross: deps
	GOOS=windows CGO_ENABLED=0 $(GO) build -o bin/windows/limber.exe ./cmd/limber
	GOOS=windows CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc $(GO) build -o bin/windows/limber-window.exe ./cmd/limber-window
	GOOS=darwin CGO_ENABLED=0 $(GO) vet ./internal/schedule/... ./internal/activity/... ./internal/presence/... ./internal/paths/... ./internal/ipc/... ./internal/history/... ./internal/cards/... ./internal/settings/...

test-short:
	$(GO) test -short ./...

bench: build
	LIMBER_BIN=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 30m ./...

lint:
	@test -z "$$(gofmt -l cmd internal assets packaging)" || { gofmt -l cmd internal assets packaging; exit 1; }
	$(GO) vet ./...

# The Linux tarball: bin/, share/ (desktop file, icons, metainfo,
# completions) and a Makefile to install it.
package: build
	packaging/package.sh $(BIN) $(WINBIN) dist

# The Debian package, dist/limber_VERSION_ARCH.deb, checked by lintian
# (errors and warnings fail it). limber goes in as `make build` builds it
# (so the daemon's measured footprint holds); limber-window, which links C
# libraries, is rebuilt as a position-independent executable with Debian's
# hardening flags (dpkg-buildflags: stack protector, fortify, relro, bindnow),
# which lintian asks of it: a second cgo build of Fyne, minutes on 2 cores.
# Its tools come from DEB_PKGS, installed by `make deb` only (lintian pulls
# in 128 packages, mostly Perl, on a Debian 12 that has `make deps`, and
# `make test` has no use for them; 11 s from a warm apt cache). The
# Maintainer field is $(DEB_MAINTAINER) when set (see packaging/deb.sh).
DEB_PKGS := dpkg-dev lintian
DEB_ARCH  = $(shell dpkg --print-architecture)
DEB       = dist/limber_$(VERSION)_$(DEB_ARCH).deb

deb-deps:
	@$(MAKE) --no-print-directory deps APT_PKGS="$(DEB_PKGS)"

deb: build deb-deps
	eval "$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"; \
	CGO_CFLAGS="$$CFLAGS" CGO_CPPFLAGS="$$CPPFLAGS" CGO_LDFLAGS="$$LDFLAGS" \
	  $(GO) build -buildmode=pie -ldflags '$(LDFLAGS)' -o bin/deb/limber-window ./cmd/limber-window
	packaging/deb.sh $(BIN) bin/deb/limber-window dist
	lintian --fail-on error,warning $(DEB)

# The install test: apt-get install of the .deb, its commands, the daemon
# under Xvfb, apt-get purge. It changes the system, so it is for root on a
# throwaway machine (CI runs it); see packaging/deb-test.sh.
deb-test: deb
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; $$SUDO packaging/deb-test.sh $(DEB)

install: build
	packaging/install.sh $(abspath $(PREFIX)) $(BIN) $(WINBIN)

uninstall:
	packaging/install.sh --uninstall $(abspath $(PREFIX))

clean:
	rm -rf bin dist
