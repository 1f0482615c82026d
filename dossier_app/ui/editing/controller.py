"""Editing in the main window: actions, menus, toolbar, forms, undo and saving.

``install_edit_controller(window)`` adds everything to a ``MainWindow``: the
toolbar buttons (Add Development, Edit…, Delete, Add Source, Add Figure, Edit
Profile), Edit ▸ Undo/Redo over a ``QUndoGroup`` that follows the current
dossier, View ▸ Undo History, File ▸ New Dossier…/Save/Save As…/Revert, the
window's close guard and conflict handler, and the recovery copies.

Forms open window-modal with ``open()``; what they produce is pushed as undo
commands when they are accepted. The open form is ``controller.form`` so tests
can type into it.
"""


from __future__ import annotations

import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QWidget

from .actions import EditActionsMixin
from .item_forms import ItemFormsMixin

if TYPE_CHECKING:  # imported when first needed: the window shows before any of them
    from ...domain.model import Dossier
    from ..document import DossierDocument
    from .asker import Asker
    from .forms.fields import FormDialog
    from .protocols import EditableView, EditableWindow
    from .recovery import RecoveryStore, RecoveryWriter
    from .saving import Saver


#: What editing needs once a dossier is open, imported while the window is idle.
EDITING_MODULES = (
    "dossier_app.ui.editing.commands",
    "dossier_app.ui.editing.asker",
    "dossier_app.ui.editing.recovery",
    "dossier_app.ui.editing.saving",
)


#: How long after an open or a save the faithful-save base is built (the user reads first).
BASE_DELAY_MS = 1000


