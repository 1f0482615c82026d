"""The main window: the library on the left, open dossiers in tabs, menus and status bar.

Extension points (kept stable; the editor and the PDF export build on them):

- Menus and bars: ``file_menu``, ``edit_menu``, ``view_menu``, ``help_menu`` (QMenu),
  ``toolbar`` (QToolBar). Actions to place things around: ``open_action``,
  ``open_folder_action``, ``recent_menu``, ``close_action``, ``quit_action``,
  ``find_action`` (Edit ▸ Find, Ctrl+F; the Edit menu is otherwise free: put
  Undo/Redo above it with ``edit_menu.insertAction(find_action, ...)``).
- Documents: ``documents() -> list[DossierDocument]``, ``current_document()``,
  ``current_view() -> DossierView | None``, signal ``currentDocumentChanged(object)``
  (the new current document or None), ``view_for(document)``; signal
  ``visibilityChanged(bool)`` when the window is shown (True) or hidden.
- Opening: ``open_path(path) -> DossierDocument | None`` (a folder becomes the
  library), ``open_document(document) -> DossierView`` for a document built in
  memory (New Dossier), ``close_document(document) -> bool``.
- ``library`` (LibraryPanel) with ``refresh()`` and ``set_folder(path)``.
- ``close_guard: Callable[[DossierDocument], bool]``: asked before a document
  closes, and for every document before the window closes; False cancels.
  Default: always True. The editor replaces it with Save / Discard / Cancel.
- ``conflict_handler: Callable[[DossierDocument], None] | None``: called when a
  document's file changes on disk while it has unsaved edits. Default None:
  a status message and a note above the tabs, nothing is reloaded.
  (An unmodified document is reloaded here; a broken new version is reported
  and the last good content stays on screen.)
- ``show_problem(title, text, details)``: a non-blocking, plain-text message box;
  ``status(text)``: a status-bar message.
- Start-up: ``call_when_shown(fn)`` runs ``fn`` once the window has first been
  painted; ``import_when_idle(modules)`` imports modules in the event-loop turns
  after that (the window shows before whatever only a dossier needs).
"""

from __future__ import annotations

import gc
import importlib
import os
import stat
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ..export.action import install_export_action
from ..library.panel import (
    DOSSIER_SUFFIXES,
    LibraryPanel,
    Reader,
    first_error_text,
    problems_text,
    safe_resolve,
)
from ..settings import Settings
from ..widgets.icons import RESOURCES, app_icon, named_icon
from ..widgets.text import escape_mnemonic, message_box, muted, plain_label, tooltip

if TYPE_CHECKING:  # imported when the first dossier opens (or while the window is idle)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import (
        QCloseEvent,
        QDragEnterEvent,
        QDropEvent,
        QHideEvent,
        QPaintEvent,
        QShowEvent,
    )
    from PySide6.QtWidgets import QMessageBox

    from ...fileio.problems import LoadResult
    from ..document import DossierDocument
    from ..dossier.sources_tab import UrlOpener
    from ..dossier.view import DossierView

APP_NAME = "Dossier"
#: The bundled library: ``dossiers/`` next to the package.
DEFAULT_LIBRARY = RESOURCES.parent / "dossiers"
STATUS_MS = 6000
#: What opening a dossier needs, imported in idle time once the window is on screen.
VIEW_MODULES = (
    "dossier_app.ui.models.search",
    "dossier_app.ui.document",
    "dossier_app.ui.dossier.view",
    "dossier_app.ui.dossier.timeline_tab",
    "dossier_app.ui.dossier.overview_tab",
    "dossier_app.fileio.cache",
)


def read_for_gui(path: Path) -> LoadResult:
    """Read a dossier through the parse cache (reopening an unchanged file skips parsing).

    Anything but a regular file goes to the loader, which says what it is
    without opening it (opening a named pipe would wait forever).
    """
    from ...fileio.cache import read_dossier_cached

    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        regular = False
    if regular:
        return read_dossier_cached(path)  # a hit imports neither YAML nor the schema
    from ...fileio.loader import read_dossier

    return read_dossier(path)


def _view_class() -> type[DossierView]:
    from ..dossier.view import DossierView

    return DossierView


class _AfterPaint(QObject):
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


def _collect_after_paint(widget: QWidget) -> None:
    """Turn the cyclic garbage collector back on once ``widget`` is on screen.

    Opening a big dossier makes tens of thousands of objects, which the
    collector would otherwise rescan before the first paint.
    """
    _AfterPaint(widget, gc.enable)
    QTimer.singleShot(1000, gc.enable)  # should the widget never be painted


