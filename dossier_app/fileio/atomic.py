"""Atomic file replacement: a reader sees the old bytes or the new ones, never a mix.

The bytes go to a hidden temporary file in the target's own folder (so that
``os.replace`` is a rename on one filesystem), are flushed to disk, get the
original file's permission bits, and then replace the target in one step. The
folder is synced last so the rename itself survives a power cut.

Any failure removes the temporary file, leaves the target untouched and raises
``SaveError`` naming the step: ``check`` (the file is read-only), ``create temp
file``, ``write``, ``fsync``, ``chmod`` or ``replace``, with the operating
system's reason ("No space left on device", "Permission denied").
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator

from .problems import SaveError

__all__ = ["atomic_path", "current_umask", "write_bytes_atomic"]


def current_umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: the only API sets it; put it straight back
    os.umask(mask)
    return mask


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _is_read_only(st: os.stat_result, path: str) -> bool:
    """A file nobody may write, or that we may not write (even root keeps its hands off)."""
    no_write_bits = not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return no_write_bits or not os.access(path, os.W_OK)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # never seen, but a loop that cannot progress must not spin
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        view = view[written:]


def _fsync_folder(folder: str) -> None:
    # The data is already in place; a filesystem that cannot sync folders
    # (some network mounts) must not turn a finished save into an error.
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _checked_target(shown: str) -> tuple[str, os.stat_result | None, int]:
    """The real file to replace, its state (None when new) and the mode the new one gets."""
    target = os.path.realpath(shown)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise SaveError(shown, "check", _reason(exc)) from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise SaveError(shown, "check", os.strerror(errno.EISDIR))
        if _is_read_only(st, target):
            raise SaveError(shown, "check", "Permission denied (the file is read-only)")
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~current_umask()
    return target, st, mode


@contextlib.contextmanager
def _replacing(shown: str, by_name: bool) -> Iterator[tuple[int, str]]:
    """The temporary file (descriptor and name) that replaces ``shown`` when the block ends.

    ``by_name``: the writer writes through the name (maybe a new file there), so the
    file is opened again by name to be synced."""
    target, st, mode = _checked_target(shown)
    folder, name = os.path.split(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise SaveError(shown, "create temp file", _reason(exc)) from exc
    step = "write"
    try:
        try:
            yield fd, tmp
            step = "fsync"
            if by_name:
                os.close(fd)
                fd = os.open(tmp, os.O_RDONLY)
            os.fsync(fd)
        finally:
            os.close(fd)
        if st is not None and hasattr(os, "chown"):
            # Keep the group of a file on a shared drive; only allowed for its members.
            with contextlib.suppress(OSError):
                os.chown(tmp, -1, st.st_gid)
        step = "chmod"
        os.chmod(tmp, mode)
        step = "replace"
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SaveError(shown, step, _reason(exc)) from exc
        raise
    _fsync_folder(folder)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits.

    A symbolic link is followed: the file it points to is replaced, the link
    stays. A new file gets the usual mode (0666 less the umask).
    """
    with _replacing(os.fspath(path), by_name=False) as (fd, _tmp):
        _write_all(fd, data)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[str]:
    """A temporary file's name beside ``path``, for a writer that wants a name (a PDF library).

    When the block ends without an exception the file is synced and replaces
    ``path`` as ``write_bytes_atomic`` does (same checks, mode and group kept,
    folder synced); otherwise it is removed and ``path`` is untouched. An
    ``OSError`` of the writer or of a step becomes ``SaveError``.
    """
    with _replacing(os.fspath(path), by_name=True) as (_fd, tmp):
        yield tmp
