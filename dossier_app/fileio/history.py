"""A dossier's history from git, read with dulwich: no ``git`` program, no parsing of its output.

``file_history`` lists the commits that touched a file, newest first, with
author, dates and message, following renames (dulwich's rename detection);
``read_at`` gives the file's bytes at a commit; ``blob_at_date`` and
``version_at_date`` the last version committed on or before a day. Every
function answers ``None`` or an empty list where the file lies outside a git
work tree, and raises
``HistoryError`` (with a sentence for the user) only for a revision that does
not exist or a repository that cannot be read.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dulwich.objects import Commit
    from dulwich.repo import Repo


class HistoryError(Exception):
    """A revision or repository that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Version:
    """One commit that touched the file."""

    commit: str  # hex id
    author: str  # "Name <email>"
    #: Author and commit times, aware (in the time zone the commit records).
    authored: _dt.datetime
    committed: _dt.datetime
    message: str
    #: The file's path in the repository at that commit (it may have been renamed since).
    path: str

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def subject(self) -> str:
        return self.message.strip().splitlines()[0] if self.message.strip() else ""


@dataclass(frozen=True, slots=True)
class Tracked:
    """Where a file sits in a repository: the work tree's root and the path inside it."""

    root: str
    path: str  # with "/" separators


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _when(seconds: int, offset: int) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(seconds, _dt.timezone(_dt.timedelta(seconds=offset)))


def _version(commit: Commit, path: str) -> Version:
    return Version(
        commit=_text(commit.id),
        author=_text(commit.author),
        authored=_when(commit.author_time, commit.author_timezone),
        committed=_when(commit.commit_time, commit.commit_timezone),
        message=_text(commit.message),
        path=path,
    )


def _under_git(folder: Path) -> bool:
    """Whether a folder or one above it holds a ``.git`` (a folder, or a worktree's file)."""
    return any(os.path.lexists(os.path.join(f, ".git")) for f in (folder, *folder.parents))


@contextmanager
def _open_repo(file: str | os.PathLike[str]) -> Iterator[tuple[Repo, Tracked] | None]:
    """The repository holding ``file`` and its path there, or None outside a work tree."""
    target = Path(os.path.realpath(file))
    if not _under_git(target.parent):
        yield None  # the usual case outside git: dulwich is not even imported
        return
    from dulwich.errors import NotGitRepository
    from dulwich.repo import Repo

    try:
        repo = Repo.discover(str(target.parent))
    except (NotGitRepository, OSError, ValueError):
        yield None
        return
    try:
        root = Path(os.path.realpath(repo.path))
        try:
            rel = target.relative_to(root)
        except ValueError:
            yield None
            return
        if rel.parts and rel.parts[0] == ".git":
            yield None
            return
        yield repo, Tracked(str(root), rel.as_posix())
    finally:
        repo.close()


def tracked(file: str | os.PathLike[str]) -> Tracked | None:
    """Where ``file`` is in a git work tree (whether or not it is committed), or None."""
    with _open_repo(file) as found:
        return found[1] if found is not None else None


def _has_head(repo: Repo) -> bool:
    try:
        repo.head()
    except KeyError:
        return False
    return True


def _walk(repo: Repo, path: str) -> Iterator[Version]:
    """Commits that touched ``path`` from HEAD back, following renames."""
    if not _has_head(repo):
        return
    # No ``until``: the walker would then skip newer commits without noticing a rename.
    walker = repo.get_walker(paths=[path.encode("utf-8")], follow=True)
    current = path.encode("utf-8")
    for entry in walker:
        commit = entry.commit
        yield _version(commit, _text(current))
        # Before a rename the file had its old name.
        changes = entry.changes()
        for change in changes:
            if isinstance(change, list):  # a merge commit: one list per parent
                continue
            new = change.new.path if change.new is not None else None
            old = change.old.path if change.old is not None else None
            if new == current and old is not None and old != new:
                current = old
                break


def file_history(file: str | os.PathLike[str], limit: int | None = None) -> list[Version]:
    """The commits that touched ``file``, newest first (empty outside git or when uncommitted)."""
    try:
        with _open_repo(file) as found:
            if found is None:
                return []
            repo, where = found
            out = []
            for version in _walk(repo, where.path):
                out.append(version)
                if limit is not None and len(out) >= limit:
                    break
            return out
    except (OSError, KeyError, ValueError) as exc:
        raise HistoryError(f"the git history cannot be read: {exc}") from exc


def _oid(hex_id: str) -> Any:
    from dulwich.objects import ObjectID

    return ObjectID(hex_id.encode("ascii"))


