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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QMenu,
    QStatusBar,
    QToolBar,
    QWidget,
)

from ..widgets.icons import named_icon

if TYPE_CHECKING:  # imported when first needed: the window shows before any of them
    from PySide6.QtWidgets import QUndoView

    from ...domain.model import Dossier
    from ..document import DossierDocument
    from . import commands as cmd
    from .asker import Asker
    from .forms.citing import CitingForm
    from .forms.development_form import DevelopmentForm
    from .forms.fields import FormDialog
    from .forms.figure_form import FigureForm
    from .forms.profile_form import ProfileForm
    from .forms.source_form import SourceForm
    from .recovery import RecoveryStore, RecoveryWriter
    from .saving import Saver

#: What editing needs once a dossier is open, imported while the window is idle.
EDITING_MODULES = (
    "dossier_app.ui.editing.commands",
    "dossier_app.ui.editing.asker",
    "dossier_app.ui.editing.recovery",
    "dossier_app.ui.editing.saving",
)


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

    def addAction(self, action: QAction) -> None: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...


def _action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
    icon_name: str | None = None,
) -> QAction:
    action = QAction(text, parent)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({action.shortcut().toString()})" if shortcut else tip)
    if icon_name is not None:
        action.setIcon(named_icon(icon_name))
    return action


