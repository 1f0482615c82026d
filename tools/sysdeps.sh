#!/bin/sh
# Installs the Debian packages the app needs when they are missing: the shared
# libraries PySide6's Qt loads even offscreen, fontconfig with a base font, and
# poppler-utils (pdftoppm) for turning exported PDFs into pictures.
# CJK glyphs come from the font shipped in dossier_app/resources/fonts, not from here.
#
#   sh tools/sysdeps.sh                 what `make test` needs (offscreen)
#   sh tools/sysdeps.sh --gui PLUGIN    also what Qt's X11 platform plugin (PLUGIN,
#                                       libqxcb.so) links against: `make run`
#   sh tools/sysdeps.sh --office        also headless LibreOffice Writer, which prints the
#                                       Word briefing for `make screenshots` (~1.5 min)
#   --dry-run                           (first) only print what would be installed
set -u
dry_run=false
if [ "${1:-}" = "--dry-run" ]; then dry_run=true; shift; fi
missing=""
need_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || missing="$missing $2"; }

# The Debian package of a shared library, by the naming policy: libxcb-icccm.so.4 is
# in libxcb-icccm4, libxkbcommon-x11.so.0 (a name ending in a digit) in libxkbcommon-x11-0.
debian_package() {
    base=${1%%.so.*}
    version=${1##*.so.}
    version=${version%%.*}
    case $base in
        *[0-9]) package="$base-$version" ;;
        *) package="$base$version" ;;
    esac
    echo "$package" | tr 'A-Z' 'a-z'
}

need_lib 'libEGL.so.1 ' libegl1
need_lib 'libGL.so.1 ' libgl1
need_lib 'libxkbcommon.so.0 ' libxkbcommon0
need_lib 'libfontconfig.so.1 ' libfontconfig1
need_lib 'libdbus-1.so.3 ' libdbus-1-3
need_lib 'libglib-2.0.so.0 ' libglib2.0-0
fc-list 2>/dev/null | grep -q . || missing="$missing fonts-dejavu-core"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"

if [ "${1:-}" = "--office" ]; then
    command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
fi

# A desktop session shows the window through the X11 plugin (Wayland sessions fall back
# to it too); since Qt 6.5 it links libraries that desktops do not always carry
# (libxcb-cursor0, libxcb-icccm4, ...). ldd names the ones this machine lacks.
if [ "${1:-}" = "--gui" ] && [ -f "${2:-}" ]; then
    for soname in $(ldd "$2" 2>/dev/null | awk '/not found/ {print $1}' | sort -u); do
        missing="$missing $(debian_package "$soname")"
    done
fi

[ -n "$missing" ] || exit 0
if $dry_run; then
    echo "would install:$missing"
    exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" != none ]; then
        echo "Installing Debian packages:$missing"
        $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null && exit 0
    fi
fi
echo "warning: please install these system packages:$missing" >&2
exit 0
