"""What the export needs from the window it runs in: a narrow protocol, not the window.

The export action and dialog sit below the window (the window installs them),
so they know it only through these few members.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QWidget

    from ...domain.model import Development
    from ..document import DossierDocument


class FilteredTimeline(Protocol):
    def visible_developments(self) -> Sequence[Development]: ...


class ExportView(Protocol):
    """The open dossier's view: its document and what its timeline filters show."""

    document: DossierDocument

    @property
    def timeline_tab(self) -> FilteredTimeline: ...

    def show_message(
        self,
        text: str,
        kind: str = "info",
        details: str | None = None,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None: ...


class ExportHost(Protocol):
    """The main window, as the export sees it."""

    file_menu: QMenu
    close_action: QAction
    #: Signal(object): the current document changed (None when none is open).
    currentDocumentChanged: Any

    def addAction(self, action: QAction) -> None: ...

    def window(self) -> QWidget: ...

    def current_document(self) -> DossierDocument | None: ...

    def current_view(self) -> ExportView | None: ...

    def status(self, text: str) -> None: ...

    def open_local(self, path: Path) -> bool:
        """Open a file (or folder) with the desktop's application for it."""
        ...
