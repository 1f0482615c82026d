"""Undo and redo show what they changed: the restored item is selected in its tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from shiboken6 import isValid

from .commands import Target, selection_after

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from .protocols import EditableView


def show_target(view: EditableView, target: Target) -> None:
    """Select the target's item in its tab (or show the tab, when the item is gone)."""
    kind, item_id = target
    if kind == "profile":
        view.tabs.setCurrentWidget(view.overview_tab)
        return
    select, tab = {
        "timeline": (view.select_development, lambda: view.timeline_tab),
        "sources": (view.select_source, lambda: view.sources_tab),
        "figures": (view.select_figure, lambda: view.figures_tab),
    }[kind]
    if item_id is None or not select(item_id):
        view.tabs.setCurrentWidget(tab())


class UndoSelection(QObject):
    """Follows one dossier's undo stack; lives as long as its view."""

    def __init__(self, view: EditableView, stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.view = view
        self.stack = stack
        self._index = stack.index()
        self._count = stack.count()
        stack.indexChanged.connect(self._index_changed)

    def _index_changed(self, index: int) -> None:
        if not isValid(self.stack) or not isValid(self.view):
            return  # the dossier is closing: its history is being cleared
        before, self._index = self._index, index
        count, self._count = self._count, self.stack.count()
        if self.stack.count() != count:
            return  # a new edit (whoever made it shows it) or a cleared history
        if index < before:
            command = self.stack.command(index)  # the last one undone
            undone = True
        elif index > before:
            command = self.stack.command(index - 1)  # the last one redone
            undone = False
        else:
            return
        target = selection_after(command, undone) if command is not None else None
        if target is not None:
            show_target(self.view, target)
