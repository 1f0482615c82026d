"""The app's own copies of a dossier as it was reviewed, kept in the user data folder.

Edit ▸ Mark Reviewed calls ``snapshot_reviewed`` with the bytes it saved. The
copies live under ``…/dossier-app/snapshots/`` (platformdirs' user data
folder), one folder per dossier named by a hash of the dossier's real path,
never beside the dossier. Each folder holds the copies (newest
``MAX_SNAPSHOTS``), an ``index.json`` describing them, and ``path.txt``
naming the dossier for a person looking in. Where a dossier is not under git,
these copies are its history.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from .atomic import write_bytes_atomic
from .hashing import content_hash

#: Copies kept per dossier; older ones are removed.
MAX_SNAPSHOTS = 50
_INDEX = "index.json"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One kept copy of a dossier."""

    file: Path
    taken: _dt.datetime  # aware, UTC
    #: The dossier's ``reviewed:`` date in that copy (None when it has none).
    reviewed: _dt.date | None
    content_hash: str

    def read(self) -> bytes:
        return self.file.read_bytes()


def snapshots_root() -> Path:
    return Path(platformdirs.user_data_dir("dossier-app", "Dossier")) / "snapshots"


def folder_for(path: str | os.PathLike[str], root: Path | None = None) -> Path:
    """The folder holding the copies of the dossier at ``path`` (keyed by its real path)."""
    real = os.path.realpath(os.fspath(path))
    key = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return (root or snapshots_root()) / key


def _load_index(folder: Path) -> list[dict[str, Any]]:
    try:
        entries = json.loads((folder / _INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _snapshot(folder: Path, entry: dict[str, Any]) -> Snapshot | None:
    try:
        reviewed = entry.get("reviewed")
        return Snapshot(
            file=folder / str(entry["file"]),
            taken=_dt.datetime.fromisoformat(str(entry["taken"])),
            reviewed=_dt.date.fromisoformat(reviewed) if isinstance(reviewed, str) else None,
            content_hash=str(entry["hash"]),
        )
    except (KeyError, ValueError, TypeError):
        return None


def snapshots(path: str | os.PathLike[str], root: Path | None = None) -> list[Snapshot]:
    """The kept copies of the dossier at ``path``, newest first (those still on disk)."""
    folder = folder_for(path, root)
    found = [_snapshot(folder, e) for e in _load_index(folder)]
    kept = [s for s in found if s is not None and s.file.is_file()]
    return sorted(kept, key=lambda s: s.taken, reverse=True)


def _reviewed_in(data: bytes, file: Path) -> _dt.date | None:
    """The ``reviewed:`` date of the copy; reading it through the parse cache also
    prepares the "since review" comparison that opening the dossier makes later."""
    from .cache import read_dossier_cached

    result = read_dossier_cached(file)
    if result.dossier is None or result.dossier.reviewed is None:
        return None
    return result.dossier.reviewed.first_day()


def snapshot_reviewed(
    path: str | os.PathLike[str],
    data: bytes,
    reviewed: _dt.date | None = None,
    root: Path | None = None,
) -> Snapshot:
    """Keep ``data`` (the dossier's bytes as reviewed) as the newest copy of ``path``.

    ``reviewed`` is the review date; when not given it is read from ``data``.
    Raises ``SaveError`` when the copy cannot be written.
    """
    folder = folder_for(path, root)
    folder.mkdir(parents=True, exist_ok=True)
    digest = content_hash(data)
    taken = _dt.datetime.now(_dt.UTC)
    name = f"{taken.strftime('%Y%m%dT%H%M%S%f')}-{digest[:12]}.yaml"
    file = folder / name
    write_bytes_atomic(file, data)
    if reviewed is None:
        reviewed = _reviewed_in(data, file)
    entries = _load_index(folder)
    entries.append({
        "file": name,
        "taken": taken.isoformat(),
        "reviewed": reviewed.isoformat() if reviewed is not None else None,
        "hash": digest,
    })
    entries.sort(key=lambda e: str(e.get("taken", "")))
    dropped, entries = entries[:-MAX_SNAPSHOTS], entries[-MAX_SNAPSHOTS:]
    write_bytes_atomic(folder / _INDEX, json.dumps(entries, indent=1).encode("utf-8"))
    write_bytes_atomic(folder / "path.txt",
                       (os.path.realpath(os.fspath(path)) + "\n").encode("utf-8",
                                                                         "surrogateescape"))
    for old in dropped:
        with suppress(OSError, KeyError):
            (folder / str(old["file"])).unlink()
    return Snapshot(file, taken, reviewed, digest)


def review_snapshot(
    path: str | os.PathLike[str], reviewed: _dt.date, root: Path | None = None
) -> Snapshot | None:
    """The newest copy kept at the review of ``reviewed`` (None when there is none)."""
    for snap in snapshots(path, root):
        if snap.reviewed == reviewed:
            return snap
    return None
