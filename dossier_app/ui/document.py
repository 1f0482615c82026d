"""One open dossier in the GUI: the domain object, its file, its undo stack.

Every change to an open dossier goes through the mutation methods here (called
by the undo commands), which bracket it with signals so that the Qt models can
follow. The document also watches its file and tells when it changed on disk
through someone else (its own saves are recognised by the content hash).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..domain.dates import PartialDate
from ..domain.model import Company, Dossier, Judgement, ListName
from ..fileio.hashing import content_hash
from ..fileio.problems import Problem

LIST_NAMES: tuple[ListName, ...] = ("timeline", "sources", "figures")


class DossierDocument(QObject):
    """An open dossier: model for the views, target of the undo commands."""

    #: A list ("timeline", "sources", "figures") is about to change / has changed.
    listAboutToChange = Signal(str)
    listChanged = Signal(str)
    #: Company profile, marking, review date or dossier tags changed.
    profileChanged = Signal()
    #: The bottom line or the key judgements changed.
    briefingChanged = Signal()
    #: The whole dossier was replaced (reload, revert).
    reset = Signal()
    #: The file changed on disk through something other than our own save.
    fileChangedOnDisk = Signal()
    #: The file was removed or renamed away on disk.
    fileRemovedOnDisk = Signal()
    #: Display name, path or modified state changed (window and tab titles).
    titleChanged = Signal()
    #: The document was closed (its undo history goes with it).
    closed = Signal()

    def __init__(
        self,
        dossier: Dossier,
        path: Path | None = None,
        content_hash: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.dossier = dossier
        self.path = path.resolve() if path is not None else None
        #: Hash of the bytes last read from or written to ``path``.
        self.disk_hash = content_hash
        #: Those bytes themselves, when known: a save rewrites only what was edited in
        #: them, keeping comments and layout (``fileio.faithful``).
        self.original: bytes | None = None
        #: Warnings from the last load (with file positions), shown while unmodified;
        #: None when the dossier did not come from reading a file.
        self.load_warnings: list[Problem] | None = None
        self.undo_stack = QUndoStack(self)
        # Signal to signal: a lambda would outlive the document and fire from its teardown.
        self.undo_stack.cleanChanged.connect(self.titleChanged)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_fs_event)
        self._watcher.directoryChanged.connect(self._on_fs_event)
        # Editors save in bursts (truncate, write, rename): look once it settles.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(150)
        self._settle.timeout.connect(self._check_disk)
        self._watch()

    # -- naming ---------------------------------------------------------
    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.dossier.company.display_name

    def title(self) -> str:
        """Tab/window title: the company's short name, ``*`` while unsaved."""
        return f"{self.display_name}{' *' if self.is_modified else ''}"

    # -- mutations (for undo commands) ----------------------------------
    def insert_item(self, name: ListName, index: int, item: Any) -> None:
        self.listAboutToChange.emit(name)
        self.dossier.items(name).insert(index, item)
        self.listChanged.emit(name)

    def remove_item(self, name: ListName, index: int) -> Any:
        self.listAboutToChange.emit(name)
        item = self.dossier.items(name).pop(index)
        self.listChanged.emit(name)
        return item

    def replace_item(self, name: ListName, index: int, item: Any) -> Any:
        self.listAboutToChange.emit(name)
        items = self.dossier.items(name)
        old = items[index]
        items[index] = item
        self.listChanged.emit(name)
        return old

    def set_list(self, name: ListName, items: list[Any]) -> list[Any]:
        """Replace a whole list (used when one edit touches many items)."""
        self.listAboutToChange.emit(name)
        old = list(self.dossier.items(name))
        self.dossier.items(name)[:] = items
        self.listChanged.emit(name)
        return old

    def set_profile(
        self,
        company: Company,
        marking: str | None,
        reviewed: PartialDate | None,
        tags: list[str],
    ) -> tuple[Company, str | None, PartialDate | None, list[str]]:
        d = self.dossier
        old = (d.company, d.marking, d.reviewed, d.tags)
        d.company, d.marking, d.reviewed, d.tags = company, marking, reviewed, tags
        self.profileChanged.emit()
        self.titleChanged.emit()
        return old

    def set_briefing(
        self, bottom_line: str | None, judgements: list[Judgement]
    ) -> tuple[str | None, list[Judgement]]:
        """Replace the bottom line and the list of key judgements."""
        d = self.dossier
        old = (d.bottom_line, list(d.judgements))
        d.bottom_line = bottom_line
        d.judgements[:] = judgements
        self.briefingChanged.emit()
        return old

    def replace_dossier(
        self,
        dossier: Dossier,
        content_hash: str | None,
        warnings: list[Problem] | None = None,
        original: bytes | None = None,
    ) -> None:
        """Swap in a freshly loaded dossier (reload, revert); history is cleared."""
        self.dossier = dossier
        self.disk_hash = content_hash
        self.original = original
        self.load_warnings = warnings
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.reset.emit()
        self.titleChanged.emit()

    # -- the file on disk -----------------------------------------------
    def set_path(self, path: Path, content_hash: str | None) -> None:
        """After Save As: a new file, and the undo stack's clean point."""
        self._unwatch()
        self.path = path.resolve()
        self.disk_hash = content_hash
        self._watch()
        self.titleChanged.emit()

    def mark_saved(self, content_hash: str, data: bytes | None = None) -> None:
        self.disk_hash = content_hash
        if data is not None:
            self.original = data
        self.undo_stack.setClean()
        self._watch()  # an atomic replace drops the watch on the old inode
        self.titleChanged.emit()

    def read_disk_hash(self) -> str | None:
        if self.path is None:
            return None
        try:
            return content_hash(self.path.read_bytes())
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        """True when the file's bytes differ from those last read or written here."""
        if self.path is None:
            return False
        return self.read_disk_hash() != self.disk_hash

    def _watch(self) -> None:
        if self.path is None:
            return
        files = set(self._watcher.files())
        if self.path.exists() and str(self.path) not in files:
            self._watcher.addPath(str(self.path))
        folder = str(self.path.parent)
        if folder not in set(self._watcher.directories()):
            self._watcher.addPath(folder)

    def _unwatch(self) -> None:
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)

    def _on_fs_event(self, _path: str) -> None:
        self._settle.start()

    def _check_disk(self) -> None:
        if self.path is None:
            return
        self._watch()
        if not self.path.exists():
            if self.disk_hash is not None:
                self.disk_hash = None
                self.fileRemovedOnDisk.emit()
            return
        current = self.read_disk_hash()
        if current is not None and current != self.disk_hash:
            self.fileChangedOnDisk.emit()

    def close(self) -> None:
        self._settle.stop()
        self._unwatch()
        self.closed.emit()
