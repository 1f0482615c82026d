"""The editing actions and where they go: Edit ▸ Undo/Redo and the item actions, File ▸
New Dossier/Save/Save As/Revert, View ▸ Undo History, the toolbar buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QMenu

from ..widgets.icons import named_icon

if TYPE_CHECKING:
    from PySide6.QtWidgets import QUndoView

    from .protocols import EditableWindow


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



class EditActionsMixin(QObject):
    """Makes the controller's actions and installs them in the window."""

    window: EditableWindow
    undo_group: QUndoGroup

    if TYPE_CHECKING:  # the controller's slots (no stubs at run time: they would shadow)

        def add_development(self) -> object: ...

        def edit_selected(self) -> object: ...

        def delete_selected(self) -> bool: ...

        def add_source(self) -> object: ...

        def add_figure(self) -> object: ...

        def edit_profile(self) -> object: ...

        def new_dossier(self) -> object: ...

        def save(self) -> bool: ...

        def save_as(self) -> bool: ...

        def revert(self) -> bool: ...

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
