"""The open dossiers: one tab each, opened, closed, reloaded when their file changes.

``documents()``, ``current_document()``, ``current_view()`` and ``view_for(document)``
tell what is open; ``open_path(path)`` opens a file (a folder becomes the library),
``open_document(document)`` shows a document built in memory, ``close_document``
asks the window's ``close_guard`` first. A document whose file changes on disk is
reloaded when it has no unsaved edits; otherwise ``conflict_handler`` decides (or a
note says it was not reloaded). A broken new version is reported once and the last
good content stays on screen.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabWidget, QWidget

from ..reading import Reader, first_error_text, problems_text, safe_resolve
from ..widgets.text import escape_mnemonic, tooltip
from .startup import collect_after_paint

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ...fileio.problems import LoadResult
    from ..document import DossierDocument
    from ..dossier.sources_tab import UrlOpener
    from ..dossier.view import DossierView
    from ..settings import Settings

APP_NAME = "Dossier"


def _view_class() -> type[DossierView]:
    from ..dossier.view import DossierView

    return DossierView


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class DocumentsMixin(QMainWindow):
    """The tabs of open dossiers and what happens to their files."""

    currentDocumentChanged = Signal(object)

    settings: Settings
    dossier_tabs: QTabWidget
    centre: QStackedWidget
    welcome: QWidget
    close_action: QAction
    next_action: QAction
    prev_action: QAction
    back_action: QAction
    forward_action: QAction
    tab_actions: list[QAction]
    close_guard: Callable[[DossierDocument], bool]
    conflict_handler: Callable[[DossierDocument], None] | None
    _reader: Reader
    _open_url: UrlOpener
    _reported_broken: dict[int, str | None]

    if TYPE_CHECKING:  # provided by the window (no stubs at run time: they would shadow)

        def set_library_folder(self, folder: Path, remember: bool = True) -> None: ...

        def status(self, text: str, *, routine: bool = False) -> None: ...

        def show_problem(self, title: str, text: str, details: str | None = None) -> object: ...

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
            document.original = result.data
            document.load_warnings = result.warnings
            view = self.open_document(document)
        finally:
            if collecting:
                if view is not None:
                    collect_after_paint(view)
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
        view.historyChanged.connect(self._update_actions)
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
        document.replace_dossier(
            result.dossier, result.content_hash, result.warnings, result.data
        )
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
        view = self.current_view()
        self.back_action.setEnabled(view is not None and view.can_go_back())
        self.forward_action.setEnabled(view is not None and view.can_go_forward())