def _commit_of(repo: Repo, version: Version) -> Commit:
    from dulwich.objects import Commit

    obj = repo.object_store[_oid(version.commit)]
    if not isinstance(obj, Commit):
        raise KeyError(version.commit)
    return obj


def _blob_id(repo: Repo, commit: Commit, path: str) -> str | None:
    from dulwich.errors import NotTreeError
    from dulwich.object_store import tree_lookup_path

    try:
        _mode, sha = tree_lookup_path(repo.object_store.__getitem__, commit.tree,
                                      path.encode("utf-8"))
    except (KeyError, NotTreeError):
        return None
    return _text(sha)


def _blob_at(repo: Repo, commit: Commit, path: str) -> bytes | None:
    from dulwich.objects import Blob

    sha = _blob_id(repo, commit, path)
    if sha is None:
        return None
    obj = repo.object_store[_oid(sha)]
    return obj.data if isinstance(obj, Blob) else None


def _commit(repo: Repo, revision: str) -> Commit:
    from dulwich.objects import Commit, Tag
    from dulwich.objectspec import parse_object

    try:
        obj = parse_object(repo, revision.encode("utf-8"))
        while isinstance(obj, Tag):
            obj = repo.object_store[obj.object[1]]
    except (KeyError, ValueError, IndexError) as exc:
        raise HistoryError(f"unknown revision {revision!r}") from exc
    if not isinstance(obj, Commit):
        raise HistoryError(f"{revision!r} is not a commit")
    return obj


def read_at(file: str | os.PathLike[str], revision: str) -> tuple[Version, bytes | None]:
    """The commit ``revision`` names (``HEAD``, ``HEAD~2``, a branch, a tag, an id) and
    the bytes ``file`` had there (None when it did not exist under that name).

    Raises ``HistoryError`` outside git or for an unknown revision.
    """
    with _open_repo(file) as found:
        if found is None:
            raise HistoryError("the file is not in a git work tree")
        repo, where = found
        commit = _commit(repo, revision)
        data = _blob_at(repo, commit, where.path)
        if data is None:
            # Renamed since: the name it had at that commit, from the history.
            for version in _walk(repo, where.path):
                if version.commit == _text(commit.id):
                    data = _blob_at(repo, commit, version.path)
                    return _version(commit, version.path), data
        return _version(commit, where.path), data


def read_version(file: str | os.PathLike[str], version: Version) -> bytes | None:
    """The bytes of ``file`` at a version from ``file_history``."""
    with _open_repo(file) as found:
        if found is None:
            return None
        repo, _ = found
        with suppress(KeyError):
            return _blob_at(repo, _commit_of(repo, version), version.path)
        return None


def blob_at_date(
    file: str | os.PathLike[str], day: _dt.date
) -> tuple[Version, str] | None:
    """The file as committed on or before ``day`` (in each commit's own time zone): the
    last such commit and the file's blob id there; None outside git or when none is that old.

    The commits are walked newest first without comparing trees, and the file is looked
    up in the first one old enough; only when it is not there under its present name
    (renamed since) are the file's own commits followed back.
    """
    try:
        with _open_repo(file) as found:
            if found is None or not _has_head(found[0]):
                return None
            repo, where = found
            for entry in repo.get_walker():
                commit = entry.commit
                if _when(commit.commit_time, commit.commit_timezone).date() > day:
                    continue
                sha = _blob_id(repo, commit, where.path)
                if sha is not None:
                    return _version(commit, where.path), sha
                break
            for version in _walk(repo, where.path):  # renamed since, or not there then
                if version.committed.date() <= day:
                    sha = _blob_id(repo, _commit_of(repo, version), version.path)
                    return (version, sha) if sha is not None else None
            return None
    except (OSError, KeyError, ValueError) as exc:
        raise HistoryError(f"the git history cannot be read: {exc}") from exc


def read_blob(file: str | os.PathLike[str], blob_id: str) -> bytes | None:
    """The bytes of a blob of the repository holding ``file``."""
    from dulwich.objects import Blob

    with _open_repo(file) as found:
        if found is None:
            return None
        try:
            obj = found[0].object_store[_oid(blob_id)]
        except KeyError:
            return None
        return obj.data if isinstance(obj, Blob) else None


def version_at_date(
    file: str | os.PathLike[str], day: _dt.date
) -> tuple[Version, bytes] | None:
    """``blob_at_date`` with the file's bytes."""
    found = blob_at_date(file, day)
    if found is None:
        return None
    data = read_blob(file, found[1])
    return (found[0], data) if data is not None else None
