"""The library's model: every dossier in a folder, with its marking, size and review date.

Files are listed at once and read one per event-loop turn, so a folder of
hundreds of dossiers (or one hostile file) never freezes the window. A file
that fails to load stays listed with its first error; its tooltip lists all.
Unchanged files (same size and modification time) are not read again when the
folder changes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor

from ...fileio.folders import list_dossier_files
from ..models.base import CENTER, RIGHT, Column, ItemTableModel, none_last
from ..reading import (
    Reader,
    first_error_text,
    problems_text,
    read_uncached,
    safe_resolve,
)
from ..widgets.icons import named_icon

if TYPE_CHECKING:  # the files are read after the window's first paint, and these with them
    from ...domain.dates import PartialDate
    from ...fileio.problems import LoadResult, Problem


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
        self._reader = reader or read_uncached
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
        try:
            return [Path(p) for p in list_dossier_files(self._folder)]
        except OSError:
            return []  # a folder that went away or cannot be read lists nothing

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
