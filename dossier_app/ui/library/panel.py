"""The library: every dossier in a folder, with its marking, size and review date.

Files are listed at once and read one per event-loop turn, so a folder of
hundreds of dossiers (or one hostile file) never freezes the window. A file
that fails to load stays listed with its first error; its tooltip lists all.
Unchanged files (same size and modification time) are not read again when the
folder changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QFileSystemWatcher,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
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

from ..models.base import CENTER, RIGHT, Column, ItemTableModel, none_last
from ..widgets.icons import named_icon
from ..widgets.text import muted, plain_label, set_tooltip

if TYPE_CHECKING:  # the files are read after the window's first paint, and these with them
    from ...domain.dates import PartialDate
    from ...fileio.problems import LoadResult, Problem

DOSSIER_SUFFIXES = (".yaml", ".yml")

Reader = Callable[[Path], "LoadResult"]


def default_reader(path: Path) -> LoadResult:
    from ...fileio.loader import read_dossier

    return read_dossier(path)


def safe_resolve(path: Path) -> Path:
    """The absolute, resolved path; a symlink loop or an unreadable folder never raises."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def is_dossier_file(path: Path) -> bool:
    """A ``*.yaml`` file that is not hidden (editors' swap and temp files are)."""
    return path.suffix.lower() in DOSSIER_SUFFIXES and not path.name.startswith(".")


def first_error_text(problems: list[Problem]) -> str:
    """``Line 3: expected a date …`` for the first error (or problem)."""
    errors = [p for p in problems if p.is_error] or problems
    if not errors:
        return "Could not be read"
    p = errors[0]
    return f"Line {p.line}: {p.message}"


def problems_text(problems: list[Problem]) -> str:
    return "\n".join(f"{p.line}:{p.column}: {p.severity}: {p.message}" for p in problems)


class LibraryEntry:
    """One file of the library, and what reading it gave.

    A plain class rather than a dataclass: the library is built before the
    window's first paint, which then need not import ``dataclasses``.
    """

    __slots__ = (
        "aliases",
        "developments",
        "full_name",
        "loaded",
        "marking",
        "name",
        "path",
        "problems",
        "reviewed",
        "signature",
    )

    def __init__(self, path: Path, signature: tuple[int, int] | None = None) -> None:
        self.path = path
        self.signature = signature  # (mtime_ns, size) when read
        self.loaded = False
        self.name = ""
        self.full_name = ""
        self.aliases: list[str] = []
        self.marking = ""
        self.developments: int | None = None
        self.reviewed: PartialDate | None = None
        self.problems: list[Problem] = []

    def __repr__(self) -> str:
        return f"LibraryEntry({self.path!s}, loaded={self.loaded}, name={self.name!r})"

    @property
    def has_error(self) -> bool:
        return self.loaded and (not self.name or any(p.is_error for p in self.problems))

    @property
    def label(self) -> str:
        return self.name or self.path.name

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def fill(self, result: LoadResult) -> None:
        self.loaded = True
        self.problems = list(result.problems)
        d = result.dossier
        if d is None or result.errors:
            self.name = self.full_name = self.marking = ""
            self.aliases, self.developments, self.reviewed = [], None, None
            if not self.problems:
                from ...fileio.problems import Problem

                self.problems = [Problem(str(self.path), 1, 1, "error", "could not be read")]
            return
        self.name = d.company.display_name
        self.full_name = d.company.name
        self.aliases = list(d.company.aliases)
        self.marking = d.effective_marking
        self.developments = len(d.timeline)
        self.reviewed = d.reviewed


def _is_dir(entry: os.DirEntry[str]) -> bool:
    # A symlink loop or a dangling link is listed (with its error), not skipped.
    try:
        return entry.is_dir()
    except OSError:
        return False


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _entry_tip(e: LibraryEntry) -> str | None:
    if not e.loaded:
        return f"{e.path.name}\nReading…"
    if e.has_error:
        return f"{e.path.name} cannot be opened:\n{problems_text(e.problems)}"
    lines = [e.full_name]
    if e.aliases:
        lines.append("Also: " + ", ".join(e.aliases))
    lines.append(str(e.path))
    if e.warnings:
        n = len(e.warnings)
        lines.append(f"{n} warning{'s' if n != 1 else ''}")
    return "\n".join(lines)


def _status_text(e: LibraryEntry) -> str:
    if not e.loaded:
        return "Reading…"
    return first_error_text(e.problems) if e.has_error else e.marking


