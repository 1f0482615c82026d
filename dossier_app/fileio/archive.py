"""Archived copies of sources, kept beside the dossier in ``<dossier stem>.sources/``.

An imported article is copied there as ``<source id>.<ext>`` with its main
text as ``<source id>.txt``; the source records the copy's path relative to
the dossier's folder (``archived:``) and the SHA-256 of its bytes
(``sha256:``). Paths in a file are untrusted: only a relative path inside the
dossier's folder is ever read, and only a regular file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .atomic import write_bytes_atomic
from .problems import SaveError

ARCHIVE_SUFFIX = ".sources"
_CHUNK = 1 << 20


class ArchiveError(Exception):
    """An archived copy that could not be written; nothing was left behind."""


@dataclass(frozen=True, slots=True)
class ArchiveProblem:
    """Why an archived copy cannot be trusted: a ``check`` code and the rest of a sentence."""

    code: str
    text: str


@dataclass(slots=True)
class ArchivedCopy:
    """What ``write_archive`` wrote: the source's ``archived`` and ``sha256`` values."""

    archived: str
    sha256: str
    text_path: Path | None
    written: list[Path] = field(default_factory=list)
    made_folder: Path | None = None

    def remove(self) -> None:
        """Undo the writing (an import that failed after it): files, then the new folder."""
        for path in self.written:
            with contextlib.suppress(OSError):
                path.unlink()
        if self.made_folder is not None:
            with contextlib.suppress(OSError):
                self.made_folder.rmdir()  # only when empty
        self.written = []


def archive_folder(dossier_path: str | os.PathLike[str]) -> Path:
    """``<folder>/<stem>.sources`` for the dossier ``<folder>/<stem>.yaml``."""
    p = Path(dossier_path)
    return p.parent / f"{p.stem}{ARCHIVE_SUFFIX}"


def archived_name(dossier_path: str | os.PathLike[str], source_id: str, ext: str) -> str:
    """The ``archived:`` value for a source's copy: ``<stem>.sources/<id>.<ext>``."""
    return f"{archive_folder(dossier_path).name}/{source_id}.{ext}"


def resolve_archived(dossier_path: str | os.PathLike[str], archived: str) -> Path | None:
    """The file an ``archived:`` value names, or None when it is absolute or leaves the folder."""
    if not archived or "\x00" in archived or "\\" in archived:
        return None
    rel = PurePosixPath(archived)
    if rel.is_absolute() or ".." in rel.parts or rel.parts[:1] == ("~",):
        return None
    folder = Path(dossier_path).parent
    path = folder.joinpath(*rel.parts)
    try:  # a symbolic link may still lead out of the folder
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):
        return None
    return path if inside else None


def sha256_of_file(path: Path) -> str:
    """Hex SHA-256 of a regular file; OSError for anything else (a pipe would never end)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise IsADirectoryError(f"{path} is not a regular file")
        digest = hashlib.sha256()
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def archive_problem(
    dossier_path: str | os.PathLike[str], archived: str, sha256: str | None
) -> ArchiveProblem | None:
    """What is wrong with a source's archived copy, or None when it is there (and matches)."""
    path = resolve_archived(dossier_path, archived)
    if path is None:
        return ArchiveProblem(
            "archived-outside",
            "is not a relative path inside the dossier's folder; it was not read",
        )
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return ArchiveProblem("archived-missing", "is missing")
    except (OSError, ValueError) as exc:
        return ArchiveProblem("archived-missing", f"cannot be read: {_reason(exc)}")
    if not stat.S_ISREG(mode):
        return ArchiveProblem("archived-missing", "is not a regular file")
    if sha256 is None:
        return None
    try:
        actual = sha256_of_file(path)
    except OSError as exc:
        return ArchiveProblem("archived-missing", f"cannot be read: {_reason(exc)}")
    if actual != sha256.lower():
        return ArchiveProblem(
            "archived-changed",
            f"has changed: its SHA-256 is {actual[:12]}…, not the recorded {sha256[:12]}…",
        )
    return None


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def archive_paths(
    dossier_path: str | os.PathLike[str], source_id: str, ext: str
) -> tuple[Path, Path | None]:
    """Where ``write_archive`` puts the copy and the text (None: the copy is the text)."""
    folder = archive_folder(dossier_path)
    copy = folder / f"{source_id}.{ext}"
    return copy, None if ext == "txt" else folder / f"{source_id}.txt"


def is_archive_free(dossier_path: str | os.PathLike[str], source_id: str, ext: str) -> bool:
    """True when neither file of a new archived copy exists yet."""
    copy, text = archive_paths(dossier_path, source_id, ext)
    return not copy.exists() and (text is None or not text.exists())


def write_archive(
    dossier_path: str | os.PathLike[str], source_id: str, ext: str, data: bytes, text: str | None
) -> ArchivedCopy:
    """Write the copy (and the main text as UTF-8 ``.txt``) atomically beside the dossier.

    Existing files are never overwritten. On any failure whatever was written
    is removed and ``ArchiveError`` says why.
    """
    folder = archive_folder(dossier_path)
    copy_path, text_path = archive_paths(dossier_path, source_id, ext)
    result = ArchivedCopy(
        archived=archived_name(dossier_path, source_id, ext),
        sha256=hashlib.sha256(data).hexdigest(),
        text_path=text_path or copy_path,
    )
    for path in (copy_path, text_path):
        if path is not None and (path.exists() or path.is_symlink()):
            raise ArchiveError(f"{path} already exists; it was left as it is")
    try:
        if not folder.is_dir():
            folder.mkdir()
            result.made_folder = folder
        write_bytes_atomic(copy_path, data)
        result.written.append(copy_path)
        if text_path is not None:
            write_bytes_atomic(text_path, (text or "").encode("utf-8"))
            result.written.append(text_path)
    except (OSError, SaveError) as exc:
        result.remove()
        raise ArchiveError(f"could not write the archived copy: {exc}") from exc
    except BaseException:
        result.remove()
        raise
    return result


def read_archived_text(dossier_path: str | os.PathLike[str], archived: str) -> str | None:
    """The archived main text of a source (``<id>.txt`` beside its copy), or None.

    For showing in a detail pane and searching: decoded leniently, never raises.
    """
    path = resolve_archived(dossier_path, archived)
    if path is None:
        return None
    text_path = path.with_suffix(".txt")
    try:
        fd = os.open(text_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            data = fh.read()
    except (OSError, ValueError):
        return None
    from .article import decode_text

    return decode_text(data)
