"""The library panel: a filter box, the table of the folder's dossiers, what is there.

The folder and its files are watched; changes are gathered and looked at once
they settle.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QFileSystemWatcher,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..reading import Reader, safe_resolve
from ..widgets.columns import FittedColumns
from ..widgets.icons import named_icon
from ..widgets.text import muted, plain_label, set_tooltip
from .model import LibraryModel


class LibraryPanel(QWidget):
    """The library's widget: filter box, table, and a line saying what is there."""

    #: The user asked to open this file (double click, Enter).
    openRequested = Signal(Path)
    #: The user asked to pick another folder.
    chooseFolderRequested = Signal()

    def __init__(self, reader: Reader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(reader, self)
        self.setMinimumWidth(280)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter companies")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_text_filter)
        self.filter_edit.returnPressed.connect(self._open_first)

        self.folder_button = QToolButton(self)
        self.folder_button.setIcon(named_icon("folder"))
        self.folder_button.setAutoRaise(True)
        self.folder_button.setToolTip("Open another folder as the library")
        self.folder_button.clicked.connect(self.chooseFolderRequested)

        self.view = QTableView(self)
        self.view.setObjectName("libraryTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._chips = False  # the marking chips' delegate, set once a file has been read
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        # The company's name takes the room; in a narrow panel the others give way first.
        date = self.view.fontMetrics().horizontalAdvance("30 Sep 2026") + 10
        self.columns = FittedColumns(self.view, [None, 72, 40, 86], [None, 56, 34, date])
        header.setSortIndicator(LibraryModel.COMPANY, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.activated.connect(self._activated)

        self.folder_label = plain_label("", self)
        self.folder_label.setObjectName("libraryFolder")
        self.folder_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label = plain_label("", self)
        self.count_label.setObjectName("libraryCount")
        for label in (self.folder_label, self.count_label):
            muted(label)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addWidget(self.filter_edit)
        top.addWidget(self.folder_button)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(2, 0, 2, 0)
        bottom.addWidget(self.folder_label, 1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        # The folder is watched; changes are gathered and looked at once they settle.
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._schedule_rescan)
        self._watcher.fileChanged.connect(self._schedule_rescan)
        self._rescan_timer = QTimer(self)
        self._rescan_timer.setSingleShot(True)
        self._rescan_timer.setInterval(250)
        self._rescan_timer.timeout.connect(self.refresh)

        self.model.modelReset.connect(self._model_changed)
        self.model.layoutChanged.connect(self._model_changed)
        self.model.dataChanged.connect(self._model_changed)
        self.model.loaded.connect(self._watch_files)
        self._selected_path: Path | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)

    # -- public -----------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        return self.model.folder

    def set_folder(self, folder: Path | None) -> None:
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)
        self.model.set_folder(folder)
        if self.model.folder is not None and self.model.folder.is_dir():
            self._watcher.addPath(str(self.model.folder))
            self.folder_label.setText(str(self.model.folder))
            set_tooltip(self.folder_label, str(self.model.folder))
        else:
            self.folder_label.setText("No library folder")
        self._model_changed()

    def refresh(self) -> None:
        """Look at the folder again (new, removed and changed files)."""
        self.model.rescan()
        self._watch_files()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def selected_path(self) -> Path | None:
        index = self.view.currentIndex()
        entry = self.model.item_at(index)
        return entry.path if entry is not None else None

    def select_path(self, path: Path) -> bool:
        row = self.model.row_of(str(safe_resolve(path)))
        if row is None:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def summary_text(self) -> str:
        entries = self.model.entries()
        n = len(entries)
        broken = sum(1 for e in entries if e.has_error)
        text = f"{n} dossier{'s' if n != 1 else ''}"
        if broken:
            text += f", {broken} with errors"
        return text

    # -- internals --------------------------------------------------------------
    def _schedule_rescan(self, _path: str) -> None:
        self._rescan_timer.start()

    def _watch_files(self) -> None:
        # Watch each file too: an in-place write does not touch the folder.
        # An atomic replace drops the watch, so watched files are re-added here.
        wanted = {str(e.path) for e in self.model.entries()}
        watched = set(self._watcher.files())
        stale = sorted(watched - wanted)
        if stale:
            self._watcher.removePaths(stale)
        new = sorted(p for p in wanted - watched if os.path.exists(p))
        if new:
            self._watcher.addPaths(new)
        folder = self.model.folder
        watched_dirs = self._watcher.directories()
        if folder is not None and folder.is_dir() and str(folder) not in watched_dirs:
            self._watcher.addPath(str(folder))

    def _model_changed(self, *_args: object) -> None:
        if not self._chips and any(e.loaded for e in self.model.entries()):
            self._show_marking_chips()
        self._update_spans()
        self.count_label.setText(self.summary_text())

    def _show_marking_chips(self) -> None:
        # Before any file is read the column says "Reading…": the window's first paint
        # needs no chips (nor the painting code they import).
        from ..widgets.marking import MarkingDelegate

        self._chips = True
        self.view.setItemDelegateForColumn(LibraryModel.MARKING, MarkingDelegate(self.view))

    def _update_spans(self) -> None:
        # A broken file shows its error across the marking, count and date columns.
        self.view.clearSpans()
        span = self.model.columnCount() - LibraryModel.MARKING
        for row in range(self.model.rowCount()):
            if self.model.item(row).has_error:
                self.view.setSpan(row, LibraryModel.MARKING, 1, span)

    def _remember_selection(self) -> None:
        self._selected_path = self.selected_path()

    def _restore_selection(self) -> None:
        if self._selected_path is not None:
            self.select_path(self._selected_path)

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        entry = self.model.item_at(index)
        if entry is not None:
            self.openRequested.emit(entry.path)

    def _open_first(self) -> None:
        if self.model.rowCount() == 1:
            self.openRequested.emit(self.model.item(0).path)
        elif self.model.rowCount() > 1:
            self.view.setFocus()
            self.view.selectRow(0)
