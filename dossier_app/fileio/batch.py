"""Checking many dossier files at once: the problems of each, in the order given.

A library folder holds hundreds of files whose checks do not depend on each
other, so they are shared out among worker processes (one per CPU, at most
``MAX_WORKERS``) and the answers come back in the files' order, exactly as a
one-by-one loop gives them. Only the problems and the review date travel back (no
dossier is built: ``read_dossier(build=False)``, and the bytes stay behind), so the
split costs little. Few files, one CPU, or a machine where worker processes cannot
start: the files are read here, one after the other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .loader import read_dossier
from .problems import LoadResult

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: Below this many files a pool costs more than it saves.
MIN_FILES_FOR_WORKERS = 16
MAX_WORKERS = 8
_CHUNK = 16


def _check(path: str) -> LoadResult:
    """What ``check`` needs of one file: its problems, evidence included, and its review
    date; not the dossier, nor the bytes (they would only cross between processes)."""
    result = read_dossier(path, evidence=True, build=False)
    result.data = None
    return result


def _checked(paths: Sequence[str]) -> list[LoadResult]:
    return [_check(p) for p in paths]


def _workers(files: int) -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cpus or cpus < 2 or files < MIN_FILES_FOR_WORKERS:
        return 1
    return min(cpus, MAX_WORKERS)


def check_files(paths: Sequence[str]) -> Iterator[LoadResult]:
    """``read_dossier(path, evidence=True, build=False)`` of each file of ``paths``, in order.

    Closing the iterator early (the reader of the output went away) cancels what
    the workers have not started."""
    workers = _workers(len(paths))
    if workers > 1:
        chunks = [paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
        pool = _pool(workers)
        if pool is not None:
            done = 0
            try:
                for result in pool.map(_checked, chunks):
                    yield from result
                    done += len(result)
                return
            except (OSError, RuntimeError, ImportError):  # BrokenProcessPool is one
                paths = paths[done:]  # what is left is read here
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    for path in paths:
        yield _check(path)


def _pool(workers: int) -> ProcessPoolExecutor | None:
    """A process pool, or None where one cannot be had."""
    import concurrent.futures
    import multiprocessing

    # fork on Linux: the workers start with the loader already imported; elsewhere
    # (macOS, Windows) the platform's safe default.
    method = "fork" if sys.platform.startswith("linux") else None
    try:
        context = multiprocessing.get_context(method)
        return concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)
    except (OSError, ValueError, ImportError, NotImplementedError):
        return None
