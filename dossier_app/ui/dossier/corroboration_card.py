"""The Overview's corroboration card: how many claims carry each flag, with links to them.

The overview rebuilds its cards after every edit, so the counts are always
those of the dossier as it is now (and of the "stale" threshold in the
settings). A count is a link: it shows the timeline or the key figures
filtered by that flag.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

from ...domain.corroboration import FLAGS, Corroboration
from ...domain.model import Dossier
from ..widgets.flag_icons import flag_pixmap
from ..widgets.text import LinkLabel, muted, plain_label, set_tooltip

#: Called with ("timeline" or "figures", flag code) when a count is clicked.
ShowFlagged = Callable[[str, str], object]


@dataclass(frozen=True, slots=True)
class FlagCounts:
    """How many developments and key figures carry each flag."""

    developments: dict[str, int]
    figures: dict[str, int]
    #: Claims with at least one flag, and all claims.
    flagged: int
    claims: int


def flag_counts(dossier: Dossier, stale_years: int) -> FlagCounts:
    """The counts of the dossier as it is now, as of today."""
    corroboration = Corroboration(dossier, stale_years=stale_years)
    devs = dict.fromkeys(FLAGS, 0)
    figs = dict.fromkeys(FLAGS, 0)
    flagged = 0
    for counts, claims in ((devs, dossier.timeline), (figs, dossier.figures)):
        for claim in claims:
            flags = corroboration.flags(claim)
            flagged += bool(flags)
            for code in flags:
                counts[code] += 1
    return FlagCounts(devs, figs, flagged, len(dossier.timeline) + len(dossier.figures))


def summary_text(counts: FlagCounts) -> str:
    if not counts.claims:
        return "No developments or key figures yet."
    if not counts.flagged:
        return "Every development and key figure rests on more than one independent origin."
    return f"{counts.flagged} of {counts.claims} claims need corroboration."


def add_corroboration(
    body: QVBoxLayout, dossier: Dossier, stale_years: int, show: ShowFlagged
) -> FlagCounts:
    """Fill a card's body: a summary line, then one row per flag with its counts."""
    counts = flag_counts(dossier, stale_years)
    summary = plain_label(summary_text(counts), wrap=True)
    summary.setObjectName("corroborationSummary")
    body.addWidget(summary)
    if not counts.claims:
        return counts
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(4)
    for row, (code, info) in enumerate(FLAGS.items()):
        icon = QLabel()
        icon.setPixmap(flag_pixmap(code, 16))
        set_tooltip(icon, info.description)
        grid.addWidget(icon, row, 0, Qt.AlignmentFlag.AlignVCenter)
        name = plain_label(info.name)
        set_tooltip(name, info.description)
        grid.addWidget(name, row, 1)
        cells = (
            (1, "timeline", counts.developments[code], "development"),
            (2, "figures", counts.figures[code], "key figure"),
        )
        for offset, list_name, n, noun in cells:
            text = f"{n} {noun}{'s' * (n != 1)}"
            widget: QLabel
            if n:
                link = LinkLabel(text)
                link.clicked.connect(partial(show, list_name, code))
                set_tooltip(link, f"Show the {noun}s flagged {info.name.lower()}")
                widget = link
            else:
                widget = muted(plain_label(text))
            widget.setObjectName(f"flagCount:{list_name}:{code}")
            grid.addWidget(widget, row, 1 + offset)
    grid.setColumnStretch(3, 1)
    body.addLayout(grid)
    return counts
