#!/bin/sh
# Redraws every icon (app icon PNGs and SVG here, tray PNGs and ICOs in
# ../tray) from the generator in ./gen, then, given a file name, writes a
# preview sheet of them on light and dark backgrounds (needs ImageMagick).
# The build never runs this: the output is committed.
#
#   assets/icon/render.sh [PREVIEW.png]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
go run ./gen -icon . -tray ../tray
if [ $# -gt 0 ]; then
	./preview.sh "$1"
fi