class EditController(ItemFormsMixin, EditActionsMixin):
    """Owns the editing actions of one main window and carries them out."""

    def __init__(
        self,
        window: Any,
        asker: Asker | None = None,
        recovery_folder: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.window: EditableWindow = window
        # The asker, the recovery copies and the saver are made when first used.
        self._asker = asker
        self._recovery_folder = recovery_folder
        self._store: RecoveryStore | None = None
        self._recovery: RecoveryWriter | None = None
        self._saver: Saver | None = None
        self._window_hidden = False
        self.undo_group = QUndoGroup(self)
        self.form: FormDialog | None = None
        self._hooked: weakref.WeakSet[Any] = weakref.WeakSet()  # views whose signals are hooked
        self._update_timer = QTimer(self)
        self._update_timer.setSingleShot(True)
        self._update_timer.setInterval(0)
        self._update_timer.timeout.connect(self.update_actions)
        # A moment after a dossier is opened or saved, its faithful-save base is built, so
        # that Save rewrites only the edit without parsing the file again.
        self._base_timer = QTimer(self)
        self._base_timer.setSingleShot(True)
        self._base_timer.setInterval(BASE_DELAY_MS)
        self._base_timer.timeout.connect(self._prepare_bases)

        self._make_actions()
        self._install()
        from .briefing_editing import BriefingEditor

        self.briefing = BriefingEditor(self)
        window.close_guard = self._close_guard
        window.conflict_handler = self._resolve_conflict
        window.currentDocumentChanged.connect(self._on_current_document)
        window.visibilityChanged.connect(self._window_visibility)
        self._on_current_document()
        from .importing import install_source_import

        install_source_import(self)  # File ▸ Import Source…, articles dropped on a dossier
        import_when_idle = getattr(window, "import_when_idle", None)
        if import_when_idle is not None:
            import_when_idle(EDITING_MODULES)

    @property
    def asker(self) -> Asker:
        if self._asker is None:
            from .asker import QtAsker

            self._asker = QtAsker(self.window)  # type: ignore[arg-type]
        return self._asker

    @property
    def store(self) -> RecoveryStore:
        if self._store is None:
            from .recovery import RecoveryStore

            self._store = RecoveryStore(self._recovery_folder)
        return self._store

    @property
    def recovery(self) -> RecoveryWriter:
        if self._recovery is None:
            from .recovery import RecoveryWriter

            self._recovery = RecoveryWriter(self.store, self._documents, parent=self)
            self._recovery.failed.connect(self._status)
            if self._window_hidden:
                self._recovery.timer.stop()
        return self._recovery

    @property
    def saver(self) -> Saver:
        if self._saver is None:
            from .saving import Saver

            self._saver = Saver(self.asker, self.recovery, self._library_folder)
        return self._saver

    def _close_guard(self, doc: DossierDocument) -> bool:
        return self.saver.close_guard(doc)

    def _resolve_conflict(self, doc: DossierDocument) -> None:
        self.saver.resolve_conflict(doc)

    def _window_visibility(self, visible: bool) -> None:
        # Copies are written only while the window is up: after a quit the user has
        # answered for every document, and nothing may bring a discarded edit back.
        self._window_hidden = not visible
        if self._recovery is not None:
            if visible:
                self._recovery.timer.start()
            else:
                self._recovery.timer.stop()

    # -- following the current dossier ---------------------------------------------------
    def _documents(self) -> Iterable[DossierDocument]:
        return self.window.documents()

    def _library_folder(self) -> Path:
        folder: Path | None = self.window.library.folder
        if folder is not None and folder.is_dir():
            return folder
        doc = self.window.current_document()
        if doc is not None and doc.path is not None:
            return doc.path.parent
        return Path.home()

    def _on_current_document(self, *_args: object) -> None:
        doc = self.window.current_document()
        for d in self.window.documents():
            if d.undo_stack not in self.undo_group.stacks():
                self.undo_group.addStack(d.undo_stack)
            self.recovery.track(d)
        # None (no dossier open) is valid in Qt; the stubs only allow a stack.
        self.undo_group.setActiveStack(doc.undo_stack if doc is not None else None)  # type: ignore[arg-type]
        view = self.window.current_view()
        if view is not None and view not in self._hooked:
            self._hook_view(view)
        self.update_actions()
        self._base_timer.start()

    def _prepare_bases(self) -> None:
        bases = self.saver.bases
        for d in self.window.documents():
            bases.want(d)
        if bases.build_next():  # one file per idle moment
            self._base_timer.start()

    def _hook_view(self, view: EditableView) -> None:
        self._hooked.add(view)
        view.tabs.addAction(self.edit_action)
        view.tabs.addAction(self.delete_action)
        # Bound methods, not lambdas: Qt drops these connections with the controller, and
        # updates run after the event (never from inside a view's or document's teardown).
        view.tabs.currentChanged.connect(self._schedule_update)
        # A view builds its tabs when first shown: each table is hooked as it appears.
        view.tabBuilt.connect(self._hook_tab)
        for tab in view.built_tabs():
            self._hook_tab(tab)
        view.document.undo_stack.cleanChanged.connect(self._schedule_update)
        from .undo_selection import UndoSelection

        # Undo and redo select what they restored; it goes with the view.
        UndoSelection(view, view.document.undo_stack, parent=view)  # type: ignore[arg-type]

    def _hook_tab(self, tab: QWidget) -> None:
        self.briefing.hook_tab(tab)
        table = getattr(tab, "table", None)  # the overview has none
        if table is not None:
            table.doubleClicked.connect(self._edit_from_table)
            table.currentItemChanged.connect(self._schedule_update)

    def _schedule_update(self, *_args: object) -> None:
        self._update_timer.start()

    def _edit_from_table(self, *_args: object) -> None:
        self.edit_selected()

    def _current(self) -> tuple[DossierDocument, EditableView] | None:
        doc = self.window.current_document()
        view = self.window.current_view()
        if doc is None or view is None:
            return None
        return doc, view

    def selected(self) -> tuple[str, Any] | None:
        """The kind ("timeline", "sources", "figures", "profile") and item the user points at."""
        current = self._current()
        if current is None:
            return None
        from ..dossier.view import FIGURES, SOURCES, TIMELINE  # loaded with the first view

        _doc, view = current
        name = view.current_tab_name()
        if name == TIMELINE:
            dev = view.timeline_tab.selected_development()
            return ("timeline", dev) if dev is not None else None
        if name == SOURCES:
            source = view.sources_tab.selected_source()
            return ("sources", source) if source is not None else None
        if name == FIGURES:
            figure = view.figures_tab.selected_figure()
            return ("figures", figure) if figure is not None else None
        return ("profile", None)

    def update_actions(self) -> None:
        current = self._current()
        has_doc = current is not None
        for action in (
            self.add_development_action,
            self.add_source_action,
            self.add_figure_action,
            self.edit_profile_action,
            self.save_action,
            self.save_as_action,
        ):
            action.setEnabled(has_doc)
        selected = self.selected() if has_doc else None
        self.edit_action.setEnabled(selected is not None)
        self.delete_action.setEnabled(selected is not None and selected[0] != "profile")
        doc = current[0] if current else None
        self.revert_action.setEnabled(doc is not None and doc.is_modified and doc.path is not None)

    def _status(self, text: str) -> None:
        self.window.status(text)  # stays long enough to read; routine news waits

    # -- files ------------------------------------------------------------------------
    def save(self) -> bool:
        doc = self.window.current_document()
        if doc is None:
            return False
        ok = self.saver.save(doc)
        if ok and doc.path is not None:
            from .saving import saved_text

            self._status(saved_text(doc.path.name, self.saver.last_dropped))
            self._base_timer.start()
        self.update_actions()
        return ok

    def save_as(self) -> bool:
        doc = self.window.current_document()
        if doc is None:
            return False
        ok = self.saver.save_as(doc)
        if ok and doc.path is not None:
            from .saving import saved_text

            self._status(saved_text(f"as {doc.path}", self.saver.last_dropped))
            self._base_timer.start()
            self._refresh_library()
        self.update_actions()
        return ok

    def revert(self) -> bool:
        doc = self.window.current_document()
        if doc is None:
            return False
        ok = self.saver.revert(doc)
        self.update_actions()
        return ok

    def new_dossier(self) -> Path | None:
        path = self.saver.create_dossier()
        if path is not None:
            self._refresh_library()
            self.window.open_path(path)
        return path

    def _refresh_library(self) -> None:
        self.window.library.refresh()

    # -- recovery ---------------------------------------------------------------------
    def offer_recovery(self) -> list[DossierDocument]:
        """Offer the unsaved edits a crashed session left (the app calls this at start)."""
        from .recovery import offer_restore

        return offer_restore(self.store, self.asker, self._open_for_restore)

    def _open_for_restore(self, path: Path | None, recovered: Dossier) -> DossierDocument | None:
        if path is not None and path.exists():
            doc = self._find(path)
            if doc is None:
                self.window.open_path(path)
                doc = self._find(path)
            if doc is not None:
                return doc
        # The original is gone or unreadable: a document holding the copy, saved via Save As
        # when the old path cannot be written.
        from ..document import DossierDocument
        from ..reading import read_for_gui

        result = read_for_gui(path) if path is not None and path.exists() else None
        base = result.dossier if result is not None and result.dossier is not None else recovered
        doc = DossierDocument(base, path, result.content_hash if result else None)
        doc.original = result.data if result is not None else None
        self.window.open_document(doc)
        return doc

    def _find(self, path: Path) -> DossierDocument | None:
        target = path.resolve()
        for doc in self.window.documents():
            if doc.path == target:
                return doc
        return None


def install_edit_controller(
    window: Any, asker: Asker | None = None, recovery_folder: Path | None = None
) -> EditController:
    """Add editing to a main window (as ``window.edit_controller``)."""
    controller = EditController(window, asker, recovery_folder)
    window.edit_controller = controller
    return controller


def offer_recovery_soon(window: Any) -> None:
    """At start, once the window is on screen: offer the edits a crashed session left."""
    controller = getattr(window, "edit_controller", None)
    if isinstance(controller, EditController):
        call_when_shown = getattr(window, "call_when_shown", None)
        if call_when_shown is not None:
            call_when_shown(controller.offer_recovery)
        else:
            QTimer.singleShot(0, controller.offer_recovery)
