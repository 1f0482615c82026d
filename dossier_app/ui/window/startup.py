"""Start-up: the window paints first, and what only a dossier needs comes after.

``call_when_shown(fn)`` runs ``fn`` once the window has first been painted;
``import_when_idle(modules)`` imports modules in the event-loop turns after
that, one per turn, while the user looks at the window.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from ..library.panel import LibraryPanel

#: What opening a dossier needs, imported in idle time once the window is on screen.
VIEW_MODULES = (
    "dossier_app.ui.models.search",
    "dossier_app.ui.document",
    "dossier_app.ui.dossier.view",
    "dossier_app.ui.dossier.timeline_tab",
    "dossier_app.ui.dossier.overview_tab",
    "dossier_app.fileio.cache",
)


class AfterPaint(QObject):
    """Calls ``then`` once, right after the widget's next paint."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After the paint pass this paint is part of; never once the widget is gone.
            QTimer.singleShot(0, watched, self._then)
            self.deleteLater()
        return False


def collect_after_paint(widget: QWidget) -> None:
    """Turn the cyclic garbage collector back on once ``widget`` is on screen.

    Opening a big dossier makes tens of thousands of objects, which the
    collector would otherwise rescan before the first paint.
    """
    AfterPaint(widget, gc.enable)
    QTimer.singleShot(1000, gc.enable)  # should the widget never be painted



class StartUpMixin(QMainWindow):
    """The main window's start-up: first paint, then the deferred work."""

    library: LibraryPanel

    def _init_start_up(self) -> None:
        self._shown = False
        self._when_shown: list[Callable[[], object]] = []
        self._idle_imports: list[str] = list(VIEW_MODULES)
        # The first paint is noticed in paintEvent, not by an event filter: a filter
        # would run Python for each of the events that building the window sends.
        QTimer.singleShot(1000, self, self._painted)  # should the window never be painted

    def call_when_shown(self, fn: Callable[[], object]) -> None:
        """Call ``fn`` once the window is first on screen (soon, if it already is)."""
        if self._shown:
            QTimer.singleShot(0, self, fn)
        else:
            self._when_shown.append(fn)

    def import_when_idle(self, modules: Iterable[str]) -> None:
        """Import these modules once the window is on screen, one per event-loop turn."""
        pending = bool(self._idle_imports)
        self._idle_imports.extend(modules)
        if self._shown and not pending:
            QTimer.singleShot(0, self, self._import_next)

    def _painted(self) -> None:
        if self._shown:
            return
        self._shown = True
        for fn in self._when_shown:
            fn()
        self._when_shown.clear()
        self.library.model.hold_reading(False)
        QTimer.singleShot(0, self, self._import_next)

    def _import_next(self) -> None:
        # One module per event-loop turn (a few ms each) while the user looks at the
        # window: the first dossier then opens without waiting for any of them.
        if self._idle_imports:
            importlib.import_module(self._idle_imports.pop(0))
            QTimer.singleShot(0, self, self._import_next)
        else:
            # The first widget made by Qt that Python is handed (a scroll area's viewport)
            # has PySide create every widget class not made yet (~10 ms), and a table's
            # selection model is first handed over by the first dossier: now, not on open.
            self.library.view.viewport()
            self.library.view.selectionModel()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._shown:
            # After the paint pass this paint starts (the window paints before its children).
            QTimer.singleShot(0, self, self._painted)
