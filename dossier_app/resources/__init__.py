"""Files that ship inside the package (package data): fonts, icons.

They live in the package itself, so an installed wheel carries them. The
folder is found from this module's own location rather than through
``importlib.resources``, which the window's first paint would pay for
(about 15 ms of imports) for icons it loads straight from disk anyway; a
zipped install, where such a path would not exist, is not supported.
"""

from __future__ import annotations

from pathlib import Path

#: This folder, holding ``fonts/`` and ``icons/``.
ROOT = Path(__file__).resolve().parent
FONTS = ROOT / "fonts"
ICONS = ROOT / "icons"
