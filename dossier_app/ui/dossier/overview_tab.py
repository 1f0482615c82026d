"""The Overview tab: who the company is, the marking, the counts, what is new, what to check."""

from __future__ import annotations

import heapq
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import display_span
from ...domain.formatting import format_figure_value, reflow
from ...domain.model import Dossier
from ...domain.rules import findings, sentence
from ...fileio.problems import Problem
from ..document import DossierDocument
from ..settings import Settings, settings_signals
from ..widgets.icons import named_icon
from ..widgets.marking import MarkingBadge
from ..widgets.text import LinkLabel, muted, plain_label, set_tooltip
from .corroboration_card import add_corroboration
from .judgements_card import TITLE as JUDGEMENTS_TITLE
from .judgements_card import BriefingRequests, JudgementsSummary

LATEST = 6  # developments listed under "Latest developments"


def live_warnings(dossier: Dossier) -> list[str]:
    """What ``check`` reports, in its words, worked out from the dossier as it is now."""
    return [sentence(f.message) for f in findings(dossier)]


def problem_text(problem: Problem) -> str:
    if not problem.has_position:  # "N more problems not shown"
        return problem.message
    return f"Line {problem.line}: {problem.message}"


class _Card(QFrame):
    """A titled box on the overview."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#overviewCard { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.setSpacing(6)
        heading = plain_label(title, self)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.body.addWidget(heading)


class OverviewTab(QScrollArea):
    """A read-only page summarising one dossier; rebuilt whenever the dossier changes."""

    developmentActivated = Signal(str)
    figureActivated = Signal(str)
    sourceActivated = Signal(str)
    #: A flag count was clicked: ("timeline" or "figures", flag code).
    flagActivated = Signal(str, str)

    def __init__(self, document: DossierDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("overviewTab")
        #: Edit requests from the judgements card (stays while the cards are rebuilt).
        self.briefing_requests = BriefingRequests(self)
        document.briefingChanged.connect(self.rebuild)
        document.profileChanged.connect(self.rebuild)
        document.listChanged.connect(self.rebuild)
        document.reset.connect(self.rebuild)
        document.titleChanged.connect(self._modified_changed)
        settings_signals().staleYearsChanged.connect(self.rebuild)
        self._was_modified = document.is_modified
        self.rebuild()

    def _modified_changed(self) -> None:
        # The warnings switch from the loader's (with lines) to live ones on the first edit.
        if self.document.is_modified != self._was_modified:
            self._was_modified = self.document.is_modified
            self.rebuild()

    def focus_filter(self) -> None:
        """The overview has no filter of its own."""

    def rebuild(self, *_args: object) -> None:
        d = self.document.dossier
        company = d.company
        page = QWidget()
        page.setObjectName("overviewPage")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(14)

        # -- heading: name, aliases, marking --------------------------------------
        head = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(2)
        self.name_label = plain_label(company.name, wrap=True, selectable=True)
        self.name_label.setObjectName("companyName")
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.name_label.setFont(font)
        names.addWidget(self.name_label)
        also = [x for x in (company.short_name, *company.aliases) if x and x != company.name]
        if also:
            aliases = muted(plain_label("Also: " + " · ".join(also), wrap=True, selectable=True))
            aliases.setObjectName("companyAliases")
            big = QFont(aliases.font())
            big.setPointSizeF(big.pointSizeF() * 1.1)
            aliases.setFont(big)
            names.addWidget(aliases)
        head.addLayout(names, 1)
        self.marking_badge = MarkingBadge(d.effective_marking)
        self.marking_badge.setObjectName("markingBadge")
        set_tooltip(self.marking_badge, f"Handling marking: {d.effective_marking}")
        head.addWidget(self.marking_badge, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)
        judgements = _Card(JUDGEMENTS_TITLE)
        judgements.body.addWidget(
            JudgementsSummary(
                d,
                self.briefing_requests,
                self.developmentActivated.emit,
                self.figureActivated.emit,
            )
        )
        outer.addWidget(judgements)

        # -- two columns ------------------------------------------------------------
        columns = QHBoxLayout()
        columns.setSpacing(14)
        left = QVBoxLayout()
        left.setSpacing(14)
        right = QVBoxLayout()
        right.setSpacing(14)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        outer.addLayout(columns)

        left.addWidget(self._profile_card(d))
        if company.summary:
            card = _Card("Summary")
            summary = plain_label(reflow(company.summary), wrap=True, selectable=True)
            summary.setObjectName("companySummary")
            card.body.addWidget(summary)
            left.addWidget(card)
        left.addWidget(self._latest_card(d))
        left.addStretch(1)

        right.addWidget(self._counts_card(d))
        if d.figures:
            right.addWidget(self._figures_card(d))
        corroboration = _Card("Corroboration")
        add_corroboration(
            corroboration.body, d, Settings().stale_years(), self.flagActivated.emit
        )
        right.addWidget(corroboration)
        right.addWidget(self._warnings_card(d))
        right.addStretch(1)
        outer.addStretch(1)
        self.setWidget(page)

    # -- cards ----------------------------------------------------------------------
    def _profile_card(self, d: Dossier) -> _Card:
        card = _Card("Profile")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        c = d.company
        rows = [
            ("Headquarters", c.headquarters or ""),
            ("Sector", c.sector or ""),
            ("Identifiers", ", ".join(f"{k}: {v}" for k, v in c.identifiers.items())),
            ("Tags", ", ".join(d.tags)),
            ("Reviewed", d.reviewed.display() if d.reviewed else "Never"),
            ("Marking", d.effective_marking),
            ("File", str(self.document.path) if self.document.path else "Not saved yet"),
        ]
        for r, (name, value) in enumerate((n, v) for n, v in rows if v):
            caption = muted(plain_label(name))
            grid.addWidget(caption, r, 0, Qt.AlignmentFlag.AlignTop)
            label = plain_label(value, wrap=True, selectable=True)
            label.setObjectName(f"profile:{name}")
            grid.addWidget(label, r, 1)
        grid.setColumnStretch(1, 1)
        card.body.addLayout(grid)
        return card

    def _counts_card(self, d: Dossier) -> _Card:
        card = _Card("At a glance")
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        counts = [
            (len(d.timeline), "developments"),
            (len(d.figures), "key figures"),
            (len(d.sources), "sources"),
        ]
        for col, (n, what) in enumerate(counts):
            number = plain_label(str(n))
            font = QFont(number.font())
            font.setPointSizeF(font.pointSizeF() * 1.9)
            font.setBold(True)
            number.setFont(font)
            number.setObjectName(f"count:{what}")
            grid.addWidget(number, 0, col)
            grid.addWidget(muted(plain_label(what)), 1, col)
        card.body.addLayout(grid)
        if d.timeline:
            first = min(d.timeline, key=lambda x: x.date.sort_key)  # the first of equals
            last = max(d.timeline, key=lambda x: (x.end or x.date).sort_key)
            span = f"Timeline from {first.date.display()} to {(last.end or last.date).display()}"
            card.body.addWidget(muted(plain_label(span, wrap=True)))
        return card

    def _latest_card(self, d: Dossier) -> _Card:
        card = _Card("Latest developments")
        # The end of the chronological order, latest first, without sorting everything.
        numbered = enumerate(d.timeline)
        newest = heapq.nlargest(LATEST, numbered, key=lambda p: (p[1].date.sort_key, p[0]))
        latest = [dev for _i, dev in newest]
        if not latest:
            card.body.addWidget(muted(plain_label("No developments yet.")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for r, dev in enumerate(latest):
            date = muted(plain_label(display_span(dev.date, dev.end)))
            date.setMinimumWidth(90)
            grid.addWidget(date, r, 0, Qt.AlignmentFlag.AlignTop)
            link = LinkLabel(dev.title)
            link.setObjectName(f"latest:{dev.id}")
            set_tooltip(link, reflow(dev.summary) if dev.summary else dev.title)
            link.clicked.connect(partial(self.developmentActivated.emit, dev.id))
            grid.addWidget(link, r, 1)
        grid.setColumnStretch(1, 1)
        card.body.addLayout(grid)
        return card

    def _figures_card(self, d: Dossier) -> _Card:
        card = _Card("Key figures")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for r, fig in enumerate(d.figures):
            link = LinkLabel(fig.label)
            link.setObjectName(f"figure:{fig.id}")
            link.clicked.connect(partial(self.figureActivated.emit, fig.id))
            grid.addWidget(link, r, 0, Qt.AlignmentFlag.AlignTop)
            when = ", ".join(x for x in (fig.period, fig.as_of.display() if fig.as_of else "") if x)
            text = format_figure_value(fig) + (f"  ({when})" if when else "")
            value = plain_label(text, wrap=True)
            grid.addWidget(value, r, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        card.body.addLayout(grid)
        return card

    def _warnings_card(self, d: Dossier) -> _Card:
        card = _Card("Checks")
        loaded = self.document.load_warnings
        if loaded is not None and not self.document.is_modified:
            texts = [problem_text(p) for p in loaded]
        else:
            texts = live_warnings(d)
        if not texts:
            ok = QHBoxLayout()
            icon = QLabel()
            icon.setPixmap(named_icon("ok").pixmap(16, 16))
            ok.addWidget(icon)
            ok.addWidget(
                plain_label(
                    "No warnings: every item is sourced and every source cited.", wrap=True
                ),
                1,
            )
            card.body.addLayout(ok)
            return card
        warn = named_icon("warning")
        for text in texts:
            row = QHBoxLayout()
            icon = QLabel()
            icon.setPixmap(warn.pixmap(16, 16))
            row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            label = plain_label(text, wrap=True, selectable=True)
            label.setObjectName("warning")
            row.addWidget(label, 1)
            card.body.addLayout(row)
        return card
