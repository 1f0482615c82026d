"""Crash safety: unsaved edits copied to the user's data folder once the user pauses.

Each modified document is written (canonical YAML, atomically) to
``<user data>/recovery/<hash of its path>.yaml`` with a JSON sidecar naming the
original file and the time. The dossier file itself is never touched. The
copy goes when the document is saved, reverted, discarded or closed cleanly;
one still there at the next start means the app did not close properly, and
the user is offered to restore it.

The costly part is made off the GUI thread: a timer looks every few seconds
for documents edited since their last copy and left alone for a moment
(``IDLE_S``), takes a snapshot of each (its lists copied: the undo commands
swap items rather than change them, so the snapshot never changes after),
and a worker thread turns the snapshot into YAML. The GUI thread then writes
the bytes (a few milliseconds; all file handles stay on one thread). Typing
in a big dossier never waits for a copy of it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import hashlib
import json
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
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

#: How often the timer looks for edits to copy.
INTERVAL_MS = 5000
#: A document is copied once it has not been edited for this long (seconds).
IDLE_S = 1.5


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


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A document's state for its recovery copy, taken on the GUI thread, written elsewhere."""

    key: str
    path: Path | None
    company: str
    dossier: Dossier
    generation: int


class RecoveryStore:
    """The recovery files of one user: write, list and remove them."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        #: Keys of documents without a file, so that each keeps one copy.
        self._untitled: dict[int, str] = {}
        # Bumped by each discard: a snapshot of an older generation is not written.
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()

    def key(self, doc: DossierDocument) -> str:
        if doc.path is not None:
            return hashlib.blake2b(str(doc.path).encode(), digest_size=10).hexdigest()
        return self._untitled.setdefault(id(doc), f"untitled-{len(self._untitled) + 1}")

    def paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.yaml", self.folder / f"{key}.json"

    def snapshot(self, doc: DossierDocument) -> Snapshot:
        """What a copy of ``doc`` holds, taken now (on the GUI thread; cheap: lists copied)."""
        key = self.key(doc)
        d = doc.dossier
        frozen = dataclasses.replace(
            d,
            tags=list(d.tags),
            sources=list(d.sources),
            timeline=list(d.timeline),
            figures=list(d.figures),
            extra=dict(d.extra),
            header_comments=list(d.header_comments),
        )
        with self._lock:
            generation = self._generations.get(key, 0)
        return Snapshot(key, doc.path, doc.display_name, frozen, generation)

    def write(self, doc: DossierDocument) -> None:
        """Copy the document's current state now; raises SaveError when it cannot."""
        self.write_snapshot(self.snapshot(doc))

    def write_snapshot(self, snap: Snapshot) -> bool:
        """Render and write a snapshot now; raises SaveError when it cannot."""
        return self.write_rendered(snap, self.render(snap))

    @staticmethod
    def render(snap: Snapshot) -> bytes:
        """The YAML of a snapshot: pure work, safe on any thread."""
        return dump_dossier(snap.dossier).encode("utf-8")

    def write_rendered(self, snap: Snapshot, data: bytes) -> bool:
        """Write a rendered snapshot (on the GUI thread); raises SaveError when it cannot.

        False, with nothing written, when the document's copy was discarded after
        the snapshot was taken (it was saved or closed meanwhile).
        """
        meta = {
            "path": str(snap.path) if snap.path is not None else None,
            "company": snap.company,
            "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
        }
        yaml_path, meta_path = self.paths(snap.key)
        with self._lock:  # a discard waits for a write in flight, then removes it
            if self._generations.get(snap.key, 0) != snap.generation:
                return False
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise SaveError(str(self.folder), "create folder", reason) from exc
            write_bytes_atomic(yaml_path, data)
            write_bytes_atomic(meta_path, json.dumps(meta, ensure_ascii=False, indent=1).encode())
        return True

    def discard(self, doc: DossierDocument) -> None:
        key = self.key(doc)
        with self._lock:  # snapshots taken before this are not written any more
            self._generations[key] = self._generations.get(key, 0) + 1
            self._remove(*self.paths(key))

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
    """Copies each document edited since its last copy, once the user pauses, off the GUI thread.

    ``documents`` lists the open documents each time (the main window's list);
    a document is copied only when it is modified and has changed since the last
    copy, and its copy is removed once it is back to its saved state. The timer
    (every ``interval_ms``) copies what has been left alone for ``idle_s``;
    ``write_pending()`` copies everything pending now and waits for it.
    """

    #: A copy could not be written (the text says why); edits are still in memory.
    failed = Signal(str)

    def __init__(
        self,
        store: RecoveryStore,
        documents: Callable[[], Iterable[DossierDocument]],
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
        idle_s: float = IDLE_S,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.documents = documents
        self.idle_s = idle_s
        self._seen: set[int] = set()
        self._dirty: set[int] = set()
        self._changed_at: dict[int, float] = {}
        self._pending: list[Future[None]] = []
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery")
        # What the worker rendered (document key, snapshot, bytes or the reason it could not).
        self._rendered: queue.SimpleQueue[tuple[int, Snapshot, bytes | str]] = queue.SimpleQueue()
        # Writes what the worker rendered, soon after it is done.
        self._collect = QTimer(self)
        self._collect.setInterval(100)
        self._collect.timeout.connect(self._write_rendered)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.destroyed.connect(partial(_shut_down, self._worker))

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
        self._changed_at[key] = time.monotonic()

    def _forget(self, key: int, _obj: object = None) -> None:
        self._seen.discard(key)
        self._dirty.discard(key)
        self._changed_at.pop(key, None)

    def _tick(self) -> None:
        """The timer's slot: start copies of the documents left alone for a moment."""
        self._write_rendered()
        self._start(idle_only=True)

    def write_pending(self) -> None:
        """Copy every document edited since its last copy now, and wait until written."""
        self._start(idle_only=False)
        self.flush()

    def flush(self) -> None:
        """Wait for the copies under way, and report their outcome."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.exception()  # waits
        self._write_rendered()

    def _start(self, idle_only: bool) -> None:
        now = time.monotonic()
        for doc in list(self.documents()):
            self.track(doc)
            key = id(doc)
            if key not in self._dirty:
                continue
            if idle_only and now - self._changed_at.get(key, 0.0) < self.idle_s:
                continue  # still being edited: the copy waits for a pause
            self._dirty.discard(key)
            if not doc.is_modified:
                self.store.discard(doc)
                continue
            snap = self.store.snapshot(doc)
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._worker.submit(self._render, key, snap))
            self._collect.start()

    def _render(self, key: int, snap: Snapshot) -> None:
        """On the worker thread: the YAML of one snapshot (no Qt, no files)."""
        try:
            self._rendered.put((key, snap, self.store.render(snap)))
        except (ValueError, TypeError, RecursionError) as exc:
            self._rendered.put((key, snap, str(exc) or type(exc).__name__))

    def _write_rendered(self) -> None:
        """On the GUI thread: write what the worker rendered; report what failed."""
        if not any(not f.done() for f in self._pending):
            self._collect.stop()
        while not self._rendered.empty():
            key, snap, data = self._rendered.get()
            error = data if isinstance(data, str) else ""
            if not error:
                assert isinstance(data, bytes)
                try:
                    self.store.write_rendered(snap, data)
                except (SaveError, OSError) as exc:
                    error = str(exc)
            if error:
                if key in self._seen:
                    self._dirty.add(key)  # try again next time
                self.failed.emit(f"Could not write the recovery copy of {snap.company}: {error}")

    def discard(self, doc: DossierDocument) -> None:
        """The document was saved, reverted or closed: its copy is no longer needed.

        A copy being written meanwhile is dropped (the store discards by generation).
        A document still modified afterwards (its close was discarded, but the quit was
        then cancelled by another document) is copied again on the next tick.
        """
        self.store.discard(doc)
        if doc.is_modified:
            self._dirty.add(id(doc))
            self._changed_at[id(doc)] = 0.0
        else:
            self._dirty.discard(id(doc))


def _shut_down(worker: ThreadPoolExecutor, _obj: object = None) -> None:
    worker.shutdown(wait=True)


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
