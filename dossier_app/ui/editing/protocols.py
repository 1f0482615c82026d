"""What the editing code uses of the main window and of a dossier view: protocols, so that
ui/editing never imports ui/window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QStatusBar, QToolBar, QWidget

if TYPE_CHECKING:
    from ..document import DossierDocument


class EditableView(Protocol):
    """What the controller uses of a ``DossierView``."""

    document: DossierDocument
    tabs: Any
    tabBuilt: Any
    overview_tab: QWidget
    timeline_tab: Any
    figures_tab: Any
    sources_tab: Any

    def built_tabs(self) -> list[QWidget]: ...

    def current_tab_name(self) -> str: ...

    def select_development(self, dev_id: str) -> bool: ...

    def select_source(self, source_id: str) -> bool: ...

    def select_figure(self, figure_id: str) -> bool: ...


class EditableWindow(Protocol):
    """What the controller uses of the ``MainWindow``."""

    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    toolbar: QToolBar
    close_action: QAction
    library: Any  # LibraryPanel: ``folder`` and ``refresh()``
    currentDocumentChanged: Any
    visibilityChanged: Any  # Signal(bool): shown (True) or hidden
    close_guard: Callable[[DossierDocument], bool]
    conflict_handler: Callable[[DossierDocument], None] | None

    def documents(self) -> list[DossierDocument]: ...

    def current_document(self) -> DossierDocument | None: ...

    def current_view(self) -> Any: ...

    def open_path(self, path: Path) -> Any: ...

    def open_document(self, doc: DossierDocument) -> Any: ...

    def statusBar(self) -> QStatusBar: ...

    def status(self, text: str) -> None: ...

    def addAction(self, action: QAction) -> None: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...
