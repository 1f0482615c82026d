"""Crash safety: unsaved edits copied every few seconds to the user's data folder.

Each modified document is written (canonical YAML, atomically) to
``<user data>/recovery/<hash of its path>.yaml`` with a JSON sidecar naming the
original file and the time. The dossier file itself is never touched. The
copy goes when the document is saved, reverted, discarded or closed cleanly;
one still there at the next start means the app did not close properly, and
the user is offered to restore it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QTimer, Signal

from ...domain.model import Dossier
from ...fileio.atomic import write_bytes_atomic
from ...fileio.loader import parse_dossier_bytes
from ...fileio.problems import SaveError
from ...fileio.writer import dump_dossier
from ..document import DossierDocument
from .asker import Asker, RecoveryOffer
from .commands import RestoreUnsavedEdits

#: How often unsaved edits are copied.
INTERVAL_MS = 5000


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir("dossier-app", "Dossier")) / "recovery"


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    """A recovery copy on disk and what its sidecar says about it."""

    yaml_path: Path
    meta_path: Path
    original_path: Path | None
    company: str
    saved_at: str

    def offer(self) -> RecoveryOffer:
        shown = self.saved_at.replace("T", " ")[:16]  # 2026-11-26 18:02
        return RecoveryOffer(self.original_path, self.company, shown)


class RecoveryStore:
    """The recovery files of one user: write, list and remove them."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        #: Keys of documents without a file, so that each keeps one copy.
        self._untitled: dict[int, str] = {}

    def key(self, doc: DossierDocument) -> str:
        if doc.path is not None:
            return hashlib.blake2b(str(doc.path).encode(), digest_size=10).hexdigest()
        return self._untitled.setdefault(id(doc), f"untitled-{len(self._untitled) + 1}")

    def paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.yaml", self.folder / f"{key}.json"

    def write(self, doc: DossierDocument) -> None:
        """Copy the document's current state; raises SaveError when it cannot."""
        data = dump_dossier(doc.dossier).encode("utf-8")
        meta = {
            "path": str(doc.path) if doc.path is not None else None,
            "company": doc.display_name,
            "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
        }
        yaml_path, meta_path = self.paths(self.key(doc))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveError(str(self.folder), "create folder", exc.strerror or str(exc)) from exc
        write_bytes_atomic(yaml_path, data)
        write_bytes_atomic(meta_path, json.dumps(meta, ensure_ascii=False, indent=1).encode())

    def discard(self, doc: DossierDocument) -> None:
        self._remove(*self.paths(self.key(doc)))

    def remove(self, entry: RecoveryEntry) -> None:
        self._remove(entry.yaml_path, entry.meta_path)

    @staticmethod
    def _remove(*paths: Path) -> None:
        for path in paths:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def entries(self) -> list[RecoveryEntry]:
        """The copies left behind, oldest first; a copy without a readable sidecar counts too."""
        found: list[RecoveryEntry] = []
        try:
            yaml_files = sorted(self.folder.glob("*.yaml"))
        except OSError:
            return []
        for yaml_path in yaml_files:
            meta_path = yaml_path.with_suffix(".json")
            try:
                meta = json.loads(meta_path.read_text("utf-8"))
                if not isinstance(meta, dict):
                    meta = {}
            except (OSError, ValueError):
                meta = {}
            original = meta.get("path")
            found.append(
                RecoveryEntry(
                    yaml_path,
                    meta_path,
                    Path(original) if isinstance(original, str) else None,
                    str(meta.get("company") or yaml_path.stem),
                    str(meta.get("saved_at") or ""),
                )
            )
        found.sort(key=lambda e: e.saved_at)
        return found

    def set_aside(self, entry: RecoveryEntry) -> Path:
        """Rename a copy that cannot be restored so it is not offered again, yet not lost."""
        target = entry.yaml_path.with_suffix(".unreadable")
        with contextlib.suppress(OSError):
            entry.yaml_path.replace(target)
        self._remove(entry.meta_path)
        return target


