"""What changed since the last review: the dossier as it was at its ``reviewed:`` date.

That version comes from git where the file is in a work tree and a commit of
it is that old (the last one on or before the day), else from the app's own
copy kept when the review was marked (``snapshots``). Both are read through
the parse cache (a git version is first copied into the user cache folder),
so that the comparison made on opening costs a cache hit and a diff.
``since_review`` never raises: the Overview shows nothing rather than an error.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

from ..domain.dates import PartialDate
from ..domain.diff import DossierDiff, diff_dossiers
from ..domain.model import Dossier
from .atomic import write_bytes_atomic
from .hashing import content_hash
from .history import HistoryError, Version, version_at_date
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


def _kept_copy(data: bytes) -> Path:
    file = versions_dir() / f"{content_hash(data)}.yaml"
    if not file.is_file():
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
        found = version_at_date(path, reviewed)
    except HistoryError as exc:
        found, git_reason = None, str(exc)
    else:
        git_reason = "no commit of the file is that old"
    if found is not None:
        version, data = found
        try:
            file = _kept_copy(data)
        except (SaveError, OSError) as exc:
            return None, f"the version from git cannot be kept: {exc}"
        label = f"commit {version.short} of {_short_date(version.committed.date())}"
        return ReviewVersion(reviewed, "git", label, file, version), ""
    snap = review_snapshot(path, reviewed, snapshot_root)
    if snap is not None:
        return ReviewVersion(reviewed, "snapshot", "the copy kept at the review", snap.file), ""
    return None, (
        f"no version of the file from its review on {_short_date(reviewed)}: "
        f"{git_reason}, and no copy was kept when it was marked reviewed"
    )


def load_version(file: Path) -> LoadResult:
    from .cache import read_dossier_cached

    return read_dossier_cached(file)


def since_review(
    path: str | os.PathLike[str], current: Dossier, snapshot_root: Path | None = None
) -> SinceReview | None:
    """The changes since the dossier's review; None when it has no ``reviewed:`` date or
    no version from then is to be had. Never raises."""
    try:
        if current.reviewed is None:
            return None
        baseline, _ = review_version(path, current.reviewed.first_day(), snapshot_root)
        if baseline is None:
            return None
        old = load_version(baseline.file).dossier
        if old is None:
            return None
        return SinceReview(baseline, diff_dossiers(old, current, ignore=REVIEW_KEYS))
    except Exception:  # the Overview must open whatever the history holds
        return None


def since_review_summary(
    path: str | os.PathLike[str], current: Dossier, snapshot_root: Path | None = None
) -> str | None:
    """The Overview's line, ``Since 22 Sep 2021: 3 developments added, 1 figure changed``."""
    result = since_review(path, current, snapshot_root)
    return result.summary() if result is not None else None
