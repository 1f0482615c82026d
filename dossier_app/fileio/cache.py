"""The parse cache: a file read before opens again without parsing it.

Parsing and validating a big dossier takes most of the time of opening it.
The result only depends on the file's bytes and on this code, so it is kept
in the user cache folder (``…/dossier-app/parse/``) under a key made of the
content hash of the bytes and a fingerprint of the code that made it. An
entry is used only when the bytes hash the same; anything wrong with an entry
(unreadable, truncated, flipped bits, made by other code) makes it a miss and
it is removed. The folder is safe to delete at any time; it is kept under a
size bound by dropping the least recently used entries.

Entries are pickles of the ``LoadResult`` in which every domain object is
reduced to its constructor arguments and equal partial dates are shared: that
loads about as fast as Python can build the objects, and the unpickler
accepts only the app's own classes.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import gc
import hashlib
import io
import operator
import os
import pickle
import stat
import struct
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.dates import PartialDate
from ..domain.model import Company, Development, Dossier, Figure, Source
from .hashing import content_hash
from .problems import LoadResult, Problem
from .yamltypes import Timestamp

#: Bump when the layout of an entry changes.
CACHE_FORMAT = 1
#: Entries beyond this total size are evicted, least recently used first.
MAX_CACHE_BYTES = 200 * 1024 * 1024
#: Files larger than this are read without the cache (the loader sets its own limit).
MAX_ENTRY_SOURCE_BYTES = 96 * 1024 * 1024

_MAGIC = b"DOSSIERCACHE\x00"
_HEADER = struct.Struct("<QI")  # payload length, CRC-32 of the payload
_SUFFIX = ".pickle"

_DOMAIN_CLASSES: tuple[type, ...] = (Dossier, Company, Source, Development, Figure)


def cache_dir() -> Path:
    """The folder holding parse-cache entries (it may not exist yet)."""
    import platformdirs  # only needed once a cache is used; keeps `check` imports lean

    return Path(platformdirs.user_cache_dir("dossier-app", "Dossier")) / "parse"


def read_dossier_cached(path: str | os.PathLike[str], directory: Path | None = None) -> LoadResult:
    """``read_dossier(path)``, answered from the parse cache when the bytes are unchanged.

    Never raises, like ``read_dossier``. A miss parses the bytes once and
    stores the result for next time; a cache that cannot be written is ignored.
    """
    name = os.fspath(path)
    try:
        # Regular files only: opening a named pipe waits forever and /dev/zero never
        # ends (the loader says what such a path is); the read is bounded all the same.
        if not stat.S_ISREG(os.stat(name).st_mode):
            raise OSError(name)
        with open(name, "rb") as fh:
            too_big = os.fstat(fh.fileno()).st_size > MAX_ENTRY_SOURCE_BYTES
            data = b"" if too_big else fh.read(MAX_ENTRY_SOURCE_BYTES + 1)
            too_big = too_big or len(data) > MAX_ENTRY_SOURCE_BYTES
    except (OSError, ValueError):
        too_big = True
    if too_big:
        from .loader import read_dossier

        return read_dossier(path)  # unreadable or huge: the loader words the problem
    folder = cache_dir() if directory is None else directory
    digest = content_hash(data)
    entry = folder / f"{_code_fingerprint()}-{digest}{_SUFFIX}"
    cached = _read_entry(entry, digest)
    if cached is not None:
        return _repath(cached, name)
    from .loader import parse_dossier_bytes  # a hit needs neither YAML nor the schema

    result = parse_dossier_bytes(data, name)
    if result.content_hash is None:
        result.content_hash = digest
    _write_entry(folder, entry, result)
    return result


def clear_cache(directory: Path | None = None) -> None:
    """Remove every entry (the folder itself stays)."""
    folder = cache_dir() if directory is None else directory
    for p in _entries(folder):
        _unlink(p)


# -- entries ----------------------------------------------------------------
def _read_entry(entry: Path, digest: str) -> LoadResult | None:
    try:
        with open(entry, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    result = _decode(blob)
    if result is None or result.content_hash != digest:
        _unlink(entry)
        return None
    with suppress(OSError):
        os.utime(entry)  # recently used: evicted last
    return result


def _write_entry(folder: Path, entry: Path, result: LoadResult) -> None:
    import tempfile

    try:
        blob = _encode(result)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, entry)
        except BaseException:
            _unlink(Path(tmp))
            raise
        _evict(folder, keep=entry)
    except (OSError, pickle.PicklingError, RecursionError, TypeError, ValueError):
        pass  # a cache that cannot be written costs speed, never correctness


def _evict(folder: Path, keep: Path, limit: int | None = None) -> None:
    bound = MAX_CACHE_BYTES if limit is None else limit
    sized: list[tuple[float, int, Path]] = []
    total = 0
    for p in _entries(folder):
        try:
            st = p.stat()
        except OSError:
            continue
        sized.append((st.st_mtime, st.st_size, p))
        total += st.st_size
    for _mtime, size, p in sorted(sized, key=lambda t: t[0]):
        if total <= bound:
            break
        if p != keep:
            _unlink(p)
            total -= size


def _entries(folder: Path) -> Iterator[Path]:
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.endswith(_SUFFIX) and e.is_file(follow_symlinks=False):
                    yield Path(e.path)
    except OSError:
        return


def _unlink(p: Path) -> None:
    with suppress(OSError):
        p.unlink()


def _repath(result: LoadResult, path: str) -> LoadResult:
    """The same content read under another name reports that name."""
    if result.path != path:
        result.path = path
        result.problems = [dataclasses.replace(p, path=path) for p in result.problems]
    return result


# -- encoding -----------------------------------------------------------------
def _encode(result: LoadResult) -> bytes:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(result)
    payload = buf.getvalue()
    return _MAGIC + _HEADER.pack(len(payload), zlib.crc32(payload)) + payload


def _decode(blob: bytes) -> LoadResult | None:
    head = len(_MAGIC) + _HEADER.size
    if len(blob) < head or not blob.startswith(_MAGIC):
        return None
    length, crc = _HEADER.unpack_from(blob, len(_MAGIC))
    payload = memoryview(blob)[head:]
    if length != len(payload) or zlib.crc32(payload) != crc:
        return None
    try:
        with _gc_paused():
            result = _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # any damage the checksum missed: a miss, never a crash
        return None
    return result if isinstance(result, LoadResult) else None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Build tens of thousands of objects without the cycle collector rescanning them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_DATES: dict[tuple[int, int | None, int | None, bool], PartialDate] = {}


def _date(year: int, month: int | None, day: int | None, approximate: bool) -> PartialDate:
    """Equal dates come back as one shared (immutable) object, validated once."""
    key = (year, month, day, approximate)
    value = _DATES.get(key)
    if value is None:
        if len(_DATES) > 200_000:
            _DATES.clear()
        value = _DATES[key] = PartialDate(year, month, day, approximate)
    return value


def _reduce_date(d: PartialDate) -> tuple[Callable[..., PartialDate], tuple[Any, ...]]:
    return _date, (d.year, d.month, d.day, d.approximate)


def _constructor_reducer(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """Reduce a dataclass to a call of its constructor with every field, in order."""
    names = [f.name for f in dataclasses.fields(cls)]
    fields_of = operator.attrgetter(*names)
    # Tags and source references repeat across thousands of items: written once
    # each (the pickle memo shares identical objects), they load as shared strings.
    shared = [i for i, n in enumerate(names) if n in _SHARED_STRING_LISTS]

    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        args = fields_of(obj) if len(names) > 1 else (fields_of(obj),)
        if not shared:
            return cls, args
        out = list(args)
        for i in shared:
            value = out[i]
            if type(value) is list:
                out[i] = [sys.intern(v) if type(v) is str else v for v in value]
        return cls, tuple(out)

    return reduce


_SHARED_STRING_LISTS = frozenset({"tags", "sources", "aliases"})
_DISPATCH: dict[type, Callable[[Any], Any]] = {PartialDate: _reduce_date}
for _cls in _DOMAIN_CLASSES:
    if all(f.init for f in dataclasses.fields(_cls)):
        _DISPATCH[_cls] = _constructor_reducer(_cls)

_ALLOWED: dict[tuple[str, str], Any] = {
    (c.__module__, c.__qualname__): c
    for c in (*_DOMAIN_CLASSES, PartialDate, LoadResult, Problem, Timestamp)
}
_ALLOWED[(__name__, "_date")] = _date
for _cls in (_dt.date, _dt.datetime, _dt.time, _dt.timedelta, _dt.timezone):
    _ALLOWED[(_cls.__module__, _cls.__qualname__)] = _cls
_ALLOWED[("builtins", "set")] = set
_ALLOWED[("builtins", "frozenset")] = frozenset
_ALLOWED[("builtins", "bytearray")] = bytearray


class _Unpickler(pickle.Unpickler):
    """Builds only the app's own types: a planted entry cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed here") from None


# -- key -----------------------------------------------------------------------
_FINGERPRINT: str | None = None


def _code_fingerprint() -> str:
    """Changes whenever the code that reads files or shapes the objects may have changed."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        h = hashlib.blake2b(digest_size=6)
        h.update(f"{CACHE_FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
        for cls in (*_DOMAIN_CLASSES, PartialDate, LoadResult, Problem):
            h.update(repr([f.name for f in dataclasses.fields(cls)]).encode())
        package = Path(__file__).resolve().parent.parent
        for folder, pattern in (
            (package / "domain", "*.py"),
            (package / "fileio", "*.py"),
            (package / "schema", "*.json"),
        ):
            for src in sorted(folder.glob(pattern)):
                try:
                    st = src.stat()
                except OSError:
                    continue
                h.update(f"{src.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        _FINGERPRINT = f"v{CACHE_FORMAT}-{h.hexdigest()}"
    return _FINGERPRINT
