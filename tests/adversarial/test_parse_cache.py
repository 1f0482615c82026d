"""The GUI reads through the parse cache: it must be as safe as the loader.

Entries are pickles in the user cache folder: a planted entry must not run code.

The entry below is framed exactly as the cache writes its own (magic, length,
CRC-32) so that only the restricted unpickler stands between it and
``os.system``. It must be a miss: the file is parsed again, correctly.
"""

from __future__ import annotations

import os
import pickle
import resource
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

from dossier_app.fileio import cache
from dossier_app.fileio.hashing import content_hash
from tests.adversarial.conftest import MEMORY_LIMIT, FifoWatch
from tests.conftest import ALIBABA, REPO


class _Payload:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (self.command,))


def _planted_entry(folder: Path, dossier: Path, marker: Path) -> Path:
    digest = content_hash(dossier.read_bytes())
    entry = folder / f"{cache._code_fingerprint()}-{digest}{cache._SUFFIX}"
    payload = pickle.dumps(_Payload(f"touch {marker}"), protocol=pickle.HIGHEST_PROTOCOL)
    folder.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(
        cache._MAGIC + cache._HEADER.pack(len(payload), zlib.crc32(payload)) + payload
    )
    return entry


def test_planted_cache_entry_never_runs(tmp_path: Path) -> None:
    dossier = tmp_path / "alibaba.yaml"
    shutil.copyfile(ALIBABA, dossier)
    marker = tmp_path / "pwned"
    folder = tmp_path / "cache"
    entry = _planted_entry(folder, dossier, marker)

    result = cache.read_dossier_cached(dossier, folder)

    assert not marker.exists(), "a cache entry ran code"
    assert result.dossier is not None and not result.errors
    assert result.dossier.company.short_name == "Alibaba"
    # The bad entry was replaced by a real one, which loads back the same.
    assert entry.exists() and entry.read_bytes().startswith(cache._MAGIC)
    again = cache.read_dossier_cached(dossier, folder)
    assert again.dossier == result.dossier
    assert not marker.exists()


def test_truncated_and_garbage_entries_are_misses(tmp_path: Path) -> None:
    dossier = tmp_path / "alibaba.yaml"
    shutil.copyfile(ALIBABA, dossier)
    folder = tmp_path / "cache"
    expected = cache.read_dossier_cached(dossier, folder).dossier
    [entry] = list(folder.glob(f"*{cache._SUFFIX}"))
    good = entry.read_bytes()
    for damaged in (good[: len(good) // 2], b"", os.urandom(4096), good[:-1] + b"\x00"):
        entry.write_bytes(damaged)
        result = cache.read_dossier_cached(dossier, folder)
        assert result.dossier == expected and not result.errors


def test_cached_reader_never_opens_a_fifo(tmp_path: Path) -> None:
    """The GUI reads through the cache: a named pipe would freeze the window forever."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with FifoWatch([fifo]) as watch:
        result = cache.read_dossier_cached(fifo, tmp_path / "cache")
    assert not watch.opened, "the cached reader opened a FIFO: it would block forever"
    assert result.dossier is None and result.errors


def test_cached_reader_stops_at_dev_zero(tmp_path: Path) -> None:
    """A symlink to /dev/zero: an endless file must not be read to the end of memory.

    In a child process capped at 500 MB, so that the failure is a MemoryError
    there rather than the test machine running out of memory.
    """
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    code = (
        "import sys\n"
        "from dossier_app.fileio.cache import read_dossier_cached\n"
        f"r = read_dossier_cached({str(link)!r}, {str(tmp_path / 'cache')!r})\n"
        "print(r.errors[0] if r.errors else 'no error')\n"
        # VmHWM, not ru_maxrss: a forked child inherits the test process's high-water mark.
        "print(next(int(x.split()[1]) for x in open('/proc/self/status')"
        " if x.startswith('VmHWM:')) // 1024)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT)),
    )
    assert run.returncode == 0, run.stderr[-2000:]
    message, peak_mb = run.stdout.strip().splitlines()
    print(message, f"(peak RSS {peak_mb} MB)")
    assert message != "no error"
    assert int(peak_mb) < 300, f"read {peak_mb} MB of /dev/zero before giving up: {message}"
