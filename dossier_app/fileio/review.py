"""What changed since the last review: the dossier as it was at its ``reviewed:`` date.

That version comes from git where the file is in a work tree and a commit of
it is that old (the last one on or before the day), else from the app's own
copy kept when the review was marked (``snapshots``). Both are read through
the parse cache (a git version is first copied into the user cache folder),
so that the comparison made on opening costs a cache hit and a diff.
``since_review`` never raises: the Overview shows nothing rather than an error.
Given the content hash of the open bytes, the comparison itself is kept in the
user cache folder, keyed by both versions, and read back on the next open.
"""

from __future__ import annotations

import datetime as _dt
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs

from .. import __version__
from ..domain.dates import PartialDate
from ..domain.diff import DossierDiff, diff_dossiers
from ..domain.model import Dossier
from .atomic import write_bytes_atomic
from .history import HistoryError, Version, blob_at_date, read_blob
from .problems import LoadResult, SaveError
from .snapshots import review_snapshot

#: Keys the review itself changes: left out of "what changed since".
REVIEW_KEYS = ("reviewed",)


@dataclass(frozen=True, slots=True)
class ReviewVersion:
    """The dossier's file as it was at its review."""

    reviewed: _dt.date
    origin: Literal["git", "snapshot"]
    #: ``commit 1a2b3c4 of 21 Sep 2021`` or ``the copy kept at the review``.
    label: str
    #: A file holding those bytes, in the app's own folders (never beside the dossier).
    file: Path
    #: Names those bytes for the cache of comparisons: ``git-<blob id>`` or ``copy-<hash>``.
    key: str
    version: Version | None = None


@dataclass(frozen=True, slots=True)
class SinceReview:
    """The changes from the reviewed version to the current one."""

    baseline: ReviewVersion
    diff: DossierDiff

    def summary(self) -> str:
        """``Since 22 Sep 2021: 3 developments added, 1 figure changed``."""
        text = self.diff.summary() or "no changes"
        return f"Since {_short_date(self.baseline.reviewed)}: {text}"


def versions_dir() -> Path:
    """Where versions read from git are kept for the parse cache."""
    return Path(platformdirs.user_cache_dir("dossier-app", "Dossier")) / "versions"


def _kept_copy(path: str | os.PathLike[str], blob: str) -> Path | None:
    """A copy of a blob in the user cache folder (made once; a blob never changes)."""
    file = versions_dir() / f"git-{blob}.yaml"
    if not file.is_file():
        data = read_blob(path, blob)
        if data is None:
            return None
        file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(file, data)
    return file


def _short_date(day: _dt.date) -> str:
    return PartialDate.from_date(day).display()


def review_version(
    path: str | os.PathLike[str], reviewed: _dt.date, snapshot_root: Path | None = None
) -> tuple[ReviewVersion | None, str]:
    """The version at the review of ``reviewed``, or None and the reason there is none."""
    try:
        found = blob_at_date(path, reviewed)
    except HistoryError as exc:
        found, git_reason = None, str(exc)
    else:
        git_reason = "no commit of the file is that old"
    if found is not None:
        version, blob = found
        try:
            file = _kept_copy(path, blob)
        except (SaveError, OSError) as exc:
            return None, f"the version from git cannot be kept: {exc}"
        if file is not None:
            label = f"commit {version.short} of {_short_date(version.committed.date())}"
            return ReviewVersion(reviewed, "git", label, file, f"git-{blob}", version), ""
    snap = review_snapshot(path, reviewed, snapshot_root)
    if snap is not None:
        return ReviewVersion(reviewed, "snapshot", "the copy kept at the review", snap.file,
                             f"copy-{snap.content_hash}"), ""
    return None, (
        f"no version of the file from its review on {_short_date(reviewed)}: "
        f"{git_reason}, and no copy was kept when it was marked reviewed"
    )


def load_version(file: Path) -> LoadResult:
    from .cache import read_dossier_cached

    return read_dossier_cached(file)


def since_review(
    path: str | os.PathLike[str],
    current: Dossier,
    snapshot_root: Path | None = None,
    content_hash: str | None = None,
) -> SinceReview | None:
    """The changes since the dossier's review; None when it has no ``reviewed:`` date or
    no version from then is to be had. Never raises.

    ``content_hash`` is that of the bytes ``current`` was read from (``LoadResult``):
    with it, the comparison is kept in the user cache folder and the next open of the
    same bytes reads it back instead of reading the reviewed version and comparing.
    Leave it out for a dossier with unsaved edits.
    """
    try:
        if current.reviewed is None:
            return None
        baseline, _ = review_version(path, current.reviewed.first_day(), snapshot_root)
        if baseline is None:
            return None
        entry = _diff_entry(content_hash, baseline) if content_hash else None
        diff = _read_diff(entry) if entry is not None else None
        if diff is None:
            old = load_version(baseline.file).dossier
            if old is None:
                return None
            diff = diff_dossiers(old, current, ignore=REVIEW_KEYS)
            if entry is not None:
                _write_diff(entry, diff)
        return SinceReview(baseline, diff)
    except Exception:  # the Overview must open whatever the history holds
        return None


def since_review_summary(
    path: str | os.PathLike[str],
    current: Dossier,
    snapshot_root: Path | None = None,
    content_hash: str | None = None,
) -> str | None:
    """The Overview's line, ``Since 22 Sep 2021: 3 developments added, 1 figure changed``."""
    result = since_review(path, current, snapshot_root, content_hash)
    return result.summary() if result is not None else None


# -- kept comparisons ---------------------------------------------------------------

#: Bump when what a kept comparison holds changes.
DIFF_FORMAT = 1
_ALLOWED = {
    ("dossier_app.domain.diff", "Change"),
    ("dossier_app.domain.diff", "DossierDiff"),
    ("dossier_app.domain.dates", "PartialDate"),
    ("dossier_app.fileio.yamltypes", "Timestamp"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timezone"),
    ("datetime", "timedelta"),
}


class _Unpickler(pickle.Unpickler):
    """Only the classes a comparison is made of: anything else makes the entry a miss."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a comparison")
        return super().find_class(module, name)


def comparisons_dir() -> Path:
    return Path(platformdirs.user_cache_dir("dossier-app", "Dossier")) / "since-review"


def _diff_entry(current_hash: str, baseline: ReviewVersion) -> Path:
    return comparisons_dir() / (
        f"{DIFF_FORMAT}-{__version__}-{baseline.key}-{current_hash}.pickle"
    )


def _read_diff(entry: Path) -> DossierDiff | None:
    try:
        with open(entry, "rb") as fh:
            diff = _Unpickler(fh).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
            TypeError, IndexError):
        return None
    return diff if isinstance(diff, DossierDiff) else None


def _write_diff(entry: Path, diff: DossierDiff) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(entry, pickle.dumps(diff, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, SaveError, pickle.PicklingError):
        pass  # a cache that cannot be written only costs the next open a comparison
