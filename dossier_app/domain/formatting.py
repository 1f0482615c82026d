"""Human text for values the GUI and the PDF both show: amounts, figures, markings.

Kept here, below both, so that a figure reads "about USD 50 million" in the
table, the chart and the briefing alike.
"""

from __future__ import annotations

import math
import re

from .model import CREDIBILITY, RELIABILITY, Figure

#: How each qualifier reads in front of a value ("exact" reads as nothing).
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "",
    "about": "about",
    "less-than": "less than",
    "more-than": "more than",
    "at-least": "at least",
    "at-most": "at most",
}

#: TLP 2.0 colours as (background, text, border) hex strings, for badges on screen and paper.
MARKING_COLOURS: dict[str, tuple[str, str, str]] = {
    "TLP:RED": ("#FF2B2B", "#FFFFFF", "#B00000"),
    "TLP:AMBER": ("#FFC000", "#000000", "#C78F00"),
    "TLP:AMBER+STRICT": ("#FFC000", "#000000", "#C78F00"),
    "TLP:GREEN": ("#33CC00", "#000000", "#228800"),
    "TLP:CLEAR": ("#FFFFFF", "#000000", "#000000"),
}

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
# Units written straight after the number, without a space.
_TIGHT_UNITS = frozenset({"%", "‰", "°"})


def is_currency(unit: str) -> bool:
    """True for an ISO 4217-looking code (``USD``, ``EUR``), which goes before the number."""
    return bool(_CURRENCY_RE.match(unit))


def format_number(value: float, scale_words: bool = True) -> str:
    """``50 million``, ``1.25 billion``, ``12,500``, ``3.5``: short, no float noise."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if scale_words:
        for i, (factor, word) in enumerate(_SCALES):
            if magnitude >= factor:
                if i and abs(round(value / factor, 2)) >= 1000:
                    # Rounds up to the next word: 999,999,999 is "1 billion", not "1,000 million".
                    factor, word = _SCALES[i - 1]
                return f"{_trim(value / factor)} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    if magnitude >= 1:
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    if magnitude < 1e-12:
        return f"{value:.3g}"
    # Below one, three significant digits: 0.000001 must not print as 0.
    decimals = 2 - math.floor(math.log10(magnitude))
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def _trim(number: float) -> str:
    """At most two decimals, trailing zeros dropped: 50, 1.25, 10.5."""
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_amount(value: float, unit: str) -> str:
    """A value with its unit: ``USD 50 million``, ``12,000 employees``, ``35%``."""
    number = format_number(value)
    unit = unit.strip()
    if not unit:
        return number
    if is_currency(unit):
        return f"{unit} {number}"
    if unit in _TIGHT_UNITS:
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_figure_value(figure: Figure) -> str:
    """A key figure as a reader says it: ``about USD 50 million``, ``at least USD 10 billion``."""
    words = QUALIFIER_WORDS.get(figure.effective_qualifier, figure.effective_qualifier)
    amount = format_amount(figure.value, figure.unit)
    return f"{words} {amount}" if words else amount


def format_reliability(grade: str | None) -> str:
    """``B – Usually reliable``, or empty when ungraded."""
    if not grade:
        return ""
    meaning = RELIABILITY.get(grade)
    return f"{grade} – {meaning}" if meaning else grade


def format_credibility(grade: int | None) -> str:
    """``2 – Probably true``, or empty when ungraded."""
    if grade is None:
        return ""
    meaning = CREDIBILITY.get(grade)
    return f"{grade} – {meaning}" if meaning else str(grade)


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Join hand-wrapped lines into paragraphs, so a view can wrap them to its width.

    Blank lines still separate paragraphs; list items and indented lines keep
    their own line.
    """
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        out: list[str] = []
        for line in block.splitlines():
            joins = out and not _LIST_ITEM.match(line) and not line[:1].isspace()
            if joins:
                out[-1] = f"{out[-1].rstrip()} {line.strip()}"
            else:
                out.append(line.rstrip())
        paragraphs.append("\n".join(out))
    return "\n\n".join(paragraphs)
