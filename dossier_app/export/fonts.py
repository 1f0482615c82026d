"""Fonts for the briefing: a Latin text face with the shipped CJK font as fallback."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from ..resources import FONTS

#: The shipped text face first, then common system faces; Qt falls through the
#: list glyph by glyph, so the CJK faces only draw what the others lack.
TEXT_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial")
#: Shipped fallbacks: Droid Sans Fallback (Chinese, Japanese), NanumGothic (Korean).
CJK_FALLBACK = ("Droid Sans Fallback", "NanumGothic", "Noto Sans CJK SC")


@cache
def register_bundled_fonts() -> tuple[str, ...]:
    """Register every shipped font (``resources/fonts``) once; needs a QGuiApplication."""
    families: list[str] = []
    for path in sorted(FONTS.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:  # a missing or broken file must not stop the app or an export
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))


def cjk_families() -> tuple[str, ...]:
    """The fallback families for Chinese, Japanese and Korean text."""
    register_bundled_fonts()
    return CJK_FALLBACK


@cache
def _families() -> tuple[str, ...]:
    register_bundled_fonts()
    installed = set(QFontDatabase.families())
    text = [f for f in TEXT_FAMILIES if f in installed]
    return (*text, *(f for f in CJK_FALLBACK if f in installed))


def font_families() -> list[str]:
    """The family list for every run of text: the first installed text face, then CJK."""
    return list(_families())


#: OpenType features switched off: Qt maps a ligature glyph back to "ﬁ" (U+FB01),
#: so "first" in the PDF would not be found by search or copied as typed.
NO_LIGATURES: dict[QFont.Tag, int] = {QFont.Tag("liga"): 0, QFont.Tag("clig"): 0}


def briefing_font(point_size: float, bold: bool = False) -> QFont:
    """A font for the document at ``point_size``, with CJK fallback."""
    font = QFont()
    font.setFamilies(font_families())
    for tag, value in NO_LIGATURES.items():
        font.setFeature(tag, value)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
