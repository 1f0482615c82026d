"""A git repository made in a test with dulwich (no git program), with commits at given dates."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from dulwich import porcelain
from dulwich.repo import Repo

AUTHOR = b"Ann Analyst <ann@example.org>"


def init(path: Path) -> Path:
    Repo.init(str(path), mkdir=not path.exists()).close()
    return path


def commit(repo: Path, message: str, when: _dt.datetime, *files: str,
           author: bytes = AUTHOR) -> str:
    """Stage ``files`` (relative to the repository) and commit them at ``when``."""
    with Repo(str(repo)) as r:
        porcelain.add(r, [str(repo / f) for f in files])
        stamp = when.timestamp()
        offset = int(when.utcoffset().total_seconds()) if when.utcoffset() else 0
        sha = porcelain.commit(r, message, author=author, committer=author,
                               author_timestamp=stamp, author_timezone=offset,
                               commit_timestamp=stamp, commit_timezone=offset)
    return sha.decode("ascii")


def rename(repo: Path, old: str, new: str) -> None:
    with Repo(str(repo)) as r:
        porcelain.mv(r, str(repo / old), str(repo / new))


def at(day: str, hour: int = 12) -> _dt.datetime:
    return _dt.datetime.combine(_dt.date.fromisoformat(day), _dt.time(hour), _dt.UTC)