class EditController(QObject):
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

        self._make_actions()
        self._install()
        window.close_guard = self._close_guard
        window.conflict_handler = self._resolve_conflict
        window.currentDocumentChanged.connect(self._on_current_document)
        window.visibilityChanged.connect(self._window_visibility)
        self._on_current_document()
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

    # -- set-up ---------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.setIcon(named_icon("undo"))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(named_icon("redo"))

        self.add_development_action = _action(
            self,
            "Add &Development…",
            self.add_development,
            "Ctrl+N",
            "Add a development to the timeline",
            "development-add",
        )
        self.edit_action = _action(
            self,
            "&Edit…",
            self.edit_selected,
            "F2",
            "Edit the selected item (on the Overview: the profile)",
            "edit",
        )
        self.delete_action = _action(
            self,
            "De&lete",
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            "Delete the selected item",
            "delete",
        )
        self.add_source_action = _action(
            self,
            "Add &Source…",
            self.add_source,
            None,
            "Add a source",
            "source-add",
        )
        self.add_figure_action = _action(
            self,
            "Add Key &Figure…",
            self.add_figure,
            None,
            "Add a key figure",
            "figure-add",
        )
        self.edit_profile_action = _action(
            self,
            "Edit &Profile…",
            self.edit_profile,
            None,
            "Edit the company profile, marking, review date and tags",
            "profile",
        )
        self.new_dossier_action = _action(
            self,
            "&New Dossier…",
            self.new_dossier,
            "Ctrl+Shift+N",
            "Create a dossier for another company in the library",
        )
        self.save_action = _action(
            self,
            "&Save",
            self.save,
            QKeySequence.StandardKey.Save,
            "Save the dossier",
            "save",
        )
        self.save_as_action = _action(
            self, "Save &As…", self.save_as, "Ctrl+Shift+S", "Save the dossier to another file"
        )
        self.revert_action = _action(
            self, "Re&vert", self.revert, None, "Go back to the saved file, dropping unsaved edits"
        )

        self.history_dock = QDockWidget("Undo History")
        self.history_dock.setObjectName("undoHistoryDock")
        self.history_dock.hide()
        self._history_view: QUndoView | None = None  # made when the dock is first shown
        self.history_dock.visibilityChanged.connect(self._history_shown)
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("Undo &History")

        self.item_actions = (
            self.add_development_action,
            self.edit_action,
            self.delete_action,
            self.add_source_action,
            self.add_figure_action,
            self.edit_profile_action,
        )

    def _install(self) -> None:
        w = self.window
        file_menu = w.file_menu
        _insert(file_menu, _first(file_menu), [self.new_dossier_action])
        # File ▸ Open…, then the save group, then Close.
        anchor = w.close_action
        file_menu.insertActions(anchor, [self.save_action, self.save_as_action, self.revert_action])
        file_menu.insertSeparator(anchor)

        edit_menu = w.edit_menu
        first = _first(edit_menu)
        _insert(edit_menu, first, [self.undo_action, self.redo_action])
        _separator(edit_menu, first)
        _insert(edit_menu, first, list(self.item_actions))
        if first is not None:
            edit_menu.insertSeparator(first)

        w.view_menu.addSeparator()
        w.view_menu.addAction(self.history_action)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)

        bar = w.toolbar
        bar.addSeparator()
        for action in self.item_actions:
            bar.addAction(action)

        # Shortcuts work with the menu bar hidden too. Edit (Ctrl+E) and Delete act on the
        # selected row: they answer only inside a dossier's tabs (see _hook_view), so Delete
        # in the library panel never deletes a development.
        for action in (self.edit_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for action in (
            self.undo_action,
            self.redo_action,
            self.add_development_action,
            self.new_dossier_action,
            self.save_action,
            self.save_as_action,
        ):
            w.addAction(action)

    @property
    def history_view(self) -> QUndoView:
        if self._history_view is None:
            from PySide6.QtWidgets import QUndoView

            view = self._history_view = QUndoView(self.undo_group)
            view.setEmptyLabel("Opened")
            view.setObjectName("undoHistory")
            view.setWordWrap(True)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.history_dock.setWidget(view)
        return self._history_view

    def _history_shown(self, visible: bool) -> None:
        if visible:
            self.history_view  # noqa: B018 (made on first sight)

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

    def _hook_tab(self, tab: QWidget) -> None:
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

    def _status(self, text: str, ms: int = 4000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- forms ----------------------------------------------------------------------
    def _open_form(self, form: FormDialog, apply: Callable[[], None]) -> FormDialog:
        def accepted() -> None:
            try:
                apply()
            except LookupError:
                # The file was reloaded while the form was open: the item is gone.
                self.asker.show_error(
                    "Edit not applied",
                    "The item was changed or removed on disk while the form was open, "
                    "so the edit was not applied.",
                )

        def finished(_result: int) -> None:
            if self.form is form:
                self.form = None
            form.deleteLater()

        form.accepted.connect(accepted)
        form.finished.connect(finished)
        self.form = form
        form.open()
        return form

    def _push_with_new_sources(
        self, doc: DossierDocument, form: CitingForm, command: cmd.QUndoCommand
    ) -> None:
        """Push an item's command; sources made in its form go in the same undo step."""
        from . import commands as cmd

        stack = doc.undo_stack
        if not form.new_sources:
            stack.push(command)
            return
        stack.beginMacro(command.text())
        for source in form.new_sources:
            stack.push(cmd.AddSource(doc, source))
        stack.push(command)
        stack.endMacro()

    def add_development(self) -> DevelopmentForm | None:
        from . import commands as cmd
        from .forms.development_form import DevelopmentForm

        current = self._current()
        if current is None:
            return None
        doc, view = current
        form = DevelopmentForm(doc.dossier, parent=self._parent_widget())

        def apply() -> None:
            dev = form.result_value()
            self._push_with_new_sources(doc, form, cmd.AddDevelopment(doc, dev))
            view.select_development(dev.id)
            self._status(f"Added development: {dev.title}")

        self._open_form(form, apply)
        return form

    def add_source(self) -> SourceForm | None:
        from . import commands as cmd
        from .forms.source_form import SourceForm

        current = self._current()
        if current is None:
            return None
        doc, view = current
        form = SourceForm({s.id for s in doc.dossier.sources}, parent=self._parent_widget())

        def apply() -> None:
            source = form.result_value()
            doc.undo_stack.push(cmd.AddSource(doc, source))
            view.select_source(source.id)

        self._open_form(form, apply)
        return form

    def add_figure(self) -> FigureForm | None:
        from . import commands as cmd
        from .forms.figure_form import FigureForm

        current = self._current()
        if current is None:
            return None
        doc, view = current
        form = FigureForm(doc.dossier, parent=self._parent_widget())

        def apply() -> None:
            figure = form.result_value()
            self._push_with_new_sources(doc, form, cmd.AddFigure(doc, figure))
            view.select_figure(figure.id)

        self._open_form(form, apply)
        return form

    def edit_profile(self) -> ProfileForm | None:
        from . import commands as cmd
        from .forms.profile_form import ProfileForm

        current = self._current()
        if current is None:
            return None
        doc, _view = current
        form = ProfileForm(doc.dossier, parent=self._parent_widget())

        def apply() -> None:
            p = form.result_value()
            d = doc.dossier
            if (p.company, p.marking, p.reviewed, p.tags) == (
                d.company,
                d.marking,
                d.reviewed,
                d.tags,
            ):
                return  # OK without a change: nothing to undo
            doc.undo_stack.push(cmd.EditProfile(doc, p.company, p.marking, p.reviewed, p.tags))

        self._open_form(form, apply)
        return form

    def edit_selected(self) -> FormDialog | None:
        from . import commands as cmd
        from .forms.development_form import DevelopmentForm
        from .forms.figure_form import FigureForm
        from .forms.source_form import SourceForm

        current, selected = self._current(), self.selected()
        if current is None or selected is None:
            return None
        doc, view = current
        kind, item = selected
        parent = self._parent_widget()
        if kind == "profile":
            return self.edit_profile()
        if kind == "timeline":
            dev_form = DevelopmentForm(doc.dossier, item, parent=parent)

            def apply_dev() -> None:
                new = dev_form.result_value()
                if new != item or dev_form.new_sources:
                    command = cmd.EditDevelopment(doc, item.id, new)
                    self._push_with_new_sources(doc, dev_form, command)
                view.select_development(new.id)

            return self._open_form(dev_form, apply_dev)
        if kind == "sources":
            taken = {s.id for s in doc.dossier.sources} - {item.id}
            source_form = SourceForm(taken, item, parent=parent)

            def apply_source() -> None:
                new = source_form.result_value()
                if new != item:
                    doc.undo_stack.push(cmd.EditSource(doc, item.id, new))
                view.select_source(new.id)

            return self._open_form(source_form, apply_source)
        figure_form = FigureForm(doc.dossier, item, parent=parent)

        def apply_figure() -> None:
            new = figure_form.result_value()
            if new != item or figure_form.new_sources:
                self._push_with_new_sources(doc, figure_form, cmd.EditFigure(doc, item.id, new))
            view.select_figure(new.id)

        return self._open_form(figure_form, apply_figure)

    def delete_selected(self) -> bool:
        from . import commands as cmd

        current, selected = self._current(), self.selected()
        if current is None or selected is None:
            return False
        doc, _view = current
        kind, item = selected
        if kind == "timeline":
            doc.undo_stack.push(cmd.DeleteDevelopment(doc, item.id))
        elif kind == "figures":
            doc.undo_stack.push(cmd.DeleteFigure(doc, item.id))
        elif kind == "sources":
            devs, figs = doc.dossier.citing(item.id)
            if (devs or figs) and self.asker.ask_remove_references(item, devs, figs) != "remove":
                return False
            doc.undo_stack.push(cmd.DeleteSource(doc, item.id, remove_references=True))
        else:
            return False
        self._status(f"Deleted. {self.undo_action.shortcut().toString()} brings it back.")
        return True

    def _parent_widget(self) -> QWidget | None:
        window = self.window
        return window if isinstance(window, QWidget) else None

    # -- files ------------------------------------------------------------------------
    def save(self) -> bool:
        doc = self.window.current_document()
        if doc is None:
            return False
        ok = self.saver.save(doc)
        if ok and doc.path is not None:
            self._status(f"Saved {doc.path.name}")
        self.update_actions()
        return ok

    def save_as(self) -> bool:
        doc = self.window.current_document()
        if doc is None:
            return False
        ok = self.saver.save_as(doc)
        if ok and doc.path is not None:
            self._status(f"Saved as {doc.path}")
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
        from ...fileio.loader import read_dossier  # YAML is imported when first needed
        from ..document import DossierDocument

        result = read_dossier(path) if path is not None and path.exists() else None
        base = result.dossier if result is not None and result.dossier is not None else recovered
        doc = DossierDocument(base, path, result.content_hash if result else None)
        self.window.open_document(doc)
        return doc

    def _find(self, path: Path) -> DossierDocument | None:
        target = path.resolve()
        for doc in self.window.documents():
            if doc.path == target:
                return doc
        return None


def _first(menu: QMenu) -> QAction | None:
    actions = menu.actions()
    return actions[0] if actions else None


def _insert(menu: QMenu, before: QAction | None, actions: list[QAction]) -> None:
    if before is None:
        menu.addActions(actions)
    else:
        menu.insertActions(before, actions)


def _separator(menu: QMenu, before: QAction | None) -> None:
    if before is None:
        menu.addSeparator()
    else:
        menu.insertSeparator(before)


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
