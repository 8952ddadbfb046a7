#!/bin/sh
# The package's install test, as a Debian or Ubuntu user meets it: installs
# the .deb with apt-get (which pulls in what Depends names), runs the
# installed commands, starts the daemon from /usr/bin under a throwaway X
# server and session bus, has it open a break card (limber-window, found in
# /usr/libexec/limber), stops it, then purges the package and checks that
# no file the package installed is left.
#
#   packaging/deb-test.sh dist/limber_VERSION_ARCH.deb   (as root: make deb-test)
#
# It changes the system (installs and removes a package), so it runs as
# root on a machine meant for it (CI), and refuses to touch a Limber that
# is installed already. Needs Xvfb, dbus-run-session and xdotool (make deps).
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DEB" >&2; exit 2; }
case $1 in
/*) deb=$1 ;;
*) deb=$(pwd)/$1 ;; # apt-get takes a file only as a path
esac
[ -f "$deb" ] || { echo "deb-test.sh: no package $deb; build it with make deb" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "deb-test.sh: run it as root (sudo make deb-test): it installs and purges the package" >&2; exit 1; }
for tool in Xvfb dbus-run-session xdotool; do
	command -v "$tool" >/dev/null || { echo "deb-test.sh: $tool is missing; run make deps" >&2; exit 1; }
done
if dpkg-query -W -f '${Status}' limber 2>/dev/null | grep -q installed; then
	echo "deb-test.sh: limber is installed on this machine already; the test would purge it. Remove it first (apt-get purge limber) or run the test elsewhere." >&2
	exit 1
fi
version=$(dpkg-deb -f "$deb" Version)
export DEBIAN_FRONTEND=noninteractive

fail() {
	echo "deb-test.sh: FAIL: $*" >&2
	exit 1
}
# step NAME starts a step; each "ok" says how long it took.
step() {
	printf 'deb-test: %-50s' "$1"
	ts=$(date +%s.%N)
}
ok() { echo "ok${1:+ ($1)}, $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $ts }") s"; }
t0=$(date +%s)
work=$(mktemp -d)
xpid=
installed=false
cleanup() {
	[ -z "$xpid" ] || kill "$xpid" 2>/dev/null || true
	# A failed run leaves no package behind either (so that it can rerun).
	if $installed; then apt-get purge -y -qq limber >/dev/null 2>&1 || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

step "apt-get install ./$(basename "$deb")"
apt-get install -y -qq --no-install-recommends "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "apt-get install"; }
installed=true
dpkg -L limber | LC_ALL=C sort >"$work/files"
ok "$(wc -l <"$work/files") paths"

for f in /usr/bin/limber /usr/libexec/limber/limber-window /usr/share/man/man1/limber.1.gz \
	/usr/share/applications/io.github.limber_app.limber.desktop /usr/share/doc/limber/copyright; do
	grep -qx "$f" "$work/files" || fail "the package does not hold $f"
done
[ "$(command -v limber)" = /usr/bin/limber ] || fail "limber on the PATH is $(command -v limber), not /usr/bin/limber"

# A user of their own: a fresh home and runtime folder, as at a first login.
home=$work/home
mkdir -p "$home/run"
chmod 700 "$home/run"
export HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" LANG=C.UTF-8
unset XDG_CURRENT_DESKTOP DBUS_SESSION_BUS_ADDRESS

step "limber version"
out=$(limber version) || fail "limber version exited $?"
case $out in *"$version"*) ok "$out" ;; *) fail "limber version says \"$out\", not $version" ;; esac

step "limber cards check"
limber cards check >"$work/out" 2>&1 || { cat "$work/out" >&2; fail "limber cards check exited non-zero"; }
ok

step "limber config defaults | limber config check"
limber config defaults >"$work/defaults.toml" || fail "limber config defaults exited $?"
[ -s "$work/defaults.toml" ] || fail "limber config defaults printed nothing"
limber config check "$work/defaults.toml" >/dev/null || fail "limber config check rejects what limber config defaults prints"
ok

step "man limber"
if command -v man >/dev/null; then
	MANWIDTH=80 man limber 2>"$work/man.err" | grep -q "limber status" || { cat "$work/man.err" >&2; fail "man limber does not show the commands"; }
	ok
else
	echo "skipped (man-db not installed)"
fi

step "daemon under Xvfb: start, break card, quit"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xpid=$!
i=0
while [ ! -s "$work/display" ]; do
	i=$((i + 1))
	[ $i -le 100 ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
	sleep 0.1
done
export DISPLAY=":$(cat "$work/display")"
# The daemon, the card and the checks share one private session bus.
cat >"$work/session.sh" <<'EOF'
set -eu
limber >"$WORK/daemon.log" 2>&1 &
daemon=$!
# On a failure, stop the daemon (and so its card) before the bus goes.
trap 'kill $daemon 2>/dev/null || true' EXIT
i=0
until limber status >/dev/null 2>&1; do
	i=$((i + 1))
	kill -0 $daemon 2>/dev/null || { echo "the daemon exited at start:" >&2; cat "$WORK/daemon.log" >&2; exit 1; }
	[ $i -le 200 ] || { echo "the daemon did not answer limber status within 20 s" >&2; exit 1; }
	sleep 0.1
done
limber break now stretch >/dev/null || { echo "limber break now stretch exited $?" >&2; exit 1; }
# The card window ("Stretch — Limber") maps, and it is the installed
# /usr/libexec/limber/limber-window that shows it.
xdotool search --sync --onlyvisible --name 'Limber$' >"$WORK/windows" &
search=$!
i=0
while kill -0 $search 2>/dev/null; do
	i=$((i + 1))
	[ $i -le 200 ] || { kill $search; echo "no card window within 20 s:" >&2; cat "$WORK/daemon.log" >&2; exit 1; }
	sleep 0.1
done
wait $search || { echo "xdotool search failed" >&2; exit 1; }
pid=$(xdotool getwindowpid "$(head -n1 "$WORK/windows")")
exe=$(readlink "/proc/$pid/exe")
[ "$exe" = /usr/libexec/limber/limber-window ] || { echo "the card window is shown by $exe, not /usr/libexec/limber/limber-window" >&2; exit 1; }
limber quit >/dev/null || { echo "limber quit exited $?" >&2; exit 1; }
i=0
while kill -0 $daemon 2>/dev/null; do
	i=$((i + 1))
	[ $i -le 100 ] || { echo "the daemon did not exit within 10 s of limber quit" >&2; kill $daemon; exit 1; }
	sleep 0.1
done
wait $daemon || { echo "the daemon exited $? after limber quit:" >&2; cat "$WORK/daemon.log" >&2; exit 1; }
trap - EXIT
# The card closes with the daemon.
i=0
while kill -0 "$pid" 2>/dev/null; do
	i=$((i + 1))
	[ $i -le 100 ] || { echo "the card window (pid $pid) is still open 10 s after the daemon quit" >&2; kill "$pid"; exit 1; }
	sleep 0.1
done
EOF
# dbus-daemon's own chatter goes to the log too; shown when it fails.
WORK=$work dbus-run-session -- sh "$work/session.sh" 2>"$work/session.log" || { cat "$work/session.log" >&2; fail "the daemon under Xvfb"; }
kill "$xpid" 2>/dev/null || true
wait "$xpid" 2>/dev/null || true
xpid=
ok

step "apt-get purge limber"
apt-get purge -y -qq limber >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "apt-get purge limber"; }
dpkg-query -W -f '${Status}' limber 2>/dev/null | grep -q installed && fail "dpkg still lists limber after the purge"
# What dpkg -L listed: every file, and every folder but the shared ones
# other packages own too (/usr, /usr/share/man/man1, ...).
left=
while read -r p; do
	[ "$p" != /. ] || continue
	if [ -d "$p" ] && [ ! -L "$p" ]; then
		owner=$(dpkg -S "$p" 2>/dev/null || true)
		[ -n "$owner" ] && continue # another package's folder as well
		left="$left $p"
	elif [ -e "$p" ] || [ -L "$p" ]; then
		left="$left $p"
	fi
done <"$work/files"
[ -z "$left" ] || fail "left after apt-get purge limber:$left"
ok "nothing of $(wc -l <"$work/files") paths left"
echo "deb-test: passed in $(($(date +%s) - t0)) s"