class LibraryModel(ItemTableModel[LibraryEntry]):
    """The dossiers of one folder. Broken files are rows too, showing their error."""

    #: Every file of the folder has been read.
    loaded = Signal()

    COMPANY, MARKING, DEVELOPMENTS, REVIEWED = range(4)

    def __init__(self, reader: Reader | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader or default_reader
        self._folder: Path | None = None
        self._pending: list[LibraryEntry] = []
        self._held = False
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_next)
        self._sort_column = self.COMPANY
        self.columns = (
            Column("Company", lambda e: e.label, key=lambda e: e.label.casefold(), tip=_entry_tip),
            Column(
                "Marking",
                _status_text,
                key=lambda e: (e.has_error, e.marking),
                align=CENTER,
                tip=_entry_tip,
            ),
            Column(
                "Devs",
                lambda e: "" if e.developments is None else str(e.developments),
                key=lambda e: none_last(e.developments),
                align=RIGHT,
                header_tip="Number of developments",
            ),
            Column(
                "Reviewed",
                lambda e: e.reviewed.display() if e.reviewed else "",
                key=lambda e: none_last(e.reviewed.sort_key if e.reviewed else None),
                header_tip="Date the dossier was last reviewed",
            ),
        )

    # -- folder ---------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        return self._folder

    def set_folder(self, folder: Path | None) -> None:
        self._folder = safe_resolve(folder) if folder is not None else None
        self.rescan(keep=False)

    def rescan(self, keep: bool = True) -> None:
        """List the folder again; re-read only files that changed."""
        known = {e.path: e for e in self._items} if keep else {}
        entries: list[LibraryEntry] = []
        for path in self._list_files():
            sig = _signature(path)
            old = known.get(path)
            if old is not None and old.loaded and old.signature == sig:
                entries.append(old)
            else:
                entries.append(LibraryEntry(path=path, signature=sig))
        self.set_items(entries)
        self._pending = [e for e in entries if not e.loaded]
        if self._pending:
            if not self._held:
                self._loader.start()
        else:
            self.loaded.emit()

    def _list_files(self) -> list[Path]:
        if self._folder is None:
            return []
        paths = []
        try:
            with os.scandir(self._folder) as it:
                for entry in it:
                    if is_dossier_file(Path(entry.name)) and not _is_dir(entry):
                        paths.append(Path(entry.path))
        except OSError:
            pass  # a folder that went away or cannot be read lists what was found
        return sorted(paths, key=lambda p: p.name.casefold())

    def is_loading(self) -> bool:
        return bool(self._pending)

    def hold_reading(self, held: bool) -> None:
        """Files are listed but wait to be read while held (the window paints first)."""
        self._held = held
        if held:
            self._loader.stop()
        elif self._pending:
            self._loader.start()

    def _load_next(self) -> None:
        if not self._pending:
            return
        entry = self._pending.pop(0)
        try:
            result = self._reader(entry.path)
        except Exception as exc:  # the reader never raises; this keeps the window alive if it did
            from ...fileio.problems import LoadResult, Problem

            result = LoadResult(
                str(entry.path), None, [Problem(str(entry.path), 1, 1, "error", str(exc))]
            )
        entry.signature = _signature(entry.path)
        entry.fill(result)
        self._entry_changed(entry)
        if self._pending:
            if not self._held:
                self._loader.start()
        else:
            # Now every value is known: sort once by the user's column.
            self.sort(self._sort_column, self._sort_order)
            self.loaded.emit()

    def _entry_changed(self, entry: LibraryEntry) -> None:
        for row, i in enumerate(self._rows):
            if self._items[i] is entry:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
                return

    # -- rows -----------------------------------------------------------------
    def item_id(self, item: LibraryEntry) -> str:
        return str(item.path)

    def entry_for(self, path: Path) -> LibraryEntry | None:
        path = safe_resolve(path)
        return next((e for e in self._items if e.path == path), None)

    def entries(self) -> list[LibraryEntry]:
        return list(self._items)

    def search_text(self, item: LibraryEntry) -> str:
        return "\n".join((item.name, item.full_name, *item.aliases, item.path.name))

    def _prepare(self) -> None:
        """Names arrive as files are read: the filter looks at the entries themselves."""

    def _match_words(self, rows: list[int], text: str) -> list[int]:
        words = text.casefold().split()
        if not words:
            return rows
        items = self._items
        search = self.search_text
        return [i for i in rows if all(w in search(items[i]).casefold() for w in words)]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # A broken file's error text spans the columns from Marking on: left-aligned.
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.MARKING:
            entry = self.item_at(index)
            if entry is not None and entry.has_error:
                return int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
        return super().data(index, role)

    def extra_data(self, item: LibraryEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.COMPANY and item.has_error:
            return named_icon("error")
        if role == Qt.ItemDataRole.ForegroundRole:
            # A colour serves as the brush (a QBrush would cost its enums at first paint).
            if item.has_error:
                return QColor("#B00020")
            if not item.loaded:
                return QColor("#808080")
        return None


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
        header.setSectionResizeMode(LibraryModel.COMPANY, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (LibraryModel.MARKING, 76),
            (LibraryModel.DEVELOPMENTS, 40),
            (LibraryModel.REVIEWED, 86),
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
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
