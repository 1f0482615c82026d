"""The main window: the library on the left, open dossiers in tabs, menus and status bar.

The window is put together from mixins, one concern each: ``StartUpMixin``
(first paint, then deferred work: ``call_when_shown``, ``import_when_idle``),
``MenusMixin`` (actions, menus, toolbar: ``file_menu``, ``edit_menu``, ``view_menu``,
``help_menu``, ``toolbar``, ``close_action``, ``find_action`` …) and
``DocumentsMixin`` (the open dossiers: ``documents()``, ``current_document()``,
``current_view()``, ``view_for()``, ``open_path()``, ``open_document()``,
``close_document()``, ``reload()``, signal ``currentDocumentChanged(object)``).

Extension points (kept stable; the editor and the exports build on them):

- ``library`` (LibraryPanel) with ``refresh()`` and ``set_folder(path)``.
- ``close_guard: Callable[[DossierDocument], bool]``: asked before a document
  closes, and for every document before the window closes; False cancels.
  Default: always True. The editor replaces it with Save / Discard / Cancel.
- ``conflict_handler: Callable[[DossierDocument], None] | None``: called when a
  document's file changes on disk while it has unsaved edits. Default None:
  a status message and a note above the tabs, nothing is reloaded.
- ``show_problem(title, text, details)``: a non-blocking, plain-text message box;
  ``status(text, routine=False)``: a status-bar message that stays readable (see
  ``status.py``); signal ``visibilityChanged(bool)``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDockWidget, QStackedWidget, QTabWidget, QWidget

from ... import __version__
from ..export.action import install_export_action
from ..library.panel import LibraryPanel
from ..reading import DOSSIER_SUFFIXES, Reader, read_for_gui, safe_resolve
from ..settings import Settings
from ..widgets.icons import app_icon
from ..widgets.text import message_box
from .documents import APP_NAME
from .menus import MenusMixin
from .startup import StartUpMixin
from .status import StatusMessages
from .welcome import make_welcome

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QHideEvent, QShowEvent
    from PySide6.QtWidgets import QMessageBox

    from ..document import DossierDocument
    from ..dossier.sources_tab import UrlOpener

#: The bundled library: ``dossiers/`` beside the package in a source checkout (an
#: installed app starts on the folder the user picks).
DEFAULT_LIBRARY = Path(__file__).resolve().parents[3] / "dossiers"


def _allow_all(_document: DossierDocument) -> bool:
    return True


class MainWindow(MenusMixin, StartUpMixin):
    """Library plus tabs of open dossiers."""

    #: True when the window is shown, False when it is hidden (closed, minimised away).
    visibilityChanged = Signal(bool)

    def __init__(
        self,
        library_folder: Path | None = None,
        *,
        reader: Reader | None = None,
        open_url: UrlOpener | None = None,
        parent: QWidget | None = None,
        remember_folder: bool = True,
    ) -> None:
        """``library_folder`` is remembered as the library unless ``remember_folder`` is
        False (a folder from the command line is for that run only)."""
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
        self.welcome = make_welcome(self, self.choose_files, self.choose_folder)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.welcome)
        self.centre.addWidget(self.dossier_tabs)
        self.setCentralWidget(self.centre)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        install_export_action(self)  # File ▸ Export Briefing… (Ctrl+E)
        self.statusBar().setObjectName("statusBar")
        self.messages = StatusMessages(self.statusBar())

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
        self.set_library_folder(folder, remember=remember_folder and library_folder is not None)
        self._update_actions()
        self._init_start_up()

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
            # Routine: a rescan after a save must not replace "Saved …".
            self.status(f"Library {folder.name}: {self.library.summary_text()}", routine=True)

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

    def open_local(self, path: Path) -> bool:
        """Open a file or folder the app wrote (an exported PDF) with the desktop's app."""
        return self._open_url(QUrl.fromLocalFile(str(path)))

    def status(self, text: str, *, routine: bool = False) -> None:
        """A status-bar message that stays long enough to read; a ``routine`` one
        (the library looked at again) never replaces one still being read."""
        self.messages.show(text, routine=routine)

    # -- events ---------------------------------------------------------------------------
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