def _allow_all(_document: DossierDocument) -> bool:
    return True


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class MainWindow(QMainWindow):
    """Library plus tabs of open dossiers."""

    currentDocumentChanged = Signal(object)
    #: True when the window is shown, False when it is hidden (closed, minimised away).
    visibilityChanged = Signal(bool)

    def __init__(
        self,
        library_folder: Path | None = None,
        *,
        reader: Reader | None = None,
        open_url: UrlOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.settings = Settings()
        self._reader: Reader = reader or read_for_gui
        self._open_url: UrlOpener = open_url or QDesktopServices.openUrl
        self.close_guard: Callable[[DossierDocument], bool] = _allow_all
        self.conflict_handler: Callable[[DossierDocument], None] | None = None
        # The bytes of a broken new version already reported, per document.
        self._reported_broken: dict[int, str | None] = {}

        # -- library ------------------------------------------------------------
        self.library = LibraryPanel(self._reader, self)
        self.library.openRequested.connect(self.open_path)
        self.library.chooseFolderRequested.connect(self.choose_folder)
        self.library.model.loaded.connect(self._library_loaded)
        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library)
        self.library_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.library_dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.resizeDocks([self.library_dock], [330], Qt.Orientation.Horizontal)

        # -- centre: a welcome page until a dossier is open ----------------------
        self.dossier_tabs = QTabWidget(self)
        self.dossier_tabs.setObjectName("dossierTabsOuter")
        self.dossier_tabs.setTabsClosable(True)
        self.dossier_tabs.setMovable(True)
        self.dossier_tabs.setDocumentMode(True)
        self.dossier_tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.dossier_tabs.tabCloseRequested.connect(self._close_tab)
        self.dossier_tabs.currentChanged.connect(self._current_changed)
        self.welcome = self._make_welcome()
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.welcome)
        self.centre.addWidget(self.dossier_tabs)
        self.setCentralWidget(self.centre)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        install_export_action(self)  # File ▸ Export PDF… (Ctrl+E)
        self.statusBar().setObjectName("statusBar")

        # -- remembered state ---------------------------------------------------
        self.resize(1280, 800)
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        # The library lists its files now and reads them once the window is on screen;
        # what opening a dossier needs is imported then too, while the user looks.
        self.library.model.hold_reading(True)
        folder = library_folder or self.settings.library_folder() or DEFAULT_LIBRARY
        self.set_library_folder(folder, remember=library_folder is not None)
        self._update_actions()
        self._shown = False
        self._when_shown: list[Callable[[], object]] = []
        self._idle_imports: list[str] = list(VIEW_MODULES)
        # The first paint is noticed in paintEvent, not by an event filter: a filter
        # would run Python for each of the events that building the window sends.
        QTimer.singleShot(1000, self, self._painted)  # should the window never be painted

    # -- start-up ---------------------------------------------------------------------
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

    # -- building -------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[str] | None = None,
        tip: str = "",
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon_name is not None:
            action.setIcon(named_icon(icon_name))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    def _make_actions(self) -> None:
        self.open_action = self._action(
            "&Open…", self.choose_files, ["Ctrl+O"], "Open dossier files", "document-open"
        )
        self.open_folder_action = self._action(
            "Open &Folder…",
            self.choose_folder,
            ["Ctrl+Shift+O"],
            "Open a folder of dossiers as the library",
            "folder",
        )
        self.close_action = self._action(
            "&Close", self.close_current, ["Ctrl+W"], "Close the current dossier"
        )
        self.quit_action = self._action("&Quit", self.close, ["Ctrl+Q"], "Quit Dossier")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action(
            "&Find…", self.focus_filter, ["Ctrl+F"], "Filter the current list"
        )
        self.next_action = self._action(
            "&Next Dossier",
            lambda: self._cycle(1),
            ["Ctrl+Tab", "Ctrl+PgDown"],
            "Show the next open dossier",
        )
        self.prev_action = self._action(
            "&Previous Dossier",
            lambda: self._cycle(-1),
            ["Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"],
            "Show the previous open dossier",
        )
        self.tab_actions: list[QAction] = []
        for i, name in enumerate(("&Overview", "&Timeline", "&Key Figures", "&Sources")):
            self.tab_actions.append(
                self._action(name, partial(self._show_tab, i), [f"Ctrl+{i + 1}"])
            )
        self.refresh_library_action = self._action(
            "&Refresh Library", self.library.refresh, ["F5"], "Look at the library folder again"
        )
        self.about_action = self._action("&About Dossier", self.about, tip="About this app")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.library_action = self.library_dock.toggleViewAction()
        self.library_action.setText("Show &Library")
        self.library_action.setShortcut(QKeySequence("F9"))
        self.library_action.setStatusTip("Show or hide the library panel")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.open_folder_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addMenu(self.recent_menu)
        self._fill_recent()
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.find_action)

        self.view_menu = bar.addMenu("&View")
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.library_action)
        self.view_menu.addAction(self.refresh_library_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.next_action)
        self.view_menu.addAction(self.prev_action)
        self.view_menu.addSeparator()
        for action in self.tab_actions:
            self.view_menu.addAction(action)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.open_folder_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _make_welcome(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("welcomePage")
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        icon = QLabel(page)
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(icon)
        title = plain_label("No dossier open", page)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        hint = plain_label(
            "Double-click a company in the library, open a file, or drop .yaml files here.",
            page,
            wrap=True,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        muted(hint)
        layout.addWidget(hint)
        buttons = QWidget(page)
        row = QVBoxLayout(buttons)
        row.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for text, slot in (("Open…", self.choose_files), ("Open Folder…", self.choose_folder)):
            button = QPushButton(text, buttons)
            button.setMinimumWidth(180)
            button.clicked.connect(slot)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(buttons)
        layout.addStretch(3)
        return page

    # -- documents -------------------------------------------------------------------
    def views(self) -> list[DossierView]:
        tabs = self.dossier_tabs
        if tabs.count() == 0:
            return []
        cls = _view_class()
        return [w for i in range(tabs.count()) if isinstance(w := tabs.widget(i), cls)]

    def documents(self) -> list[DossierDocument]:
        return [v.document for v in self.views()]

    def current_view(self) -> DossierView | None:
        widget = self.dossier_tabs.currentWidget()
        if widget is None:
            return None
        return widget if isinstance(widget, _view_class()) else None

    def current_document(self) -> DossierDocument | None:
        view = self.current_view()
        return view.document if view is not None else None

    def view_for(self, document: DossierDocument) -> DossierView | None:
        return next((v for v in self.views() if v.document is document), None)

    def document_for_path(self, path: Path) -> DossierDocument | None:
        path = safe_resolve(path)
        return next((d for d in self.documents() if d.path == path), None)

    # -- opening ----------------------------------------------------------------------
    def open_path(self, path: Path | str) -> DossierDocument | None:
        """Open a dossier file (or show it if already open); a folder becomes the library."""
        path = Path(path).expanduser()
        if _is_folder(path):
            self.set_library_folder(path)
            return None
        path = safe_resolve(path)
        existing = self.document_for_path(path)
        if existing is not None:
            shown = self.view_for(existing)
            if shown is not None:
                self.dossier_tabs.setCurrentWidget(shown)
            return existing
        from ..document import DossierDocument

        collecting = gc.isenabled()
        gc.disable()  # until the dossier is painted
        view: DossierView | None = None
        try:
            result = self._reader(path)
            if result.dossier is None or result.errors:
                self._report_unopenable(path, result)
                return None
            document = DossierDocument(result.dossier, path, result.content_hash)
            document.load_warnings = result.warnings
            view = self.open_document(document)
        finally:
            if collecting:
                if view is not None:
                    _collect_after_paint(view)
                else:
                    gc.enable()
        self.settings.add_recent_file(path)
        n = len(result.dossier.timeline)
        warnings = len(result.warnings)
        text = f"Opened {path.name}: {n} development{'s' if n != 1 else ''}"
        if warnings:
            text += f", {warnings} warning{'s' if warnings != 1 else ''} (see Overview)"
        self.status(text)
        return document

    def open_document(self, document: DossierDocument) -> DossierView:
        """Show a document (loaded or built in memory) in a new tab and make it current."""
        existing = self.view_for(document)
        if existing is not None:
            self.dossier_tabs.setCurrentWidget(existing)
            return existing
        view = _view_class()(document, self.dossier_tabs, open_url=self._open_url)
        if document.parent() is None:
            document.setParent(view)  # goes with its tab
        index = self.dossier_tabs.addTab(view, "")
        self._update_tab(view)
        document.titleChanged.connect(lambda: self._update_tab(view))
        document.fileChangedOnDisk.connect(lambda: self._file_changed(document))
        document.fileRemovedOnDisk.connect(lambda: self._file_removed(document))
        self.centre.setCurrentWidget(self.dossier_tabs)
        self.dossier_tabs.setCurrentIndex(index)
        self._update_actions()
        return view

    def close_document(self, document: DossierDocument) -> bool:
        """Close a document's tab if the close guard agrees. True when it closed."""
        view = self.view_for(document)
        if view is None:
            return True
        if not self.close_guard(document):
            return False
        index = self.dossier_tabs.indexOf(view)
        self.dossier_tabs.removeTab(index)
        document.close()
        self._reported_broken.pop(id(document), None)
        view.deleteLater()
        if self.dossier_tabs.count() == 0:
            self.centre.setCurrentWidget(self.welcome)
            self._current_changed(-1)
        self._update_actions()
        return True

    def close_current(self) -> None:
        document = self.current_document()
        if document is not None:
            self.close_document(document)

    def _close_tab(self, index: int) -> None:
        view = self.dossier_tabs.widget(index)
        if isinstance(view, _view_class()):
            self.close_document(view.document)

    def _report_unopenable(self, path: Path, result: LoadResult) -> None:
        problems = result.errors or result.problems
        first = first_error_text(problems)
        self.status(f"Cannot open {path.name}: {first}")
        n = len(result.errors)
        more = f"\n\n{n - 1} more error{'s' if n - 1 != 1 else ''}: see Details." if n > 1 else ""
        self.show_problem(
            f"Cannot open {path.name}",
            f"{path.name} cannot be opened because it has errors.\n\n{first}{more}",
            f"{path}\n\n{problems_text(problems)}",
        )

    # -- the file on disk --------------------------------------------------------------
    def _file_changed(self, document: DossierDocument) -> None:
        view = self.view_for(document)
        name = document.path.name if document.path else document.display_name
        if document.is_modified:
            if self.conflict_handler is not None:
                self.conflict_handler(document)
                return
            text = f"{name} changed on disk; you have unsaved changes here, so it was not reloaded."
            self.status(text)
            if view is not None:
                view.show_message(text, "warning")
            return
        self.reload(document)

    def reload(self, document: DossierDocument) -> bool:
        """Read the document's file again and show it; keep the old content if it is broken."""
        if document.path is None:
            return False
        view = self.view_for(document)
        name = document.path.name
        result = self._reader(document.path)
        if result.dossier is None or result.errors:
            # Say it once per broken version, not on every event in the folder.
            if self._reported_broken.get(id(document)) == result.content_hash:
                return False
            self._reported_broken[id(document)] = result.content_hash
            first = first_error_text(result.errors or result.problems)
            text = (
                f"{name} changed on disk and now has errors, so the last good version "
                f"stays on screen. {first}"
            )
            self.status(f"{name} changed on disk and has errors: {first}")
            if view is not None:
                view.show_message(text, "error", problems_text(result.problems))
            return False
        self._reported_broken.pop(id(document), None)
        document.replace_dossier(result.dossier, result.content_hash, result.warnings)
        if view is not None:
            view.hide_message()
        self.status(f"Reloaded {name}: it changed on disk.")
        return True

    def _file_removed(self, document: DossierDocument) -> None:
        name = document.path.name if document.path else document.display_name
        text = f"{name} was removed or renamed on disk. It stays open here."
        self.status(text)
        view = self.view_for(document)
        if view is not None:
            view.show_message(text, "warning")

    # -- library ------------------------------------------------------------------------
    def set_library_folder(self, folder: Path, remember: bool = True) -> None:
        folder = safe_resolve(folder.expanduser())
        self.library.set_folder(folder)
        if remember:
            self.settings.set_library_folder(folder)
        if not folder.is_dir():
            self.status(f"Library folder not found: {folder}")

    def _library_loaded(self) -> None:
        folder = self.library.folder
        if folder is not None:
            self.status(f"Library {folder.name}: {self.library.summary_text()}")

    # -- dialogs --------------------------------------------------------------------------
    def _start_folder(self) -> str:
        document = self.current_document()
        if document is not None and document.path is not None:
            return str(document.path.parent)
        return str(self.library.folder or Path.home())

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # the window shows before any dialog

        paths, _selected = QFileDialog.getOpenFileNames(
            self,
            "Open Dossier",
            self._start_folder(),
            "Dossiers (*.yaml *.yml);;All files (*)",
        )
        for p in paths:
            self.open_path(Path(p))

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, "Open Library Folder", str(self.library.folder or Path.home())
        )
        if folder:
            self.set_library_folder(Path(folder))

    def show_problem(self, title: str, text: str, details: str | None = None) -> QMessageBox:
        """A plain-text warning that does not block (window-modal, opened with ``open``)."""
        from PySide6.QtWidgets import QMessageBox

        return message_box(self, QMessageBox.Icon.Warning, title, text, details)

    def about(self) -> QMessageBox:
        text = (
            f"{APP_NAME} {__version__}\n\n"
            "Company dossiers for analysts: browse, compare and export plain-YAML "
            "dossiers, offline.\n\n"
            "Text from dossiers is always shown as plain text; only http and https "
            "links are ever opened, and only when you click them."
        )
        from PySide6.QtWidgets import QMessageBox

        box = message_box(self, QMessageBox.Icon.Information, f"About {APP_NAME}", text)
        box.setIconPixmap(app_icon().pixmap(64, 64))
        return box

    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    # -- recent files ------------------------------------------------------------------
    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_files()
        if not recent:
            empty = menu.addAction("No recent files")
            empty.setEnabled(False)
            return
        for i, path in enumerate(recent):
            name = escape_mnemonic(path.name)
            label = f"&{i + 1} {name}" if i < 9 else name
            action = menu.addAction(label)
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        menu.addSeparator()
        clear = menu.addAction("Clear Menu")
        clear.triggered.connect(self.settings.clear_recent_files)

    # -- navigation ---------------------------------------------------------------------
    def focus_filter(self) -> None:
        view = self.current_view()
        if view is not None:
            view.focus_filter()
        else:
            if not self.library_dock.isVisible():
                self.library_dock.show()
            self.library.focus_filter()

    def _cycle(self, step: int) -> None:
        count = self.dossier_tabs.count()
        if count > 1:
            self.dossier_tabs.setCurrentIndex((self.dossier_tabs.currentIndex() + step) % count)

    def _show_tab(self, index: int) -> None:
        view = self.current_view()
        if view is not None and 0 <= index < view.tabs.count():
            view.tabs.setCurrentIndex(index)

    def _update_tab(self, view: DossierView) -> None:
        index = self.dossier_tabs.indexOf(view)
        if index < 0:
            return
        document = view.document
        self.dossier_tabs.setTabText(index, escape_mnemonic(document.title()))
        path = str(document.path) if document.path else "Not saved yet"
        self.dossier_tabs.setTabToolTip(index, tooltip(f"{document.dossier.company.name}\n{path}"))
        if view is self.current_view():
            self._update_title()

    def _update_title(self) -> None:
        document = self.current_document()
        if document is None:
            self.setWindowTitle(APP_NAME)
        else:
            # "[*]" in a title is Qt's modified-marker placeholder; doubled it shows as is.
            title = document.title().replace("[*]", "[*][*]")
            self.setWindowTitle(f"{title} — {APP_NAME}")

    def _current_changed(self, _index: int) -> None:
        self._update_title()
        self._update_actions()
        self.currentDocumentChanged.emit(self.current_document())

    def _update_actions(self) -> None:
        has_view = self.current_view() is not None
        self.close_action.setEnabled(has_view)
        many = self.dossier_tabs.count() > 1
        self.next_action.setEnabled(many)
        self.prev_action.setEnabled(many)
        for action in self.tab_actions:
            action.setEnabled(has_view)

    # -- drag and drop ------------------------------------------------------------------
    @staticmethod
    def _dropped_paths(urls: list[QUrl]) -> list[Path]:
        paths = []
        for url in urls:
            if not url.isLocalFile():
                continue
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() in DOSSIER_SUFFIXES:
                paths.append(path)
        return paths

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._shown:
            # After the paint pass this paint starts (the window paints before its children).
            QTimer.singleShot(0, self, self._painted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() and self._dropped_paths(mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event.mimeData().urls())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in paths:
            self.open_path(path)

    # -- closing ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for document in self.documents():
            view = self.view_for(document)
            if view is not None:
                self.dossier_tabs.setCurrentWidget(view)  # show what is being asked about
            if not self.close_guard(document):
                event.ignore()
                return
        self.settings.set_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        for document in self.documents():
            document.close()
        event.accept()
