"""Table columns that fit a narrow window: one column takes the width left over.

The others keep their widths while there is room; when the table gets so
narrow that the stretching column (a title, a company name) would drop below
its share, they give way first, each down to its floor (what its cells need to stay
useful: a date, a count). A width the user drags a column to becomes that
column's width.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

#: The part of the table the stretching column keeps before the others give way.
STRETCH_SHARE = 0.45
#: The narrowest a column gets when no floor is given for it.
DEFAULT_FLOOR = 40


class FittedColumns(QObject):
    """Keeps a table's columns at ``widths``, ``None`` marking the column that stretches."""

    def __init__(
        self,
        view: QTableView,
        widths: Sequence[int | None],
        floors: Sequence[int | None] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.widths = list(widths)
        self.floors = list(floors) if floors is not None else [None] * len(self.widths)
        self.stretch = next((i for i, w in enumerate(self.widths) if w is None), None)
        self._fitting = False
        # Qt sizes the stretching column when it lays the header out, which may come
        # after the viewport's resize: a change there is checked once the events settle.
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)
        self._check.timeout.connect(self.fit)
        header = view.horizontalHeader()
        for col, width in enumerate(self.widths):
            if width is None:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(col, width)
        header.sectionResized.connect(self._resized_by_user)
        view.viewport().installEventFilter(self)

    def floor(self, col: int) -> int:
        """The narrowest a column gets."""
        floor = self.floors[col] if col < len(self.floors) else None
        # The header never makes a section narrower than its minimum section size.
        least = self.view.horizontalHeader().minimumSectionSize()
        return max(DEFAULT_FLOOR if floor is None else floor, least)

    def fit(self) -> None:
        """Give the columns their widths for the table's width now."""
        if self.stretch is None:
            return
        available = self.view.viewport().width()
        fixed = [(c, w) for c, w in enumerate(self.widths) if w is not None]
        wanted = sum(w for _c, w in fixed)
        keep = int(available * STRETCH_SHARE)
        widths = {c: w for c, w in fixed}
        if available - wanted < keep and wanted:
            floors = {c: min(w, self.floor(c)) for c, w in fixed}
            least = sum(floors.values())
            room = max(available - keep, least)
            # Each column gives way in proportion to what it has above its floor.
            t = (room - least) / (wanted - least) if wanted > least else 0.0
            widths = {c: round(floors[c] + (w - floors[c]) * t) for c, w in fixed}
        header = self.view.horizontalHeader()
        self._fitting = True
        try:
            for col, width in widths.items():
                if header.sectionSize(col) != width:
                    header.resizeSection(col, width)
        finally:
            self._fitting = False

    def _resized_by_user(self, col: int, _old: int, new: int) -> None:
        if self._fitting or not 0 <= col < len(self.widths):
            return
        if col == self.stretch:
            self._check.start()
            return
        if self.view.viewport().width() > 0 and self.view.isVisible():
            self.widths[col] = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