class RecoveryWriter(QObject):
    """Every few seconds, copies each document edited since its last copy.

    ``documents`` lists the open documents each time (the main window's list);
    a document is copied only when it is modified and has changed since the last
    copy, and its copy is removed once it is back to its saved state.
    """

    #: A copy could not be written (the text says why); edits are still in memory.
    failed = Signal(str)

    def __init__(
        self,
        store: RecoveryStore,
        documents: Callable[[], Iterable[DossierDocument]],
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.documents = documents
        self._seen: set[int] = set()
        self._dirty: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write_pending)
        self.timer.start()

    def track(self, doc: DossierDocument) -> None:
        key = id(doc)
        if key in self._seen:
            return
        self._seen.add(key)
        doc.undo_stack.indexChanged.connect(partial(self._mark, key))
        doc.destroyed.connect(partial(self._forget, key))
        if doc.is_modified:
            self._dirty.add(key)

    def _mark(self, key: int, _index: int = 0) -> None:
        self._dirty.add(key)

    def _forget(self, key: int, _obj: object = None) -> None:
        self._seen.discard(key)
        self._dirty.discard(key)

    def write_pending(self) -> None:
        """The timer's slot: copy what changed, drop copies of documents now clean."""
        for doc in list(self.documents()):
            self.track(doc)
            key = id(doc)
            if key not in self._dirty:
                continue
            self._dirty.discard(key)
            if not doc.is_modified:
                self.store.discard(doc)
                continue
            try:
                self.store.write(doc)
            except (SaveError, OSError, ValueError) as exc:
                self._dirty.add(key)  # try again next time
                self.failed.emit(f"Could not write the recovery copy of {doc.display_name}: {exc}")

    def discard(self, doc: DossierDocument) -> None:
        """The document was saved, reverted or closed: its copy is no longer needed.

        A document still modified afterwards (its close was discarded, but the quit was
        then cancelled by another document) is copied again on the next tick.
        """
        self.store.discard(doc)
        if doc.is_modified:
            self._dirty.add(id(doc))
        else:
            self._dirty.discard(id(doc))


#: Opens the document a recovered copy belongs to: the original file's document
#: when it can be read, else a new document holding the copy. None when neither works.
OpenForRestore = Callable[[Path | None, Dossier], DossierDocument | None]


def offer_restore(
    store: RecoveryStore, asker: Asker, open_for_restore: OpenForRestore
) -> list[DossierDocument]:
    """At start: offer the copies left by a session that did not close; restore on yes.

    Each restored document shows its file's version with the recovered edits on
    top, as one undoable "Restore unsaved edits" step, so it is marked modified
    and the user saves (or undoes) as usual. Declined copies are removed.
    """
    entries = store.entries()
    if not entries:
        return []
    if not asker.ask_restore_recovery([e.offer() for e in entries]):
        for entry in entries:
            store.remove(entry)
        return []
    restored: list[DossierDocument] = []
    for entry in entries:
        try:
            data = entry.yaml_path.read_bytes()
        except OSError as exc:
            asker.show_error("Could not restore", f"{entry.yaml_path} cannot be read: {exc}")
            continue
        result = parse_dossier_bytes(data, str(entry.yaml_path))
        if result.dossier is None or result.errors:
            aside = store.set_aside(entry)
            problems = "\n".join(str(p) for p in result.errors[:8])
            asker.show_error(
                "Could not restore",
                f"The unsaved edits of {entry.company} could not be read back. "
                f"The copy is kept as {aside}.\n\n{problems}",
            )
            continue
        doc = open_for_restore(entry.original_path, result.dossier)
        if doc is None:
            continue
        doc.undo_stack.push(RestoreUnsavedEdits(doc, result.dossier))
        restored.append(doc)
        store.write(doc)  # the copy now follows the document (same key for the same file)
        if store.paths(store.key(doc))[0] != entry.yaml_path:
            store.remove(entry)
    return restored
