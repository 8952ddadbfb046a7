#!/bin/sh
# Composes a preview sheet of every icon on light and dark backgrounds, at
# real size and magnified 4× (nearest neighbour, to judge the pixels).
# Needs ImageMagick. Usage: assets/icon/preview.sh OUT.png
set -eu
out=${1:?usage: preview.sh OUT.png}
here=$(cd "$(dirname "$0")" && pwd)
tray=$here/../tray/png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

row() { # row NAME BG FILE...
	name=$1 fill=$2
	shift 2
	i=0
	for f in "$@"; do
		i=$((i + 1))
		convert "$f" -background "$fill" -gravity center -extent 72x72 "$tmp/$name-a$i.png"
		convert "$f" -filter point -resize 400% -background "$fill" -gravity center -extent 200x200 "$tmp/$name-b$i.png"
	done
}
for bg in light dark; do
	case $bg in light) col='#efefef' ;; dark) col='#2b2b2b' ;; esac
	row "tray-$bg" "$col" "$tray/normal-22.png" "$tray/paused-22.png" "$tray/due-22.png" "$tray/normal-16.png" "$tray/paused-16.png" "$tray/due-16.png"
	convert "$tmp"/tray-$bg-a*.png +append "$tmp/r1-$bg.png"
	convert "$tmp"/tray-$bg-b1.png "$tmp"/tray-$bg-b2.png "$tmp"/tray-$bg-b3.png +append "$tmp/r2-$bg.png"
	for s in normal paused due; do
		convert "$tray/$s-44.png" -background "$col" -gravity center -extent 72x72 "$tmp/t44-$bg-$s.png"
		convert "$tray/$s-64.png" -background "$col" -gravity center -extent 72x72 "$tmp/t64-$bg-$s.png"
	done
	convert "$tmp"/t44-$bg-*.png "$tmp"/t64-$bg-*.png +append "$tmp/r3-$bg.png"
	row "app-$bg" "$col" "$here/png/limber-16.png" "$here/png/limber-24.png" "$here/png/limber-32.png" "$here/png/limber-48.png"
	convert "$tmp"/app-$bg-a*.png +append "$tmp/r4-$bg.png"
	convert "$tmp"/app-$bg-b1.png "$tmp"/app-$bg-b2.png "$tmp"/app-$bg-b3.png +append "$tmp/r5-$bg.png"
	convert "$here/png/limber-128.png" -background "$col" -gravity center -extent 600x140 "$tmp/r6-$bg.png"
	convert "$tmp"/r1-$bg.png "$tmp"/r2-$bg.png "$tmp"/r3-$bg.png "$tmp"/r4-$bg.png "$tmp"/r5-$bg.png "$tmp"/r6-$bg.png \
		-background "$col" -gravity west -append "$tmp/col-$bg.png"
done
convert "$tmp/col-light.png" "$tmp/col-dark.png" -background '#888' -gravity north +append "$out"
