"""The Overview's opening: the bottom line and the key judgements, each with what it rests on.

The widget goes inside an Overview card. Its buttons only ask: editing lives
above this layer, and listens to ``BriefingRequests`` (one per Overview,
so the connections outlive the card, which is rebuilt on every change).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import display_span
from ...domain.formatting import format_figure_value, reflow
from ...domain.model import LIKELIHOOD, Development, Dossier, Figure, Judgement
from ..widgets.icons import named_icon
from ..widgets.text import LinkLabel, muted, plain_label, set_tooltip

TITLE = "Bottom line and key judgements"


class BriefingRequests(QObject):
    """What the user asked of the bottom line and the judgements (the editor listens)."""

    editBottomLine = Signal()
    addJudgement = Signal()
    editJudgement = Signal(str)
    deleteJudgement = Signal(str)


def assessment(j: Judgement) -> str:
    """"Moderate confidence · likely (55–80 %)"."""
    text = f"{j.confidence.capitalize()} confidence"
    if j.likelihood:
        band = LIKELIHOOD.get(j.likelihood)
        text += f" · {j.likelihood}" + (f" ({band})" if band else "")
    return text


def ground_text(item: Development | Figure) -> str:
    """A development as "Sep 2021 · title", a figure as "label: value"."""
    if isinstance(item, Development):
        return f"{display_span(item.date, item.end)} · {item.title}"
    return f"{item.label}: {format_figure_value(item)}"


class JudgementsSummary(QWidget):
    """The bottom line, then the numbered judgements with their grounds as links."""

    def __init__(
        self,
        dossier: Dossier,
        requests: BriefingRequests,
        development_activated: Callable[[str], object],
        figure_activated: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("judgementsSummary")
        self.requests = requests
        self._development_activated = development_activated
        self._figure_activated = figure_activated
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        if dossier.bottom_line:
            bottom = plain_label(reflow(dossier.bottom_line), wrap=True, selectable=True)
            font = QFont(bottom.font())
            font.setPointSizeF(font.pointSizeF() * 1.1)
            bottom.setFont(font)
        else:
            bottom = muted(plain_label("No bottom line yet: what must a reader take away?"))
        bottom.setObjectName("bottomLine")
        layout.addWidget(bottom)

        if dossier.judgements:
            grid = QGridLayout()
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(10)
            for row, judgement in enumerate(dossier.judgements):
                self._add_judgement(grid, row, dossier, judgement)
            grid.setColumnStretch(1, 1)
            layout.addLayout(grid)
        else:
            layout.addWidget(
                muted(
                    plain_label(
                        "No key judgements yet: what you conclude, how sure you are, "
                        "and what it rests on.",
                        wrap=True,
                    )
                )
            )

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        wording = "Edit Bottom Line…" if dossier.bottom_line else "Write Bottom Line…"
        self.bottom_line_button = QPushButton(wording)
        self.bottom_line_button.setObjectName("editBottomLine")
        self.bottom_line_button.clicked.connect(lambda _c=False: requests.editBottomLine.emit())
        self.add_button = QPushButton("Add Judgement…")
        self.add_button.setObjectName("addJudgement")
        self.add_button.clicked.connect(lambda _c=False: requests.addJudgement.emit())
        buttons.addWidget(self.bottom_line_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _add_judgement(
        self, grid: QGridLayout, row: int, dossier: Dossier, judgement: Judgement
    ) -> None:
        number = plain_label(f"{row + 1}.")
        bold = QFont(number.font())
        bold.setBold(True)
        number.setFont(bold)
        grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)

        column = QVBoxLayout()
        column.setSpacing(3)
        text = plain_label(judgement.text, wrap=True, selectable=True)
        text.setObjectName(f"judgement:{judgement.id}")
        text.setFont(bold)
        column.addWidget(text)
        grade = muted(plain_label(assessment(judgement), wrap=True))
        grade.setObjectName(f"assessment:{judgement.id}")
        column.addWidget(grade)
        grounds = dossier.grounds(judgement)
        missing = [g for g in judgement.based_on if g not in {x.id for x in grounds}]
        if not judgement.based_on:
            column.addWidget(muted(plain_label("Rests on nothing yet.")))
        for item in grounds:
            link = LinkLabel(f"· {ground_text(item)}")
            link.setObjectName(f"ground:{judgement.id}:{item.id}")
            if isinstance(item, Development):
                set_tooltip(link, reflow(item.summary) if item.summary else item.title)
                link.clicked.connect(partial(self._development_activated, item.id))
            else:
                set_tooltip(link, f"Key figure {item.label}")
                link.clicked.connect(partial(self._figure_activated, item.id))
            column.addWidget(link)
        for ident in missing:
            column.addWidget(muted(plain_label(f"· (no development or figure {ident!r})")))
        grid.addLayout(column, row, 1)

        tools = QHBoxLayout()
        tools.setSpacing(0)
        for icon, tip, signal, name in (
            ("edit", "Edit this judgement", self.requests.editJudgement, "edit"),
            ("delete", "Delete this judgement", self.requests.deleteJudgement, "delete"),
        ):
            button = QToolButton()
            button.setAutoRaise(True)
            button.setIcon(named_icon(icon))
            button.setToolTip(tip)
            button.setObjectName(f"{name}Judgement:{judgement.id}")
            button.clicked.connect(lambda _c=False, s=signal, i=judgement.id: s.emit(i))
            tools.addWidget(button)
        grid.addLayout(tools, row, 2, Qt.AlignmentFlag.AlignTop)
