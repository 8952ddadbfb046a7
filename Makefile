# Limber. `make run` starts the tray daemon, `make test` runs every test.
# Both install the Debian packages they need first (see `deps`).
GO       ?= go
BIN      := bin/limber
WINBIN   := bin/limber-window
PREFIX   ?= $(HOME)/.local
VERSION  := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS  := -s -w -X github.com/limber-app/limber/internal/version.Version=$(VERSION)

# Debian packages: headers to build Fyne (X11/GL), MinGW to cross-build the
# Windows binary (Fyne needs cgo), and what the tests and
# `make run` use: Xvfb, a private D-Bus bus, xdotool, a tray host and a
# notification server for the end-to-end tests.
APT_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev \
            xvfb dbus-x11 xdotool x11-utils imagemagick appstream \
            gcc-mingw-w64-x86-64 desktop-file-utils zsh fish

.PHONY: all deps build run test test-short cross bench lint package install uninstall clean

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
# X11 through xgb, pure-Go SQLite): a static binary maps no libc, which
# keeps the idle daemon about 1.5 MB smaller. macOS's tray needs cgo.
DAEMON_CGO := $(if $(filter Linux,$(shell uname -s)),0,1)

build: deps
	CGO_ENABLED=$(DAEMON_CGO) $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/limber
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(WINBIN) ./cmd/limber-window

run: build
	./$(BIN)

# Packages that link Fyne's GL driver (cgo, slow to build) are tested
# without -race; every other package, the goroutine-heavy daemon parts and
# cmd/limber (which links no Fyne window code) among them, with it. vet and
# the GUI tests use the build's -trimpath, so they reuse the packages that
# `build` compiled for limber-window (Fyne, GLFW's C code) instead of
# compiling them all once more.
GUI_PKGS := ./cmd/limber-window/... ./internal/ui/...

test: build
	@test -z "$$(gofmt -l cmd internal assets packaging)" || { echo "gofmt needed:"; gofmt -l cmd internal assets packaging; exit 1; }
	$(GO) vet -trimpath ./...
	LIMBER_BIN=$(CURDIR)/$(BIN) $(GO) test -race -timeout 10m $$($(GO) list ./... | grep -v -e /cmd/limber-window -e /internal/ui/)
	LIMBER_BIN=$(CURDIR)/$(BIN) $(GO) test -trimpath -timeout 10m $(GUI_PKGS)

# Cross-builds: the Windows programs (limber needs no cgo; limber-window
# does, for Fyne: MinGW) into bin/windows/, and vet of the packages that
# need no cgo for macOS. CI runs it after `make test`.
cross: deps
	GOOS=windows CGO_ENABLED=0 $(GO) build -trimpath -o bin/windows/limber.exe ./cmd/limber
	GOOS=windows CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc $(GO) build -trimpath -o bin/windows/limber-window.exe ./cmd/limber-window
	GOOS=darwin CGO_ENABLED=0 $(GO) vet ./internal/schedule/... ./internal/activity/... ./internal/presence/... ./internal/paths/... ./internal/ipc/... ./internal/history/... ./internal/cards/... ./internal/settings/...

test-short:
	$(GO) test -trimpath -short ./...

bench: build
	LIMBER_BIN=$(CURDIR)/$(BIN) $(GO) test -trimpath -run '^$$' -bench . -benchtime 1x -timeout 30m ./...

lint:
	@test -z "$$(gofmt -l cmd internal assets packaging)" || { gofmt -l cmd internal assets packaging; exit 1; }
	$(GO) vet ./...

# The Linux tarball: bin/, share/ (desktop file, icons, metainfo,
# completions) and a Makefile to install it.
package: build
	packaging/package.sh $(BIN) $(WINBIN) dist

install: build
	packaging/install.sh $(abspath $(PREFIX)) $(BIN) $(WINBIN)

uninstall:
	packaging/install.sh --uninstall $(abspath $(PREFIX))

clean:
	rm -rf bin dist
