#!/bin/sh
# Installs the Debian packages the app needs when they are missing: the shared
# libraries PySide6's Qt loads even offscreen, fontconfig with a base font, and
# poppler-utils (pdftoppm) for turning exported PDFs into pictures.
# CJK glyphs come from the font shipped in resources/fonts, not from here.
set -u
missing=""
need_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || missing="$missing $2"; }
need_lib 'libEGL.so.1 ' libegl1
need_lib 'libGL.so.1 ' libgl1
need_lib 'libxkbcommon.so.0 ' libxkbcommon0
need_lib 'libfontconfig.so.1 ' libfontconfig1
need_lib 'libdbus-1.so.3 ' libdbus-1-3
need_lib 'libglib-2.0.so.0 ' libglib2.0-0
fc-list 2>/dev/null | grep -q . || missing="$missing fonts-dejavu-core"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -n "$missing" ] || exit 0
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" != none ]; then
        echo "Installing Debian packages:$missing"
        $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null && exit 0
    fi
fi
echo "warning: please install these system packages:$missing" >&2
exit 0
